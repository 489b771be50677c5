package no.trinn.vr.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import no.trinn.vr.Viseme;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.avatar.AvatarState;
import no.trinn.vr.avatar.MouthShape;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.scene.CameraPose;
import no.trinn.vr.scene.Rgb;
import no.trinn.vr.scene.Scene;
import no.trinn.vr.scene.SceneLibrary;
import no.trinn.vr.scene.SettingKind;
import org.junit.jupiter.api.Test;

/** Tolerant pixel checks on real offscreen frames; skipped, with the reason, where EGL or OpenGL 3.3 is missing. */
class FrameRendererTest extends OffscreenRendering {
    private static final int W = 640;
    private static final int H = 360;
    private static final SceneLibrary LIBRARY = SceneLibrary.shipped();
    private static final Avatar AVATAR = Avatar.forCharacterId("pharmacist");
    private static final Caption LINE = new Caption(Caption.Side.CHARACTER, "Priya", "Hello, what can I do for you?");

    private static BufferedImage render(Frame frame, int w, int h) {
        BufferedImage image = renderer().render(frame, w, h);
        assertEquals(w, image.getWidth());
        assertEquals(h, image.getHeight());
        return image;
    }

    /** Where a world point lands in a w x h image from {@code camera}: {x, y} in pixels, y down. */
    private static int[] project(CameraPose camera, Vec3 p, int w, int h) {
        Mat4 vp = Mat4.perspective(camera.fovDegrees(), (double) w / h, 0.05, 80)
                .times(Mat4.lookAt(camera.eye(), camera.target(), new Vec3(0, 1, 0)));
        Vec3 ndc = vp.transformPoint(p);
        return new int[] {(int) Math.round((ndc.x() + 1) / 2 * w), (int) Math.round((1 - ndc.y()) / 2 * h)};
    }

