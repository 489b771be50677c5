package no.trinn.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.trinn.scenarios.ScenarioException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file of {@code src/test/resources/malformed/} is the minimal valid scenario with one defect; the loader must
 * report that defect at the right field and line, and nothing else (no cascades), unless noted.
 */
class MalformedCorpusTest {
    /** What the JSON Schema makes of a corpus file. */
    enum Schema {
        /** The schema rejects it. */
        REJECTS,
        /** The schema cannot tell: only the loader's cross-checks find the defect. */
        ACCEPTS,
        /** It is not a YAML document a schema validator could see. */
        UNREADABLE
    }

    /**
     * One corpus file and its expected problem.
     *
     * @param problems how many problems the loader reports in all
     */
    record Case(String file, int line, String field, String fragment, int problems, Schema schema) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("alias.yaml", 38, "followUp", "aliases (*greeting) are not supported", 1, Schema.UNREADABLE),
                new Case("bad-id.yaml", 2, "id", "'Greet_Neighbour' is not a valid id: use lower-case words joined by"
                        + " hyphens", 1, Schema.REJECTS),
                new Case("bad-indentation.yaml", 17, "", "mapping values are not allowed here (check the indentation",
                        1, Schema.UNREADABLE),
                new Case("binary.yaml", 1, "", "not UTF-8 text (byte 0x8B", 1, Schema.UNREADABLE),
                new Case("blank-text.yaml", 28, "states[0].reprompt[0].text", "is blank", 1, Schema.REJECTS),
                new Case("duplicate-intent-id.yaml", 34, "states[0].intents[1].id", "duplicate intent id 'say_hello'"
                        + " in state 'greet' (first on line 30)", 1, Schema.ACCEPTS),
                new Case("duplicate-key.yaml", 5, "title", "duplicate key 'title' (first on line 3)", 1,
                        Schema.ACCEPTS),
                new Case("empty.yaml", 1, "", "the file is empty", 1, Schema.UNREADABLE),
                new Case("end-state-with-intents.yaml", 38, "states[1].intents", "an end state has no intents", 1,
                        Schema.REJECTS),
                new Case("goal-step-unreached.yaml", 14, "goal.steps[1].id", "no intent reaches goal step 'asked'", 1,
                        Schema.ACCEPTS),
                new Case("latin1.yaml", 3, "", "not UTF-8 text (byte 0xE5", 1, Schema.UNREADABLE),
                new Case("list-not-mapping.yaml", 8, "goal", "expected a goal (a mapping of fields), found a list", 1,
                        Schema.REJECTS),
                new Case("missing-goal.yaml", 2, "goal", "required field 'goal' is missing", 1, Schema.REJECTS),
                new Case("missing-reprompt.yaml", 26, "states[0].reprompt", "needs at least one reprompt line", 1,
                        Schema.REJECTS),
                new Case("missing-say.yaml", 34, "states[1].say", "state 'done' needs at least one line to say", 1,
                        Schema.REJECTS),
                new Case("next-unknown-state.yaml", 32, "states[0].intents[0].next", "no state has id 'doen'; did you"
                        + " mean 'done'?", 1, Schema.ACCEPTS),
                new Case("no-end-state.yaml", 25, "states", "no state ends the conversation", 1, Schema.ACCEPTS),
                new Case("number-as-text.yaml", 31, "states[0].intents[0].examples[1]", "expected text, found the"
                        + " number 42; put it in quotes", 1, Schema.REJECTS),
                new Case("root-list.yaml", 2, "", "expected a scenario (a mapping of fields), found a list", 1,
                        Schema.REJECTS),
                new Case("tab-indentation.yaml", 18, "", "a tab character is used for indentation", 1,
                        Schema.UNREADABLE),
                new Case("temperament-out-of-range.yaml", 22, "characters[0].temperament.warmth.value", "must lie in"
                        + " [0, 1], was 1.4", 1, Schema.REJECTS),
                new Case("temperament-outside-own-range.yaml", 22, "characters[0].temperament.warmth.value",
                        "value 0.3 lies outside its range [0.5, 1]", 1, Schema.ACCEPTS),
                new Case("tier-seven.yaml", 5, "tier", "must be a whole number from 1 to 4, was 7", 1,
                        Schema.REJECTS),
                new Case("two-documents.yaml", 40, "", "more than one YAML document", 1, Schema.ACCEPTS),
                new Case("unknown-character.yaml", 35, "states[1].character", "no character has id 'neighbor'; did"
                        + " you mean 'neighbour'?", 1, Schema.ACCEPTS),
                new Case("unknown-field.yaml", 38, "folowUp", "unknown field 'folowUp'; did you mean 'followUp'?", 2,
                        Schema.REJECTS),
                new Case("unknown-when-parameter.yaml", 26, "opening[1].when.friendliness", "unknown parameter"
                        + " 'friendliness'", 1, Schema.ACCEPTS),
                new Case("unreachable-state.yaml", 38, "states[2].id", "state 'lost' cannot be reached from the first"
                        + " state 'greet'", 1, Schema.ACCEPTS),
                new Case("utf16.yaml", 1, "", "NUL characters", 1, Schema.UNREADABLE),
                new Case("when-range-outside.yaml", 38, "states[1].say[1].when.warmth[1]", "must lie in [0, 1], was"
                        + " 1.5", 1, Schema.REJECTS),
                new Case("wrong-language.yaml", 4, "language", "language must be one of en, nb, was 'no'; for"
                        + " Norwegian (bokmål) use 'nb'", 1, Schema.REJECTS),
                new Case("wrong-type.yaml", 37, "states[1].end", "expected true or false, found text", 1,
                        Schema.REJECTS));
    }

    private final ScenarioLoader loader = new ScenarioLoader();

    @ParameterizedTest
    @MethodSource("cases")
    void reportsTheDefectAtItsFieldAndLine(Case c) {
        Path file = TestFiles.MALFORMED.resolve(c.file());
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.load(file));
        List<Problem> problems = e.problems();
        assertEquals(c.problems(), problems.size(), e::getMessage);
        assertTrue(problems.stream().allMatch(p -> p.file().equals(file.toString())), e::getMessage);
        assertTrue(problems.stream().anyMatch(p -> p.line() == c.line() && p.field().equals(c.field())
                && p.message().contains(c.fragment())), () -> "expected " + c + ":" + c.line() + ": " + c.field()
                        + ": ..." + c.fragment() + "... but got\n" + e.getMessage());
    }

    @Test
    void unknownFieldAlsoReportsTheMissingField() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> loader.load(TestFiles.MALFORMED.resolve("unknown-field.yaml")));
        Problem missing = e.problems().getFirst();
        assertEquals(2, missing.line());
        assertEquals("followUp", missing.field());
        assertEquals("required field 'followUp' is missing", missing.message());
    }

    @Test
    void everyCorpusFileHasACase() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(TestFiles.MALFORMED)) {
            onDisk = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(onDisk, cases().stream().map(Case::file).collect(Collectors.toCollection(TreeSet::new)));
        assertTrue(onDisk.size() >= 15);
    }
}
