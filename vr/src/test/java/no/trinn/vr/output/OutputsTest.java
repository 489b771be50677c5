package no.trinn.vr.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.vr.RenderUnavailableException;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.scene.CameraPose;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The selector's order and reasons with fake probes, and the real no-runtime path on a machine without one. */
class OutputsTest {
    private static final String NO_RUNTIME = "no OpenXR runtime (XR_ERROR_RUNTIME_UNAVAILABLE)";
    private static final String NO_DISPLAY = "no display ($DISPLAY unset)";

    private record Fake(Optional<String> xr, Optional<String> window, List<String> asked) implements Outputs.Probes {
        Fake(Optional<String> xr, Optional<String> window) {
            this(xr, window, new ArrayList<>());
        }

        @Override
        public Optional<String> openXrUnavailable() {
            asked.add("openxr");
            return xr;
        }

        @Override
        public Optional<String> windowUnavailable() {
            asked.add("window");
            return window;
        }
    }

    @Test
    void nothingAvailableFallsBackToOffscreenAndSaysWhy() {
        Outputs.Choice c = Outputs.choose(Outputs.Preference.AUTO, new Fake(Optional.of(NO_RUNTIME),
                Optional.of(NO_DISPLAY)));
        assertEquals(OutputKind.OFFSCREEN, c.kind());
        assertEquals(NO_RUNTIME + "; " + NO_DISPLAY + ": offscreen", c.reason());
        assertTrue(c.preferred());
    }

    @Test
    void aRuntimeWinsThenADisplay() {
        Fake both = new Fake(Optional.empty(), Optional.empty());
        assertEquals(OutputKind.OPENXR, Outputs.choose(Outputs.Preference.AUTO, both).kind());
        assertEquals(List.of("openxr"), both.asked(), "the window is not probed once a headset answers");
        Outputs.Choice window = Outputs.choose(Outputs.Preference.AUTO, new Fake(Optional.of(NO_RUNTIME),
                Optional.empty()));
        assertEquals(OutputKind.WINDOW, window.kind());
        assertEquals(NO_RUNTIME + ": window", window.reason());
    }

    @Test
    void aPreferenceStartsTheOrderAndReportsAFallback() {
        Outputs.Choice vr = Outputs.choose(Outputs.Preference.OPENXR, new Fake(Optional.of(NO_RUNTIME),
                Optional.of(NO_DISPLAY)));
        assertEquals(OutputKind.OFFSCREEN, vr.kind());
        assertFalse(vr.preferred());
        Fake windowOnly = new Fake(Optional.empty(), Optional.empty());
        Outputs.Choice window = Outputs.choose(Outputs.Preference.WINDOW, windowOnly);
        assertEquals(OutputKind.WINDOW, window.kind());
        assertEquals(List.of("window"), windowOnly.asked(), "a window preference never probes the headset");
        Fake none = new Fake(Optional.empty(), Optional.empty());
        assertEquals(OutputKind.OFFSCREEN, Outputs.choose(Outputs.Preference.OFFSCREEN, none).kind());
        assertEquals(List.of(), none.asked());
    }

    @Test
    void noDisplayVariableMeansNoWindowWithoutTouchingGlfw() {
        assertEquals(Optional.of(NO_DISPLAY), WindowOutput.unavailableReason(name -> Optional.empty()));
        assertEquals(Optional.of(NO_DISPLAY), WindowOutput.unavailableReason(
                name -> Optional.ofNullable(Map.of("DISPLAY", " ").get(name))));
    }

    @Test
    void withoutARuntimeTheRealSelectorSaysSoAndOpeningFailsWithOneLine() {
        Optional<String> why = OpenXrOutput.unavailableReason();
        Assumptions.assumeTrue(why.isPresent(), "an OpenXR runtime answers on this machine (the OpenXR test runs)");
        Outputs.Choice c = Outputs.choose(Outputs.Preference.AUTO, Outputs.Probes.system(name -> Optional.empty()));
        assertEquals(why.get() + "; " + NO_DISPLAY + ": offscreen", c.reason());
        assertEquals(OutputKind.OFFSCREEN, c.kind());
        RenderUnavailableException e = assertThrows(RenderUnavailableException.class,
                () -> OpenXrOutput.open("Trinn test"));
        assertEquals(why.get(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void recentringPutsTheFirstHeadPoseAtTheCameraFacingTheCharacter() {
        CameraPose camera = new CameraPose(new Vec3(0, 1.6, 1.2), new Vec3(0, 1.5, 0), 50);
        // a head 1.7 m up, 0.3 m to the side, turned 90 degrees to the left
        Mat4 head = Mat4.translation(0.3, 1.7, 0).times(Mat4.rotationY(Math.PI / 2));
        Mat4 anchor = OpenXrOutput.recentre(camera, head);
        Vec3 at = anchor.times(head).transformPoint(Vec3.ZERO);
        assertEquals(0, at.minus(camera.eye()).length(), 1e-5);
        Vec3 forward = anchor.times(head).transformDirection(new Vec3(0, 0, -1));
        assertEquals(0, forward.x(), 1e-5);
        assertTrue(forward.z() < -0.99, "faces the character along -z: " + forward);
    }

    @Test
    void aPoseAndItsRigidInverseCancel() {
        Mat4 pose = Mat4.pose(0.1, 0.7, -0.2, 0.68, new Vec3(0.4, 1.6, -2));
        Vec3 p = new Vec3(1, 2, 3);
        Vec3 back = pose.inverseRigid().transformPoint(pose.transformPoint(p));
        assertEquals(0, back.minus(p).length(), 1e-5);
        Mat4 symmetric = Mat4.projection(-1, 1, 1, -1, 0.05, 80);
        Mat4 perspective = Mat4.perspective(90, 1, 0.05, 80);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(perspective.at(r, c), symmetric.at(r, c), 1e-4);
            }
        }
    }

    @Test
    void theOffscreenOutputDrawsEveryFrameItIsShown() {
        Output out;
        try {
            out = Outputs.open(OutputKind.OFFSCREEN, "Trinn test", 160, 90);
        } catch (RenderUnavailableException e) {
            Assumptions.abort(e.getMessage());
            return;
        }
        try (OffscreenOutput offscreen = (OffscreenOutput) out) {
            var timeline = new no.trinn.vr.timeline.SessionTimeline(no.trinn.vr.scene.SceneLibrary.shipped()
                    .scene(no.trinn.vr.scene.SettingKind.CAFE), no.trinn.vr.avatar.Avatar.forCharacterId("barista"),
                    List.of(), List.of());
            List<Optional<Vec3>> heads = new ArrayList<>();
            assertTrue(offscreen.show(head -> {
                heads.add(head);
                return timeline.frame(1, true, head);
            }));
            assertEquals(List.of(Optional.empty()), heads, "offscreen has no tracked head");
            assertEquals(160, offscreen.lastImage().getWidth());
            assertTrue(offscreen.describe().startsWith("offscreen 160x90 on "), offscreen.describe());
        }
    }
}
