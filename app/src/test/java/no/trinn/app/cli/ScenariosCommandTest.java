package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenariosCommandTest {
    @TempDir
    Path home;

    static String coffeeOrderYaml() throws IOException {
        try (InputStream in = ScenariosCommandTest.class.getClassLoader()
                .getResourceAsStream("no/trinn/scenarios/library/coffee-order.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void listShowsEveryShippedScenarioAsATable() {
        CliRun.Result r = CliRun.run(home, "scenarios", "list");
        assertEquals(0, r.code(), r::toString);
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("ID\\s+TIER\\s+LANG\\s+TITLE"), r::toString);
        assertTrue(Pattern.compile("(?m)^coffee-order\\s+3\\s+en\\s+Buying a coffee$").matcher(r.out()).find(),
                r::toString);
        assertTrue(lines.length > 8, r::toString);
        assertEquals("", r.err());
    }

    @Test
    void userScenariosOverrideByIdAreMarkedAndBrokenFilesAreWarnedAbout() throws IOException {
        Path folder = Files.createDirectories(home.resolve("scenarios"));
        Files.writeString(folder.resolve("my-coffee.yaml"), coffeeOrderYaml().replace("title: Buying a coffee",
                "title: My own coffee"));
        Files.writeString(folder.resolve("broken.yaml"), "id: broken\ntitle: [unclosed\n");
        CliRun.Result r = CliRun.run(home, "scenarios", "list");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Pattern.compile("(?m)^coffee-order \\*\\s+3\\s+en\\s+My own coffee$").matcher(r.out()).find(),
                r::toString);
        assertTrue(r.out().contains("* from your scenario folder"), r::toString);
        assertTrue(r.out().contains("greet-neighbour"), "the other scenarios are still listed:\n" + r);
        assertTrue(r.err().contains("warning: " + folder.resolve("broken.yaml") + ":"), r::toString);
    }

    @Test
    void showDescribesGoalSettingCharactersStatesAndFollowUp() {
        CliRun.Result r = CliRun.run(home, "scenarios", "show", "coffee-order");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertTrue(out.startsWith("Buying a coffee  (coffee-order)"), r::toString);
        assertTrue(out.contains("Tier 3 (instrumental skills), language en"), r::toString);
        assertTrue(out.contains("Goal: Order a drink"), r::toString);
        assertTrue(out.contains("1. Says which drink they would like.  [ordered]"), r::toString);
        assertTrue(out.contains("Setting: A small, quiet café"), r::toString);
        assertTrue(out.contains("Sam (barista)"), r::toString);
        assertTrue(out.contains("temperament: patience 0.8 (0.4-1)"), r::toString);
        assertTrue(out.contains("order_drink -> size  reaches ordered"), r::toString);
        assertTrue(out.contains("goodbye: end"), r::toString);
        assertTrue(out.contains("Follow-up task: Next time"), r::toString);
    }

    @Test
    void showOfAnUnknownIdSuggestsCloseIds() {
        CliRun.Result r = CliRun.run(home, "scenarios", "show", "cofee-order");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("trinn: unknown scenario 'cofee-order'; did you mean: coffee-order"),
                r::toString);
    }

    @Test
    void validateSaysOkForAValidFile() throws IOException {
        Path file = Files.writeString(home.resolve("coffee.yaml"), coffeeOrderYaml());
        CliRun.Result r = CliRun.run(home, "scenarios", "validate", file.toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals(file + ": ok (coffee-order)\n", r.out());
    }

    @Test
    void validateReportsEachProblemWithFileLineAndFieldAndExitsTwo() throws IOException {
        Path good = Files.writeString(home.resolve("good.yaml"), coffeeOrderYaml());
        String yaml = coffeeOrderYaml().replace("tier: 3", "tier: seven");
        int tierLine = lineOf(yaml, "tier: seven");
        Path bad = Files.writeString(home.resolve("bad.yaml"), yaml);
        Path syntax = Files.writeString(home.resolve("syntax.yaml"), "id: x\n  title: : :\n\tbad\n");
        CliRun.Result r = CliRun.run(home, "scenarios", "validate", good.toString(), bad.toString(),
                syntax.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.out().contains(good + ": ok"), r::toString);
        assertTrue(r.out().contains(bad + ":" + tierLine + ": tier: "), r::toString);
        assertTrue(Pattern.compile("(?m)^" + Pattern.quote(syntax.toString()) + ":\\d+: ").matcher(r.out()).find(),
                r::toString);
        assertTrue(r.err().contains("2 of 3 file(s) have problems"), r::toString);
    }

    @Test
    void validateOfAMissingFileIsAProblem() {
        Path missing = home.resolve("nope.yaml");
        CliRun.Result r = CliRun.run(home, "scenarios", "validate", missing.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.out().contains(missing + ": the file does not exist"), r::toString);
    }

    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }
}
