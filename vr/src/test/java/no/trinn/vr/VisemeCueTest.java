package no.trinn.vr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VisemeCueTest {
    @Test
    void rejectsNegativeTimesAndMissingShapes() {
        assertThrows(IllegalArgumentException.class, () -> new VisemeCue(-1, Viseme.OPEN));
        assertThrows(IllegalArgumentException.class, () -> new VisemeCue(0, null));
        assertEquals(Viseme.ROUND, new VisemeCue(120, Viseme.ROUND).viseme());
    }
}
