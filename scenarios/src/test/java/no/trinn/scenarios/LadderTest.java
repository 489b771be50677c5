package no.trinn.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.scenarios.ScenarioException.Problem;
import org.junit.jupiter.api.Test;

class LadderTest {
    private static final ScenarioLibrary LIBRARY = ScenarioLibrary.shipped();

    private static Ladder parse(String yaml) {
        return Ladder.parse("ladder.yaml", yaml.getBytes(StandardCharsets.UTF_8), LIBRARY);
    }

    private static List<Problem> problems(String yaml) {
        return assertThrows(ScenarioException.class, () -> parse(yaml)).problems();
    }

    @Test
    void theShippedLadderCoversEveryShippedScenarioOnceWithAscendingTiers() {
        Ladder ladder = Ladder.standard(LIBRARY);
        assertEquals(List.of("en", "nb"), List.copyOf(ladder.languages()));
        for (Scenario s : LIBRARY.all()) {
            Optional<Ladder.Rung> rung = ladder.rung(s.language(), s.id());
            assertTrue(rung.isPresent(), s.id() + " is not on the " + s.language() + " ladder");
            assertEquals(s.tier(), rung.get().tier());
        }
        for (String language : ladder.languages()) {
            List<Ladder.Rung> rungs = ladder.rungs(language);
            for (int i = 1; i < rungs.size(); i++) {
                assertTrue(rungs.get(i).tier() >= rungs.get(i - 1).tier(), rungs.get(i).scenarioId());
            }
        }
        assertEquals(1, ladder.rungs("en").getFirst().tier());
        assertEquals(List.of(), ladder.rungs("de"));
    }

    @Test
    void aGoodFileIsReadInOrder() {
        Ladder ladder = parse("languages:\n  en:\n    - supermarket-checkout\n    - greet-neighbour\n"
                + "    - coffee-order\n");
        assertEquals(List.of("supermarket-checkout", "greet-neighbour", "coffee-order"),
                ladder.rungs("en").stream().map(Ladder.Rung::scenarioId).toList());
        assertEquals(List.of(1, 2, 3), ladder.rungs("en").stream().map(Ladder.Rung::tier).toList());
    }

    @Test
    void unknownIdsWrongLanguageDuplicatesAndDescendingTiersAreProblemsWithFileLineAndField() {
        String yaml = String.join("\n",
                "languages:",
                "  en:",
                "    - supermarket-checkout",
                "    - coffee-ordr",
                "    - coffee-order",
                "    - greet-neighbour",
                "    - supermarket-checkout",
                "    - pharmacy-pickup-nb",
                "  nb:",
                "    - greet-neighbour-nb",
                "") ;
        List<Problem> problems = problems(yaml);
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(new Problem("ladder.yaml", 4, "languages.en[1]",
                "no scenario has id 'coffee-ordr'; did you mean coffee-order?"), problems.get(0));
        assertEquals(new Problem("ladder.yaml", 6, "languages.en[3]", "'greet-neighbour' (tier 2) comes after"
                + " 'coffee-order' (tier 3); tiers must ascend"), problems.get(1));
        assertEquals(new Problem("ladder.yaml", 7, "languages.en[4]",
                "'supermarket-checkout' is already on the ladder (line 3)"), problems.get(2));
        assertEquals(new Problem("ladder.yaml", 8, "languages.en[5]",
                "'pharmacy-pickup-nb' is in language nb, not en"), problems.get(3));
        assertEquals("ladder.yaml:8: languages.en[5]: 'pharmacy-pickup-nb' is in language nb, not en",
                problems.get(3).toString());
    }

    @Test
    void structuralProblemsAreNamed() {
        assertEquals(List.of(new Problem("ladder.yaml", 1, "rungs", "unknown field 'rungs'; known fields: languages"),
                new Problem("ladder.yaml", 1, "languages", "required field 'languages' is missing")),
                problems("rungs: []\n"));
        assertEquals(List.of(new Problem("ladder.yaml", 2, "languages.de",
                "language must be one of en, nb, was 'de'")), problems("languages:\n  de: [coffee-order]\n"));
        assertEquals(List.of(new Problem("ladder.yaml", 2, "languages.en", "needs at least one scenario id")),
                problems("languages:\n  en: []\n"));
        assertEquals(List.of(new Problem("ladder.yaml", 1, "languages",
                "expected a mapping of language to scenario ids, found a list")), problems("languages: [en]\n"));
        assertEquals(List.of(new Problem("ladder.yaml", 2, "languages.en[0]", "'Coffee Order' is not a valid id:"
                + " use lower-case words joined by hyphens, e.g. 'coffee-order'")),
                problems("languages:\n  en: ['Coffee Order']\n"));
    }

    @Test
    void theConstructorRefusesDescendingTiersAndDuplicates() {
        Ladder.Rung a = new Ladder.Rung("a", 2, Optional.empty());
        Ladder.Rung b = new Ladder.Rung("b", 1, Optional.empty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Ladder(Map.of("en", List.of(a, b))));
        assertTrue(e.getMessage().startsWith("rungs.en[1]: tier 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ladder(Map.of("en", List.of(a, a))));
        assertThrows(IllegalArgumentException.class, () -> new Ladder(Map.of("en", List.of())));
    }

    @Test
    void aGoalMayNameASkill() {
        ScenarioLoader loader = new ScenarioLoader();
        String withSkill = TestFiles.minimal("greet-skill").replace("  description: Greet the neighbour back.",
                "  description: Greet the neighbour back.\n  skill: small-talk");
        assertEquals(Optional.of("small-talk"),
                loader.parse("s.yaml", withSkill.getBytes(StandardCharsets.UTF_8)).goal().skill());
        assertEquals(Optional.empty(), loader.parse("m.yaml", TestFiles.minimal("no-skill")
                .getBytes(StandardCharsets.UTF_8)).goal().skill());
        String bad = withSkill.replace("skill: small-talk", "skill: Small Talk");
        List<Problem> problems = assertThrows(ScenarioException.class,
                () -> loader.parse("b.yaml", bad.getBytes(StandardCharsets.UTF_8))).problems();
        assertEquals(List.of(new Problem("b.yaml", 9, "goal.skill", "'Small Talk' is not a valid id: use lower-case"
                + " words joined by hyphens, e.g. 'refusal' or 'small-talk'")), problems);
    }
}
