package no.trinn.vr.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import no.trinn.vr.Viseme;
import no.trinn.vr.VisemeCue;
import org.junit.jupiter.api.Test;

class LipSyncTest {
    // "ma.. pa": closed 0-100, open 100-300, closed 300-400, open 400-600, end 700
    private static final List<VisemeCue> CUES = List.of(new VisemeCue(0, Viseme.CLOSED),
            new VisemeCue(100, Viseme.OPEN), new VisemeCue(300, Viseme.CLOSED), new VisemeCue(400, Viseme.OPEN),
            new VisemeCue(600, Viseme.NARROW));

    @Test
    void weightsAlwaysSumToOne() {
        for (double t = -100; t <= 900; t += 7) {
            double sum = LipSync.weights(CUES, 700, t).values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(1.0, sum, 1e-9, "at " + t);
        }
    }

    @Test
    void mouthIsOpenOnVowelsAndClosedOnBilabialsAndSilence() {
        assertTrue(LipSync.mouth(CUES, 700, 200).open() > 0.85, "middle of an open vowel");
        assertEquals(0, LipSync.mouth(CUES, 700, 350).open(), 1e-9, "middle of p/b/m");
        assertEquals(MouthShape.REST, LipSync.mouth(CUES, 700, -50), "before speech");
        assertEquals(MouthShape.REST, LipSync.mouth(CUES, 700, 800), "after speech");
        assertEquals(MouthShape.REST, LipSync.mouth(List.of(), 0, 100), "no cues");
    }

    @Test
    void neighboursCrossFadeOverSixtyMillisecondsAroundEachChange() {
        Map<Viseme, Double> atChange = LipSync.weights(CUES, 700, 100);
        assertEquals(0.5, atChange.get(Viseme.CLOSED), 1e-9);
        assertEquals(0.5, atChange.get(Viseme.OPEN), 1e-9);
        assertEquals(Map.of(Viseme.CLOSED, 1.0), LipSync.weights(CUES, 700, 100 - LipSync.BLEND_MILLIS / 2));
        assertEquals(Map.of(Viseme.OPEN, 1.0), LipSync.weights(CUES, 700, 100 + LipSync.BLEND_MILLIS / 2));
        Map<Viseme, Double> quarter = LipSync.weights(CUES, 700, 115);
        assertEquals(0.75, quarter.get(Viseme.OPEN), 1e-9);
        double open = LipSync.mouth(CUES, 700, 115).open();
        assertEquals(0.75 * MouthShape.of(Viseme.OPEN).open(), open, 1e-9);
    }

    @Test
    void shortCuesBlendOverHalfTheirLength() {
        List<VisemeCue> quick = List.of(new VisemeCue(0, Viseme.OPEN), new VisemeCue(20, Viseme.CLOSED),
                new VisemeCue(40, Viseme.OPEN));
        // changes 20 ms apart cross-fade over 20 ms (10 ms each side), not 60
        assertEquals(Map.of(Viseme.CLOSED, 1.0), LipSync.weights(quick, 100, 30));
        assertEquals(0.5, LipSync.weights(quick, 100, 20).get(Viseme.CLOSED), 1e-9);
    }

    @Test
    void rejectsUnsortedCuesAndAnEndBeforeTheLastCue() {
        assertThrows(IllegalArgumentException.class, () -> LipSync.weights(List.of(new VisemeCue(50, Viseme.OPEN),
                new VisemeCue(10, Viseme.OPEN)), 100, 0));
        assertThrows(IllegalArgumentException.class, () -> LipSync.weights(CUES, 500, 0));
    }
}
