package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.vr.RenderUnavailableException;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.render.AvatarModel;
import no.trinn.vr.render.FrameRenderer;
import no.trinn.vr.scene.CameraPose;
import no.trinn.vr.scene.Rgb;
import no.trinn.vr.timeline.SessionTimeline;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trinn render}: a real PNG where EGL works (skipped with the reason elsewhere), and its errors. */
class RenderCommandTest {
    @TempDir
    Path home;

    private static void assumeRendering() {
        try (FrameRenderer r = FrameRenderer.offscreen()) {
            r.driver();
        } catch (RenderUnavailableException e) {
            Assumptions.abort(e.getMessage());
        }
    }

    @Test
    void writesAPngWithTheCharactersFaceVisible() throws IOException {
        assumeRendering();
        Path shot = home.resolve("shots/shot.png");
        CliRun.Result r = CliRun.run(home, "render", "coffee-order", "--at", "2.5s", "--out", shot.toString(),
                "--width", "640", "--height", "360");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Wrote " + shot + " (640x360, coffee-order at 2.50 s)"), r.out());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());

        SessionTimeline timeline = RenderCommand.timeline(ScenarioLibrary.shipped().require("coffee-order"));
        CameraPose cam = timeline.scene().camera();
        Vec3 head = AvatarModel.headCentre(timeline.avatar(), timeline.scene().characterPosition());
        Vec3 ndc = Mat4.perspective(cam.fovDegrees(), 640.0 / 360, 0.05, 80)
                .times(Mat4.lookAt(cam.eye(), cam.target(), new Vec3(0, 1, 0))).transformPoint(head);
        int cx = (int) Math.round((ndc.x() + 1) / 2 * 640);
        int cy = (int) Math.round((1 - ndc.y()) / 2 * 360) + 4;
        Rgb skin = timeline.avatar().skin();
        int near = 0;
        for (int y = cy - 8; y <= cy + 8; y++) {
            for (int x = cx - 8; x <= cx + 8; x++) {
                int rgb = img.getRGB(x, y);
                double k = ((rgb >> 16) & 0xff) / 255.0 / skin.r();
                double g = ((rgb >> 8) & 0xff) / 255.0 / skin.g();
                if (k > 0.45 && k < 1.35 && Math.abs(g - k) < 0.2) {
                    near++;
                }
            }
        }
        assertTrue(near > 0.4 * 17 * 17, "skin-coloured pixels around the face at (" + cx + ", " + cy + "): " + near);
    }

    @Test
    void pausedAndWithoutCaptionsDifferFromTheDefault() throws IOException {
        assumeRendering();
        Path plain = home.resolve("plain.png");
        Path bare = home.resolve("bare.png");
        Path paused = home.resolve("paused.png");
        for (String[] args : new String[][] {{"--out", plain.toString()}, {"--out", bare.toString(), "--no-captions"},
                {"--out", paused.toString(), "--paused"}}) {
            String[] all = new String[] {"render", "coffee-order", "--at", "2500ms", "--width", "320", "--height", "180"};
            String[] joined = new String[all.length + args.length];
            System.arraycopy(all, 0, joined, 0, all.length);
            System.arraycopy(args, 0, joined, all.length, args.length);
            CliRun.Result r = CliRun.run(home, joined);
            assertEquals(0, r.code(), r.toString());
        }
        BufferedImage a = ImageIO.read(plain.toFile());
        BufferedImage b = ImageIO.read(bare.toFile());
        BufferedImage c = ImageIO.read(paused.toFile());
        assertTrue(differing(a, b, 150, 180) > 100, "captions sit in the bottom band");
        assertTrue(differing(a, c, 0, 180) > 320 * 180 / 2, "the pause screen veils the scene");
    }

    private static int differing(BufferedImage a, BufferedImage b, int fromRow, int toRow) {
        int n = 0;
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void anUnknownIdIsBadInputWithSuggestions() {
        CliRun.Result r = CliRun.run(home, "render", "cofee-order", "--out", home.resolve("x.png").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("trinn: unknown scenario 'cofee-order'; did you mean: coffee-order?", r.err().strip());
        assertFalse(Files.exists(home.resolve("x.png")));
    }

    @Test
    void aBadTimeIsBadUsage() {
        for (String at : new String[] {"soon", "-1s", "NaNs", "2.5h"}) {
            CliRun.Result r = CliRun.run(home, "render", "coffee-order", "--at", at, "--out",
                    home.resolve("x.png").toString());
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().startsWith("trinn: --at must be a time from 0 to 86400 s such as 2.5s, 2.5 or 2500ms, "
                    + "was '" + at + "'"), r.err());
        }
    }

    @Test
    void anUnwritablePathIsBadInputInOneLine() throws IOException {
        Path file = Files.writeString(home.resolve("notes.txt"), "a file, not a folder");
        CliRun.Result r = CliRun.run(home, "render", "coffee-order", "--out", file.resolve("shot.png").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("trinn: cannot write " + file.resolve("shot.png") + ": " + file + " is not a folder",
                r.err().strip());
        CliRun.Result dir = CliRun.run(home, "render", "coffee-order", "--out", home.toString());
        assertEquals(2, dir.code(), dir.toString());
        assertEquals("trinn: cannot write " + home + ": it is a folder", dir.err().strip());
    }

    @Test
    void aBadSizeIsBadUsage() {
        CliRun.Result r = CliRun.run(home, "render", "coffee-order", "--width", "9", "--out",
                home.resolve("x.png").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("trinn: --width must lie in [16, 8192], was 9"), r.err());
    }

    @Test
    void benchRenderPrintsOffscreenFiguresAndWhichOutputsItMeasured() {
        assumeRendering();
        CliRun.Result r = CliRun.run(home, "bench", "render", "--frames", "3");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("offscreen: render 1280x720 samples=0 frames=3 p50="), r.out());
        assertTrue(r.out().contains("\nopenxr: not measured: ") || r.out().contains("\nopenxr: openxr "), r.out());
        assertTrue(r.out().contains("\nmeasured: offscreen"), r.out());
        CliRun.Result bad = CliRun.run(home, "bench", "render", "--frames", "0");
        assertEquals(2, bad.code(), bad.toString());
    }
}
