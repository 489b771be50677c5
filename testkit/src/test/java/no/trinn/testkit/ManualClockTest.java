package no.trinn.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void movesOnlyWhenAdvancedAndKeepsBothReadingsTogether() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        assertEquals(0, clock.nanoTime());
        clock.advance(Duration.ofMillis(1500));
        assertEquals(1_500_000_000L, clock.nanoTime());
        assertEquals(Instant.parse("2026-03-01T10:00:01.500Z"), clock.instant());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofMillis(-1)));
    }
}
