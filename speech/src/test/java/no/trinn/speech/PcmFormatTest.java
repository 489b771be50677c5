package no.trinn.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PcmFormatTest {
    @Test
    void internalFormatChunksAre640BytesPer20Ms() {
        assertEquals(640, PcmFormat.INTERNAL.bytesFor(20));
        assertEquals(20, PcmFormat.INTERNAL.millisOf(640));
        assertEquals(1000, new PcmFormat(48_000, 2).millisOf(192_000));
    }

    @Test
    void rejectsImpossibleFormatsNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PcmFormat(100, 1));
        assertTrue(e.getMessage().startsWith("sampleRate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PcmFormat(16_000, 3));
    }
}
