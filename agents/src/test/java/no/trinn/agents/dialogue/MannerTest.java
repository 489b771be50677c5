package no.trinn.agents.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.trinn.agents.TestScenarios;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import org.junit.jupiter.api.Test;

/** The generic manner of scripted characters: gentle at difficulty 0, reproducible, growing with the values. */
class MannerTest {
    private static final BehaviourParameters PARAMETERS = BehaviourParameters.standard();

    private static Map<String, Double> hardest(double difficulty) {
        Map<String, Double> values = new HashMap<>();
        PARAMETERS.parameters().forEach(p -> values.put(p.name(), p.hard()));
        values.put("warmth", 0.0);
        values.put("patience", 0.0);
        values.put("pressure", 1.0);
        values.put("interruptions", 1.0);
        values.put("ambiguity", 1.0);
        values.put("distractions", 1.0);
        values.put("speechRate", 1.0);
        values.put(BehaviourParameters.DIFFICULTY, difficulty);
        return values;
    }

    private static TurnContext ctx(Map<String, Double> values, int turn) {
        return new TurnContext(TestScenarios.kiosk(), "order", values, List.of(), Optional.empty(), 0, turn);
    }

    @Test
    void bothLanguagesHaveEveryEffectAndTheHardestValuesMakeEveryEffectPossible() {
        for (String language : List.of("en", "nb")) {
            Manner m = Manner.forLanguage(language);
            assertEquals(language, m.language());
            Set<Manner.Effect> possible = m.possible(hardest(1.0));
            Set<Manner.Effect> expected = EnumSet.allOf(Manner.Effect.class);
            expected.remove(Manner.Effect.WARM); // warmth 0
            assertEquals(expected, possible, language);
        }
        assertEquals("en", Manner.forLanguage("de").language());
    }

    @Test
    void atDifficultyZeroNoHarderBehaviourIsPossibleForAnyShippedCharacterOrAnyValues() {
        int checked = 0;
        for (Scenario s : ScenarioLibrary.shipped().all()) {
            Manner m = Manner.forLanguage(s.language());
            for (Character c : s.characters()) {
                Set<Manner.Effect> possible = m.possible(PARAMETERS.valuesFor(c, 0.0));
                possible.removeIf(e -> !e.harder());
                assertEquals(Set.of(), possible, s.id() + "/" + c.id());
                checked++;
            }
            // the floor holds whatever the values: difficulty 0 is always the easiest level
            assertEquals(Set.of(), m.possible(hardest(0.0)), s.id());
        }
        assertTrue(checked >= 18, "characters checked: " + checked);
        // and turn by turn, with the hardest values at difficulty 0
        Manner m = Manner.forLanguage("en");
        for (int turn = 0; turn < 50; turn++) {
            TurnContext ctx = ctx(hardest(0.0), turn);
            String longTurn = "Well you know I was thinking about the football match on the way here and the weather too";
            assertEquals(Set.of(), m.notUnderstood(ctx, longTurn, "Sorry, what would you like?").effects());
            assertEquals(Set.of(), m.understood(ctx, longTurn, List.of("Coming up.", "That's two pounds. Card or cash?"))
                    .effects());
            assertEquals(Set.of(), m.silence(ctx, "Hello?").effects());
        }
    }

    @Test
    void effectsFallOnAShareOfTurnsThatGrowsWithTheValueTheSameEveryRun() {
        Manner m = Manner.forLanguage("en");
        int[] counts = new int[3];
        double[] levels = {0.0, 0.25, 0.5};
        for (int i = 0; i < levels.length; i++) {
            Map<String, Double> values = new HashMap<>(TestScenarios.easy());
            values.put("distractions", levels[i]);
            for (int turn = 0; turn < 100; turn++) {
                Manner.Shaped a = m.understood(ctx(values, turn), "A tea, please.", List.of("Coming up."));
                Manner.Shaped b = m.understood(ctx(values, turn), "A tea, please.", List.of("Coming up."));
                assertEquals(a, b, "reproducible");
                if (a.effects().contains(Manner.Effect.DISTRACTION)) {
                    counts[i]++;
                    assertTrue(a.text().endsWith(" Coming up."), a.text());
                }
            }
        }
        assertEquals(0, counts[0]);
        assertTrue(counts[1] >= 10 && counts[1] <= 20, "about 15 in 100 at 0.25: " + counts[1]);
        assertTrue(counts[2] >= 25 && counts[2] <= 35, "about 30 in 100 at 0.5: " + counts[2]);
    }

    @Test
    void eachHarderBehaviourShowsInTheWords() {
        Manner m = Manner.forLanguage("en");
        Map<String, Double> v = new HashMap<>(TestScenarios.easy());
        v.put("patience", 0.2);
        Manner.Shaped impatient = m.notUnderstood(ctx(v, 3), "Nice weather.", "Sorry. Tea or coffee?");
        assertTrue(impatient.effects().contains(Manner.Effect.IMPATIENT));
        assertTrue(impatient.text().endsWith(" Tea or coffee?") && !impatient.text().contains("Sorry."),
                impatient.text());

        v = new HashMap<>(TestScenarios.easy());
        v.put("ambiguity", 1.0);
        Manner.Shaped terse = m.understood(ctx(v, 1), "Tea.", List.of("What size? We have small and large."));
        assertEquals("What size?", terse.text());
        Manner.Shaped vague = m.notUnderstood(ctx(v, 1), "Nice weather.", "Tea or coffee?");
        assertTrue(vague.effects().contains(Manner.Effect.VAGUE) && !vague.text().contains("Tea or coffee"),
                vague.text());

        v = new HashMap<>(TestScenarios.easy());
        v.put("speechRate", 0.9);
        assertEquals("Coming up, that's two pounds, card or cash?",
                m.understood(ctx(v, 1), "Tea.", List.of("Coming up.", "That's two pounds. Card or cash?")).text());

        v = new HashMap<>(TestScenarios.easy());
        v.put("interruptions", 1.0);
        String longTurn = "Well you know I was thinking that maybe I would like a cup of tea today if that is fine";
        Manner.Shaped cut = m.understood(ctx(v, 1), longTurn, List.of("Coming up."));
        assertTrue(cut.effects().contains(Manner.Effect.CUT_IN), cut.text());
        assertEquals("Coming up.", m.understood(ctx(v, 1), "A tea, please.", List.of("Coming up.")).text(),
                "a short turn is never cut in on");
    }

    @Test
    void aRepeatLeavesTheAsidesOut() {
        Manner m = Manner.forLanguage("en");
        assertEquals("That's two pounds. Card or cash?",
                m.strip("Sorry, one moment. ... Right, where were we? That's two pounds. Card or cash? Go on."));
        assertEquals("Card or cash?", m.strip("Card or cash?"));
        assertFalse(m.lines(Manner.Effect.DISTRACTION).isEmpty());
    }
}
