package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliBasicsTest {
    @TempDir
    Path home;

    @Test
    void helpListsTheCommandsAndExitsZero() {
        CliRun.Result r = CliRun.run(home, "--help");
        assertEquals(0, r.code(), r::toString);
        for (String command : new String[] {"practice", "scenarios", "history", "bench", "help"}) {
            assertTrue(r.out().contains(command), () -> command + " missing from\n" + r);
        }
    }

    @Test
    void versionNamesTrinnAndJava() {
        CliRun.Result r = CliRun.run(home, "--version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("trinn "), r::toString);
        assertTrue(r.out().contains("Java "), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"practice", "scenarios", "scenarios list", "scenarios show", "scenarios validate",
        "history", "bench", "bench text"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");
        CliRun.Result r = CliRun.run(home, args);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Usage: trinn " + command), r::toString);
    }

    @Test
    void helpCommandShowsASubcommandsHelp() {
        CliRun.Result r = CliRun.run(home, "help", "practice");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("--difficulty"), r::toString);
    }

    @Test
    void noCommandIsBadUsage() {
        CliRun.Result r = CliRun.run(home);
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("give a command"), r::toString);
    }

    @Test
    void aCommandGroupWithoutItsSubcommandNamesThem() {
        CliRun.Result bench = CliRun.run(home, "bench");
        assertEquals(2, bench.code(), bench::toString);
        assertTrue(bench.err().contains("trinn bench: give a command: text, llm, voice, render or console"), bench::toString);
        CliRun.Result scenarios = CliRun.run(home, "scenarios");
        assertTrue(scenarios.err().contains("trinn scenarios: give a command: list, show or validate"),
                scenarios::toString);
    }

    @Test
    void unknownCommandAndOptionAreBadUsageWithOneClearMessage() {
        CliRun.Result command = CliRun.run(home, "practise", "coffee-order");
        assertEquals(2, command.code(), command::toString);
        assertTrue(command.err().contains("practice"), command::toString);
        assertTrue(command.err().contains("--help"), command::toString);
        CliRun.Result option = CliRun.run(home, "scenarios", "list", "--colour");
        assertEquals(2, option.code(), option::toString);
        assertTrue(option.err().startsWith("trinn: Unknown option: '--colour'"), option::toString);
        assertEquals("", option.out());
    }

    @Test
    void homeMayComeAfterTheSubcommandAndFromTheEnvironment() {
        CliRun.Result after = CliRun.runBare(Map.of(), new byte[0], "history", "--client", "p-1", "--home",
                home.toString());
        assertEquals(0, after.code(), after::toString);
        CliRun.Result env = CliRun.runBare(Map.of("TRINN_HOME", home.toString()), new byte[0], "history",
                "--client", "p-1");
        assertEquals(0, env.code(), env::toString);
        assertTrue(env.out().contains("No sessions"), env::toString);
    }
}