    private static int count(BufferedImage img, int cx, int cy, int rx, int ry, java.util.function.IntPredicate test) {
        int n = 0;
        for (int y = Math.max(0, cy - ry); y <= Math.min(img.getHeight() - 1, cy + ry); y++) {
            for (int x = Math.max(0, cx - rx); x <= Math.min(img.getWidth() - 1, cx + rx); x++) {
                if (test.test(img.getRGB(x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }

    private static double meanLuma(BufferedImage img) {
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                sum += luma(img.getRGB(x, y));
            }
        }
        return sum / (img.getWidth() * img.getHeight());
    }

    /** Lit skin: each channel between 45% and 135% of the skin colour and in the skin's channel order. */
    private static boolean skinLike(int rgb, Rgb skin) {
        double r = ((rgb >> 16) & 0xff) / 255.0;
        double g = ((rgb >> 8) & 0xff) / 255.0;
        double b = (rgb & 0xff) / 255.0;
        double k = r / skin.r();
        return k > 0.45 && k < 1.35 && Math.abs(g / skin.g() - k) < 0.2 && Math.abs(b / skin.b() - k) < 0.25;
    }

    @Test
    void theAvatarsHeadIsVisibleWhereTheCameraExpectsIt() {
        Scene scene = LIBRARY.scene(SettingKind.PHARMACY);
        BufferedImage img = render(Frame.of(scene, AVATAR, AvatarState.REST, Captions.none()), W, H);
        int[] head = project(scene.camera(), AvatarModel.headCentre(AVATAR, scene.characterPosition()), W, H);
        int skin = count(img, head[0], head[1] + 4, 8, 8, rgb -> skinLike(rgb, AVATAR.skin()));
        assertTrue(skin > 0.4 * 17 * 17, "skin-coloured pixels around the face: " + skin);
        int far = count(img, 40, head[1], 8, 8, rgb -> skinLike(rgb, AVATAR.skin()));
        assertTrue(far < skin / 4, "the far left is background, not skin: " + far);
    }

    @Test
    void theMouthOpensOnAVowelAndClosesInSilence() {
        Scene scene = LIBRARY.scene(SettingKind.PHARMACY);
        Vec3 head = AvatarModel.headCentre(AVATAR, scene.characterPosition());
        CameraPose close = new CameraPose(head.plus(new Vec3(0, 0, 0.55)), head, 35);
        AvatarState open = AvatarState.REST.withMouth(MouthShape.of(Viseme.OPEN));
        AvatarState shut = AvatarState.REST.withMouth(MouthShape.of(Viseme.CLOSED));
        int[] mouth = project(close, AvatarModel.mouthCentre(AVATAR, open, scene.characterPosition()), W, H);
        int dark = darkRun(render(Frame.of(scene, AVATAR, open, Captions.none()).withCamera(close), W, H), mouth);
        int darkShut = darkRun(render(Frame.of(scene, AVATAR, shut, Captions.none()).withCamera(close), W, H),
                mouth);
        int darkRest = darkRun(render(Frame.of(scene, AVATAR, AvatarState.REST, Captions.none()).withCamera(close),
                W, H), mouth);
        assertTrue(dark >= 14, "dark gap between the lips on 'a', pixels high: " + dark);
        assertTrue(darkShut <= 6 && darkRest <= 6,
                "closed (" + darkShut + ") and resting (" + darkRest + ") mouths show at most a thin line");
    }

    /** The longest vertical run of dark pixels (the open mouth) in the columns around the mouth's centre. */
    private static int darkRun(BufferedImage img, int[] mouth) {
        int best = 0;
        for (int x = mouth[0] - 4; x <= mouth[0] + 4; x++) {
            int run = 0;
            for (int y = mouth[1] - 25; y <= mouth[1] + 25; y++) {
                run = luma(img.getRGB(x, y)) < 50 ? run + 1 : 0;
                best = Math.max(best, run);
            }
        }
        return best;
    }

    @Test
    void captionsAppearInTheBottomBandOnlyWhenSwitchedOn() {
        Scene scene = LIBRARY.scene(SettingKind.STREET);
        Captions captions = Captions.of(LINE, new Caption(Caption.Side.CLIENT, "You", "I need a prescription."));
        BufferedImage on = render(Frame.of(scene, AVATAR, AvatarState.REST, captions), W, H);
        BufferedImage off = render(Frame.of(scene, AVATAR, AvatarState.REST, captions.withVisible(false)), W, H);
        BufferedImage none = render(Frame.of(scene, AVATAR, AvatarState.REST, Captions.none()), W, H);
        int band = H / 4;
        int brightOn = count(on, W / 2, H - band / 2, W / 2, band / 2, rgb -> luma(rgb) > 225);
        int brightOff = count(off, W / 2, H - band / 2, W / 2, band / 2, rgb -> luma(rgb) > 225);
        assertTrue(brightOn > brightOff + 300, "bright text pixels with captions " + brightOn + ", without "
                + brightOff);
        int darkBox = count(on, W / 2, H - band / 2, W / 2, band / 2, rgb -> luma(rgb) < 60);
        assertTrue(darkBox > 2000, "a dark box behind the text: " + darkBox);
        assertEquals(meanLuma(off), meanLuma(none), 1e-9, "hidden captions draw nothing");
        int top = count(on, W / 2, H / 4, W / 2, H / 4, rgb -> luma(rgb) > 250);
        assertEquals(top, count(none, W / 2, H / 4, W / 2, H / 4, rgb -> luma(rgb) > 250), "nothing in the top half");
    }

    @Test
    void thePauseSceneIsDimmerAndCalm() {
        Scene scene = LIBRARY.scene(SettingKind.CAFE);
        Frame frame = Frame.of(scene, AVATAR, AvatarState.REST, Captions.of(LINE));
        BufferedImage normal = render(frame, W, H);
        BufferedImage paused = render(frame.paused(Frame.PAUSE_TEXT), W, H);
        assertTrue(meanLuma(paused) < 0.7 * meanLuma(normal), "paused " + meanLuma(paused) + " vs "
                + meanLuma(normal));
        int text = count(paused, W / 2, (int) (H * 0.7), W / 3, H / 14, rgb -> luma(rgb) > 180);
        assertTrue(text > 150, "pause text pixels: " + text);
    }

    @Test
    void everySettingKindLooksDifferent() {
        List<BufferedImage> shots = new ArrayList<>();
        for (SettingKind kind : SettingKind.values()) {
            shots.add(render(Frame.of(LIBRARY.scene(kind), AVATAR, AvatarState.REST, Captions.none()), 160, 90));
        }
        for (int a = 0; a < shots.size(); a++) {
            for (int b = a + 1; b < shots.size(); b++) {
                int differ = 0;
                for (int y = 0; y < 90; y++) {
                    for (int x = 0; x < 160; x++) {
                        if (Math.abs(luma(shots.get(a).getRGB(x, y)) - luma(shots.get(b).getRGB(x, y))) > 12) {
                            differ++;
                        }
                    }
                }
                assertTrue(differ > 160 * 90 / 5, SettingKind.values()[a] + " vs " + SettingKind.values()[b]
                        + ": only " + differ + " pixels differ");
            }
        }
    }

    @Test
    void rendersAnySizeAndMultisampledTargets() {
        Scene scene = LIBRARY.scene(SettingKind.HOME_DOOR);
        Frame frame = Frame.of(scene, AVATAR, AvatarState.REST, Captions.of(LINE));
        render(frame, 123, 77);
        try (OffscreenTarget target = renderer().offscreenTarget(320, 180, 4)) {
            renderer().render(frame, target);
            BufferedImage img = target.read();
            assertEquals(320, img.getWidth());
            assertTrue(meanLuma(img) > 20, "drew something");
        }
        assertTrue(renderer().driver().contains("|"), renderer().driver());
    }

    @Test
    void theBenchmarkReportsFigures() {
        renderer();
        RenderBench.Figures f = RenderBench.run(160, 90, 0, 1, 5);
        assertEquals(5, f.frames());
        assertTrue(f.p50() > 0 && f.p95() >= f.p50() && f.max() >= f.p95(), f.toString());
    }
}
