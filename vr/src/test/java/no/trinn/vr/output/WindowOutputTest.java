package no.trinn.vr.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.scene.SceneLibrary;
import no.trinn.vr.scene.SettingKind;
import no.trinn.vr.timeline.SessionTimeline;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A real desktop window; skips, with the reason, where there is no display (set DISPLAY, e.g. to an Xvfb). */
class WindowOutputTest {
    @Test
    void opensDrawsTheSceneResizesAndClosesOnRequest() throws InterruptedException {
        Optional<String> why = WindowOutput.unavailableReason(name -> Optional.ofNullable(System.getenv(name)));
        Assumptions.assumeTrue(why.isEmpty(), () -> why.orElse(""));
        SessionTimeline timeline = new SessionTimeline(SceneLibrary.shipped().scene(SettingKind.PHARMACY),
                Avatar.forCharacterId("pharmacist"), List.of(SessionTimeline.Line.character("Priya", "Hello!", 0,
                        "warm")), List.of());
        try (WindowOutput window = WindowOutput.open("Trinn test", 320, 180, false)) {
            assertEquals(OutputKind.WINDOW, window.kind());
            for (int i = 0; i < 3; i++) {
                assertTrue(window.show(head -> timeline.frame(0.5, true, head)));
            }
            int[] size = window.size();
            assertTrue(window.draw(head -> timeline.frame(0.5, true, head)));
            int[] pixels = window.readPixels();
            long background = java.util.Arrays.stream(pixels).filter(p -> (p & 0xffffff) == 0).count();
            assertTrue(background < pixels.length / 2, "the scene was drawn, not a black window");
            assertEquals(size[0] * size[1], pixels.length);
            window.resize(400, 240);
            for (int i = 0; i < 50 && window.size()[0] != 400; i++) {
                assertTrue(window.show(head -> timeline.frame(0.5, true, head)));
                Thread.sleep(10);
            }
            assertEquals(400, window.size()[0], "the framebuffer follows a resize");
            assertTrue(window.show(head -> timeline.frame(0.5, true, head)));
            window.requestClose();
            assertFalse(window.show(head -> timeline.frame(0.6, true, head)), "a closed window ends the loop");
        }
    }
}
