package no.trinn.agents.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Range;
import org.junit.jupiter.api.Test;

class LineChooserTest {
    private static final Line PLAIN_A = Line.of("Hello.");
    private static final Line PLAIN_B = Line.of("Hi there.");
    private static final Line WARM = new Line("Hello, lovely to see you!", Map.of("warmth", new Range(0.7, 1.0)));
    private static final Line COLD = new Line("Yes?", Map.of("warmth", new Range(0.0, 0.3)));
    private static final List<Line> LINES = List.of(PLAIN_A, PLAIN_B, WARM, COLD);

    @Test
    void prefersTheMostSpecificFittingLine() {
        assertEquals(WARM, LineChooser.choose(LINES, Map.of("warmth", 0.9), List.of()).orElseThrow());
        assertEquals(COLD, LineChooser.choose(LINES, Map.of("warmth", 0.1), List.of()).orElseThrow());
        assertEquals(PLAIN_A, LineChooser.choose(LINES, Map.of("warmth", 0.5), List.of()).orElseThrow());
    }

    @Test
    void doesNotRepeatARecentLineWhileAnotherFits() {
        Map<String, Double> warm = Map.of("warmth", 0.9);
        List<String> recent = new ArrayList<>();
        Set<String> said = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String text = LineChooser.choose(LINES, warm, recent).orElseThrow().text();
            assertTrue(said.add(text), "repeated '" + text + "' while other lines fit");
            recent.add(text);
        }
        assertEquals(Set.of(WARM.text(), PLAIN_A.text(), PLAIN_B.text()), said);
        // every fitting line is recent: the one said longest ago comes back
        assertEquals(WARM.text(), LineChooser.choose(LINES, warm, recent).orElseThrow().text());
    }

    @Test
    void fallsBackToTheLeastConditionedLineWhenNothingFits() {
        List<Line> conditioned = List.of(COLD, WARM);
        assertEquals(COLD, LineChooser.choose(conditioned, Map.of(), List.of()).orElseThrow());
        assertTrue(LineChooser.choose(List.of(), Map.of(), List.of()).isEmpty());
    }
}
