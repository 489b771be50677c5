package no.trinn.vr.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The headset output against a real runtime, e.g. Monado's simulated headset ({@code XRT_COMPOSITOR_NULL=1
 * SIMULATED_ENABLE=1 monado-service}, found through {@code XR_RUNTIME_JSON} or the active runtime). Skips, with the
 * reason, where no runtime answers.
 */
class OpenXrOutputTest {
    private static final int FRAMES = 30;

    @Test
    void sessionReachesFocusedSubmitsStereoFramesTracksTheHeadAndShutsDownCleanly() {
        Optional<String> why = OpenXrOutput.unavailableReason();
        Assumptions.assumeTrue(why.isEmpty(), () -> "no OpenXR headset: " + why.orElse(""));
        OpenXrBench.Result r = OpenXrBench.run(FRAMES, 60);
        System.out.println(r);
        assertTrue(r.states().contains("FOCUSED"), "states " + r.states());
        assertTrue(r.timing().submitted() >= FRAMES, "submitted " + r.timing().submitted());
        assertTrue(r.head().isPresent(), "a head pose was read");
        double y = r.head().get().position().y();
        assertTrue(y > 1.0 && y < 2.2, "the head sits near the scene camera's eye height: " + y);
        assertEquals("EXITING", r.states().getLast(), "states " + r.states());
    }
}
