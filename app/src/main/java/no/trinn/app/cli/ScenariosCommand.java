package no.trinn.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import no.trinn.app.practice.PlainTranscript;
import no.trinn.core.Require;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Goal;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioException;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.scenarios.ScenarioLoader;
import no.trinn.scenarios.State;
import no.trinn.scenarios.Temperament;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trinn scenarios}: list, show and validate scenarios. Without a subcommand it prints its usage (exit 2). */
@Command(name = "scenarios", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "List, show and validate practice scenarios (the shipped library and your own).",
        commandListHeading = "%nCommands:%n")
public final class ScenariosCommand implements Callable<Integer> {
    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    /** The command under {@code root}. */
    public ScenariosCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() {
        return Cli.missingSubcommand(spec, root.io().err());
    }

    /**
     * {@code trinn scenarios list}: a table of every scenario (id, tier, language, title), the user's own marked;
     * problems reading scenario files go to standard error as warnings and do not hide the other scenarios.
     */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "List every scenario: id, tier, language and title. Your own scenarios are marked *.")
    public static final class ListCommand implements Callable<Integer> {
        private final TrinnCommand root;

        /** The command under {@code root}. */
        public ListCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            Home home = root.home();
            ScenarioLibrary library = home.library();
            PrintWriter out = root.io().out();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "TIER", "LANG", "TITLE"});
            boolean anyUser = false;
            for (Scenario s : library.all()) {
                boolean user = Scenarios.fromUser(s);
                anyUser |= user;
                rows.add(new String[] {s.id() + (user ? " *" : ""), Integer.toString(s.tier()), s.language(),
                        s.title()});
            }
            Table.print(out, rows);
            if (anyUser) {
                out.println();
                out.println("* from your scenario folder " + home.scenarios());
            }
            Scenarios.warn(library, root.io().err());
            return Cli.OK;
        }
    }

    /** {@code trinn scenarios show ID}: one scenario in words. Unknown id: exit 2 with suggestions. */
    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Show a scenario: title, tier, goal and steps, setting, characters, states and intents, "
                    + "follow-up task.")
    public static final class ShowCommand implements Callable<Integer> {
        private final TrinnCommand root;

        @Parameters(paramLabel = "ID", description = "The scenario's id, as 'trinn scenarios list' shows it.")
        private String id;

        /** The command under {@code root}. */
        public ShowCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            Scenario s = Scenarios.require(root.home().library(), id);
            PrintWriter out = root.io().out();
            out.println(s.title() + "  (" + s.id() + ")");
            out.println("Tier " + s.tier() + " (" + Scenarios.tierName(s.tier()) + "), language " + s.language()
                    + ", " + (Scenarios.fromUser(s) ? "your scenario " + s.source() : "shipped library")
                    + s.translationOf().map(t -> ", translation of " + t).orElse(""));
            out.println(s.summary());
            out.println();
            out.println("Goal: " + s.goal().description());
            int n = 1;
            for (Goal.Step step : s.goal().steps()) {
                out.println("  " + n++ + ". " + step.description() + "  [" + step.id() + "]");
            }
            out.println();
            out.println("Setting: " + s.setting());
            out.println();
            out.println("Characters:");
            for (Character c : s.characters()) {
                out.println("  " + PlainTranscript.label(c) + "  [" + c.id() + "]");
                Map<String, Temperament> temperament = new TreeMap<>(c.temperament());
                if (!temperament.isEmpty()) {
                    out.println("    temperament: " + temperament.entrySet().stream()
                            .map(e -> e.getKey() + " " + num(e.getValue().value()) + " (" + num(e.getValue().range()
                                    .min()) + "-" + num(e.getValue().range().max()) + ")")
                            .collect(Collectors.joining(", ")));
                }
            }
            out.println();
            out.println("States (" + s.states().size() + ", starting in " + s.start().id() + "):");
            for (State state : s.states()) {
                String speaker = state.character().isPresent()
                        ? "  (" + s.speaker(state).name() + " speaks)" : "";
                if (state.end()) {
                    out.println("  " + state.id() + ": end" + speaker);
                    continue;
                }
                out.println("  " + state.id() + speaker);
                for (Intent i : state.intents()) {
                    out.println("    " + i.id() + i.next().map(next -> " -> " + next).orElse(" (stays)")
                            + (i.steps().isEmpty() ? "" : "  reaches " + String.join(", ", i.steps()))
                            + "  e.g. \"" + i.examples().getFirst() + "\"");
                }
            }
            out.println();
            out.println("Follow-up task: " + s.followUp());
            return Cli.OK;
        }

        private static String num(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /**
     * {@code trinn scenarios validate FILE...}: loads each file as a scenario and prints "FILE: ok" or each problem
     * as {@code file:line: field: message}; exit 2 if any file has a problem.
     */
    @Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Check scenario files. Prints 'ok' per valid file and each problem as "
                    + "file:line: field: message; exit code 2 if any file has problems.")
    public static final class ValidateCommand implements Callable<Integer> {
        private final TrinnCommand root;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario YAML files.")
        private List<Path> files = List.of();

        /** The command under {@code root}. */
        public ValidateCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            ScenarioLoader loader = new ScenarioLoader();
            PrintWriter out = root.io().out();
            int bad = 0;
            for (Path file : files) {
                try {
                    Scenario s = loader.load(file);
                    out.println(file + ": ok (" + s.id() + ")");
                } catch (ScenarioException e) {
                    bad++;
                    if (e.problems().isEmpty()) {
                        out.println(file + ": " + e.getMessage());
                    } else {
                        e.problems().forEach(p -> out.println(p));
                    }
                }
            }
            if (bad > 0) {
                root.io().err().println("trinn: " + bad + " of " + files.size() + " file(s) have problems");
                return Cli.USAGE;
            }
            return Cli.OK;
        }
    }
}
