package no.trinn.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.trinn.scenarios.BehaviourParameters.Parameter;
import no.trinn.scenarios.ScenarioException.Problem;
import org.junit.jupiter.api.Test;

class BehaviourParametersTest {
    private static final double EPS = 1e-9;

    private final BehaviourParameters standard = BehaviourParameters.standard();
    private final Character barista = new ScenarioLoader().loadLibrary("coffee-order.yaml").characters().getFirst();

    @Test
    void theShippedFileNamesEightParameters() {
        assertEquals(List.of("warmth", "patience", "complexity", "pressure", "speechRate", "interruptions",
                "ambiguity", "distractions"),
                List.copyOf(standard.names()));
        Parameter warmth = standard.parameter("warmth").orElseThrow();
        assertEquals(0.9, warmth.easy());
        assertEquals(0.3, warmth.hard());
        assertTrue(warmth.meaning().startsWith("How warm or cold"));
        assertTrue(standard.parameter("difficulty").isEmpty());
        assertTrue(standard.parameter("talkativeness").isEmpty());
        assertEquals(standard, BehaviourParameters.standard());
    }

    @Test
    void aParameterMovesLinearlyFromEasyToHard() {
        Parameter complexity = standard.parameter("complexity").orElseThrow();
        assertEquals(0.1, complexity.at(0), EPS);
        assertEquals(0.5, complexity.at(0.5), EPS);
        assertEquals(0.9, complexity.at(1), EPS);
        assertThrows(IllegalArgumentException.class, () -> complexity.at(1.01));
    }

    @Test
    void aTemperamentReplacesTheEasyEndAndBoundsTheValue() {
        // barista: warmth 0.8 in [0.4, 1.0], patience 0.8 in [0.4, 1.0], talkativeness 0.5 in [0.2, 0.8]
        Map<String, Double> easiest = standard.valuesFor(barista, 0);
        assertEquals(0.8, easiest.get("warmth"), EPS);
        assertEquals(0.8, easiest.get("patience"), EPS);
        assertEquals(0.1, easiest.get("complexity"), EPS);
        assertEquals(0.05, easiest.get("pressure"), EPS);
        assertEquals(0.3, easiest.get("speechRate"), EPS);
        for (String never : List.of("interruptions", "ambiguity", "distractions")) {
            assertEquals(0.0, easiest.get(never), EPS, never + " is off at the easiest level");
        }
        assertEquals(0.5, easiest.get("talkativeness"), EPS);
        assertEquals(0.0, easiest.get("difficulty"), EPS);

        Map<String, Double> middle = standard.valuesFor(barista, 0.5);
        assertEquals(0.55, middle.get("warmth"), EPS, "lerp(0.8, 0.3, 0.5)");
        assertEquals(0.5, middle.get("complexity"), EPS);
        assertEquals(0.5, middle.get("talkativeness"), EPS, "a temperament without a parameter keeps its value");
        assertEquals(0.5, middle.get("difficulty"), EPS);

        Map<String, Double> hardest = standard.valuesFor(barista, 1);
        assertEquals(0.4, hardest.get("warmth"), EPS, "0.3 clamped to the temperament's range [0.4, 1.0]");
        assertEquals(0.4, hardest.get("patience"), EPS, "0.3 clamped to [0.4, 1.0]");
        assertEquals(0.9, hardest.get("complexity"), EPS);
        assertEquals(List.of("warmth", "patience", "complexity", "pressure", "speechRate", "interruptions",
                "ambiguity", "distractions", "talkativeness", "difficulty"), List.copyOf(hardest.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> hardest.put("x", 1.0));
    }

    @Test
    void valuesDecideWhichLinesFit() {
        Scenario coffee = new ScenarioLoader().loadLibrary("coffee-order.yaml");
        Line warmGreeting = coffee.opening().get(1);
        Line curtGreeting = coffee.opening().get(2);
        assertTrue(warmGreeting.fits(standard.valuesFor(barista, 0)));
        assertTrue(!curtGreeting.fits(standard.valuesFor(barista, 0)));
        assertTrue(curtGreeting.fits(standard.valuesFor(barista, 1)));
    }

    @Test
    void difficultyMustLieInTheUnitRange() {
        assertThrows(IllegalArgumentException.class, () -> standard.valuesFor(barista, -0.1));
        assertThrows(IllegalArgumentException.class, () -> standard.valuesFor(barista, Double.NaN));
    }

    @Test
    void conditionNamesAreParametersTemperamentsAndDifficulty() {
        assertEquals(Set.of("warmth", "patience", "complexity", "pressure", "speechRate", "interruptions",
                "ambiguity", "distractions", "talkativeness", "difficulty"), standard.conditionNames(barista));
    }

    @Test
    void recordsCheckTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> new Parameter("warmth", "m", 1.2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Parameter("Warmth", "m", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Parameter("difficulty", "m", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Parameter("warmth", " ", 1, 0));
        Parameter p = new Parameter("warmth", "m", 1, 0);
        assertThrows(IllegalArgumentException.class, () -> new BehaviourParameters(List.of(p, p)));
        assertThrows(IllegalArgumentException.class, () -> new BehaviourParameters(List.of()));
    }

    @Test
    void aBrokenParameterFileNamesEveryProblem() {
        String text = """
                parameters:
                  - name: warmth
                    meaning: How warm.
                    easy: 1.5
                    hard: 0.3
                  - name: warmth
                    meening: typo
                    easy: 0.1
                    hard: 0.9
                """;
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> BehaviourParameters.read("b.yaml", text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(
                new Problem("b.yaml", 4, "parameters[0].easy", "must lie in [0, 1], was 1.5"),
                new Problem("b.yaml", 6, "parameters[1].meaning", "required field 'meaning' is missing"),
                new Problem("b.yaml", 7, "parameters[1].meening", "unknown field 'meening'; did you mean 'meaning'?")),
                e.problems());
    }
}
