package no.trinn.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import no.trinn.scenarios.ScenarioException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    @Test
    void loadsCoffeeOrderFromTheLibrary() {
        Scenario s = loader.loadLibrary("coffee-order.yaml");

        assertEquals("coffee-order", s.id());
        assertEquals("Buying a coffee", s.title());
        assertEquals("en", s.language());
        assertEquals(3, s.tier());
        assertEquals("library:coffee-order.yaml", s.source());
        assertEquals(Optional.empty(), s.translationOf());
        assertEquals(List.of("ordered", "answered", "paid"), s.goal().steps().stream().map(Goal.Step::id).toList());
        assertEquals("You paid without any trouble.", s.goal().steps().get(2).strength());

        Character barista = s.characters().getFirst();
        assertEquals("barista", barista.id());
        assertEquals("Sam", barista.name());
        assertEquals(new Voice("cmu-slt-hsmm", 0.1, 0.0), barista.voice());
        assertEquals(new Temperament(0.8, new Range(0.4, 1.0)), barista.temperament().get("warmth"));
        assertEquals(new Temperament(0.5, new Range(0.2, 0.8)), barista.temperament().get("talkativeness"));

        assertEquals(Line.of("Hi there! What can I get for you?"), s.opening().get(0));
        assertEquals(new Line("Good morning! Take your time. What would you like to drink?",
                Map.of("warmth", new Range(0.7, 1.0))), s.opening().get(1));

        assertEquals(List.of("order", "size", "pay", "goodbye"), s.states().stream().map(State::id).toList());
        State order = s.start();
        assertTrue(order.say().isEmpty());
        assertEquals(Line.of("Sorry, I didn't catch that. What would you like to drink?"), order.reprompt().getFirst());
        Intent orderDrink = order.intent("order_drink").orElseThrow();
        assertEquals("A coffee, please.", orderDrink.examples().getFirst());
        assertTrue(orderDrink.examples().contains("hot chocolate"));
        assertEquals(Optional.of("size"), orderDrink.next());
        assertEquals(List.of("ordered"), orderDrink.steps());
        assertEquals(Optional.of("order"), order.intent("ask_menu").orElseThrow().next());
        assertEquals(List.of(), order.intent("ask_menu").orElseThrow().steps());

        State goodbye = s.state("goodbye").orElseThrow();
        assertTrue(goodbye.end());
        assertTrue(goodbye.intents().isEmpty());
        assertFalse(s.state("pay").orElseThrow().end());
        assertEquals(barista, s.speaker(goodbye));
        assertTrue(s.followUp().startsWith("Next time you pass a café"));
    }

    @Test
    void aFileLoadedFromAPathHasThatPathAsItsSource() {
        Scenario s = loader.load(TestFiles.MINIMAL);
        assertEquals("minimal-greeting", s.id());
        assertEquals(TestFiles.MINIMAL.toString(), s.source());
        assertEquals(new Voice("cmu-slt-hsmm", 0, 0), s.characters().getFirst().voice(), "pitch and rate default to 0");
    }

    @Test
    void aTemperamentWithoutRangeMayUseTheWholeUnitRange() {
        String text = TestFiles.minimal("x").replace("warmth: { value: 0.8, range: [0.5, 1.0] }",
                "warmth: { value: 0.8 }");
        Scenario s = loader.parse("t.yaml", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(new Temperament(0.8, Range.UNIT), s.characters().getFirst().temperament().get("warmth"));
    }

    @Test
    void yesAndNoAreTextNotBooleans() {
        Scenario s = loader.parse("t.yaml", TestFiles.minimal("x").replace("examples: [Hi., Hello!]",
                "examples: [Yes, No, on, Off, y]").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("Yes", "No", "on", "Off", "y"), s.start().intents().getFirst().examples());
    }

    @Test
    void everyProblemIsCollectedSortedByLineAndNamesFileLineAndField() {
        String text = TestFiles.minimal("Bad Id").replace("tier: 2", "tier: 0").replace("next: done", "next: gone")
                .replace("    persona: A friendly", "    personality: x\n    persona: A friendly");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> loader.parse("many.yaml", text.getBytes(StandardCharsets.UTF_8)));
        List<Problem> problems = e.problems();
        assertEquals(List.of(
                new Problem("many.yaml", 2, "id", "'Bad Id' is not a valid id: use lower-case words joined by "
                        + "hyphens, e.g. 'coffee-order'"),
                new Problem("many.yaml", 5, "tier", "must be a whole number from 1 to 4, was 0"),
                new Problem("many.yaml", 19, "characters[0].personality", "unknown field 'personality'; did you mean"
                        + " 'persona'?"),
                new Problem("many.yaml", 33, "states[0].intents[0].next", "no state has id 'gone'; did you mean"
                        + " 'done'?")), problems);
        assertEquals("many.yaml:5: tier: must be a whole number from 1 to 4, was 0", problems.get(1).toString());
        assertEquals(String.join("\n", problems.stream().map(Problem::toString).toList()), e.getMessage());
    }

    @Test
    void theSameExampleInTwoIntentsOfAStateIsAProblem() {
        String text = TestFiles.minimal("x").replace("        steps: [greeted]\n", """
                        steps: [greeted]
                      - id: wave
                        examples: [Hello!, "*waves*"]
                """);
        assertSingle(() -> loader.parse("t.yaml", text.getBytes(StandardCharsets.UTF_8)), 35,
                "states[0].intents[1].examples[0]", "the same example is in intent 'say_hello'");
    }

    @Test
    void aStateFromWhichNoEndCanBeReachedIsAProblem() {
        String text = TestFiles.minimal("x").replace("        steps: [greeted]\n", """
                        steps: [greeted]
                      - id: wander
                        examples: ["Where am I?"]
                        next: maze
                  - id: maze
                    say:
                      - text: You are in a maze.
                    reprompt:
                      - text: Still in the maze.
                    intents:
                      - id: turn
                        examples: [Left.]
                        next: maze
                """);
        assertSingle(() -> loader.parse("t.yaml", text.getBytes(StandardCharsets.UTF_8)), 37, "states[1].id",
                "from state 'maze' no path of intents leads to an end state");
    }

    @Test
    void aMissingFileAFolderAndAnOversizedFileEachGetOneProblem(@TempDir Path dir) throws IOException {
        assertSingle(() -> loader.load(dir.resolve("nope.yaml")), 0, "", "does not exist");
        assertSingle(() -> loader.load(dir), 0, "", "is a folder");
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# padding\n".repeat(110_000));
        assertSingle(() -> loader.load(big), 0, "", "larger than 1 MB");
        assertSingle(() -> loader.parse("big.yaml", new byte[YamlTree.MAX_BYTES + 1]), 0, "", "larger than 1 MB");
        assertSingle(() -> loader.loadLibrary("no-such-scenario.yaml"), 0, "", "has no file called");
    }

    @Test
    void aByteOrderMarkIsAccepted() {
        byte[] text = TestFiles.bytes(TestFiles.MINIMAL);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        assertEquals("minimal-greeting", loader.parse("bom.yaml", withBom).id());
    }

    @Test
    void commentsOnlyAndANullDocumentAreEmpty() {
        assertSingle(() -> loader.parse("c.yaml", "# nothing here\n\n".getBytes(StandardCharsets.UTF_8)), 1, "",
                "empty");
        assertSingle(() -> loader.parse("n.yaml", "~\n".getBytes(StandardCharsets.UTF_8)), 1, "", "empty");
        assertSingle(() -> loader.parse("s.yaml", "just text\n".getBytes(StandardCharsets.UTF_8)), 1, "",
                "expected a scenario (a mapping of fields), found text");
    }

    @Test
    void deepNestingIsAProblemNotAStackOverflow() {
        String deep = "id: x\nopening: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> loader.parse("deep.yaml", deep.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.problems().stream().anyMatch(p -> p.line() == 2 && p.message().contains("nested deeper")),
                e::getMessage);
    }

    /** Mangled copies of a real scenario must give problems, never another exception. */
    @Test
    void mangledInputOnlyEverGivesProblems() {
        byte[] original = TestFiles.bytes(TestFiles.LIBRARY.resolve("coffee-order.yaml"));
        Random random = new Random(20240611);
        String[] insertions = {"\t", ":", "- ", "  ", "\n", "[", "{", "&a ", "*a", "!!binary ", "'", "\"", "#",
                "? ", "|", ">", "---\n", "end: true\n", "%YAML 1.1\n", "\u0000"};
        for (int round = 0; round < 600; round++) {
            byte[] mangled = mangle(original, random, insertions);
            try {
                loader.parse("mangled.yaml", mangled);
            } catch (ScenarioException e) {
                assertFalse(e.problems().isEmpty(), "a file problem comes with problems");
                for (Problem p : e.problems()) {
                    assertTrue(p.line() >= 0 && !p.message().isBlank(), p::toString);
                }
            } catch (RuntimeException e) {
                fail("round " + round + ": " + e + " for:\n" + new String(mangled, StandardCharsets.UTF_8), e);
            }
        }
    }

    private static byte[] mangle(byte[] original, Random random, String[] insertions) {
        String text = new String(original, StandardCharsets.UTF_8);
        int at = random.nextInt(text.length());
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at).getBytes(StandardCharsets.UTF_8);
            case 1 -> (text.substring(0, at) + insertions[random.nextInt(insertions.length)] + text.substring(at))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> (text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(40))))
                    .getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] copy = original.clone();
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                yield copy;
            }
        };
    }

    static void assertSingle(Runnable load, int line, String field, String fragment) {
        ScenarioException e = assertThrows(ScenarioException.class, load::run);
        assertEquals(1, e.problems().size(), e::getMessage);
        Problem p = e.problems().getFirst();
        assertEquals(line, p.line(), e::getMessage);
        assertEquals(field, p.field(), e::getMessage);
        assertTrue(p.message().contains(fragment), () -> "expected '" + fragment + "' in " + p);
    }
}
