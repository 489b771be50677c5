package no.trinn.vr.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlinkTest {
    @Test
    void eyesAreOpenMostOfTheTimeAndBlinksComeEveryFewSeconds() {
        long seed = 42;
        int closed = 0;
        int samples = 0;
        for (double t = 0; t < 120; t += 0.01) {
            samples++;
            if (Blink.closure(seed, t) > 0.5) {
                closed++;
            }
        }
        double share = (double) closed / samples;
        assertTrue(share > 0.005 && share < 0.05, "share of time with eyes closed: " + share);
        double previous = Blink.nextStart(seed, 0);
        for (int i = 0; i < 30; i++) {
            double next = Blink.nextStart(seed, previous + 0.001);
            double gap = next - previous;
            assertTrue(gap >= 1.5 - 1e-9 && gap <= 6.5 + 1e-9, "gap between blinks: " + gap);
            previous = next;
        }
    }

    @Test
    void aBlinkClosesFullyThenOpens() {
        double start = Blink.nextStart(7, 10);
        assertEquals(0, Blink.closure(7, start - 0.01), 1e-9);
        assertEquals(0.5, Blink.closure(7, start + 0.035), 1e-9);
        assertEquals(1, Blink.closure(7, start + 0.085), 1e-9);
        assertEquals(0, Blink.closure(7, start + Blink.DURATION_SECONDS + 0.001), 1e-9);
    }

    @Test
    void blinkingIsSeededAndDeterministic() {
        assertEquals(Blink.nextStart(1, 0), Blink.nextStart(1, 0));
        assertNotEquals(Blink.nextStart(1, 0), Blink.nextStart(2, 0));
    }
}
