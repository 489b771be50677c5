package no.trinn.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import no.trinn.console.settings.SettingsChange;
import no.trinn.console.settings.SettingsException;
import no.trinn.core.Require;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.LevelEstimate;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trinn client}: the therapist's settings for one client (difficulty caps and locks, each character's
 * temperament, the scenarios assigned), kept in the session store. Without a subcommand it prints its usage.
 */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Show or change a client's settings: difficulty caps and locks, characters' temperament and "
                + "the scenarios assigned. The difficulty controller always stays inside them.",
        commandListHeading = "%nCommands:%n")
public final class ClientCommand implements Callable<Integer> {
    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    /** The command under {@code root}. */
    public ClientCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() {
        return Cli.missingSubcommand(spec, root.io().err());
    }

    /** {@code trinn client show ALIAS}: the settings and the client model's estimates. */
    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Show a client's settings and estimated level per tier.")
    public static final class ShowCommand implements Callable<Integer> {
        private final TrinnCommand root;

        @Parameters(paramLabel = "ALIAS", description = "The client's pseudonym.")
        private String alias;

        /** The command under {@code root}. */
        public ShowCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            PracticeCommand.requireAlias(alias);
            try (SessionStore store = root.home().openStore(root.io())) {
                print(store.settings(alias), store.levels(alias), root.io().out());
            }
            return Cli.OK;
        }
    }

    /** {@code trinn client set ALIAS ...}: changes some settings and keeps the rest. */
    @Command(name = "set", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Change a client's settings; what you do not name stays as it was. Parameter names: "
                    + "difficulty and the behaviour parameters (warmth, patience, complexity, pressure, speechRate).")
    public static final class SetCommand implements Callable<Integer> {
        private final TrinnCommand root;

        @Parameters(paramLabel = "ALIAS", description = "The client's pseudonym.")
        private String alias;

        @Option(names = "--cap", paramLabel = "NAME=MIN..MAX", description = "Keep NAME inside [MIN, MAX], e.g. "
                + "difficulty=0..0.4 or pressure=0..0.2 (values 0..1).")
        private List<String> caps = new ArrayList<>();

        @Option(names = "--uncap", paramLabel = "NAME", description = "Remove the cap on NAME.")
        private List<String> uncaps = new ArrayList<>();

        @Option(names = "--lock", paramLabel = "NAME=VALUE", description = "Fix NAME at VALUE (0..1); the "
                + "controller never moves it. A lock wins over a cap.")
        private List<String> locks = new ArrayList<>();

        @Option(names = "--unlock", paramLabel = "NAME", description = "Remove the lock on NAME.")
        private List<String> unlocks = new ArrayList<>();

        @Option(names = "--temperament", paramLabel = "SCENARIO/CHARACTER:NAME=VALUE", description = "Set a "
                + "character's temperament for this client, e.g. supermarket-checkout/cashier:warmth=0.9.")
        private List<String> temperament = new ArrayList<>();

        @Option(names = "--assign", paramLabel = "ID[,ID...]", split = ",", description = "The scenarios this "
                + "client may be given, in the order of the ladder ('none' assigns the whole ladder again).")
        private List<String> assign = new ArrayList<>();

        @Option(names = "--reset", description = "Start from no settings at all before applying the others.")
        private boolean reset;

        /** The command under {@code root}. */
        public SetCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            PracticeCommand.requireAlias(alias);
            ScenarioLibrary library = root.home().library();
            try (SessionStore store = root.home().openStore(root.io())) {
                ClientSettings current = reset ? ClientSettings.NONE : store.settings(alias);
                ClientSettings changed = change(current, library);
                store.saveSettings(alias, changed);
                PrintWriter out = root.io().out();
                out.println("Saved.");
                print(changed, store.levels(alias), out);
            }
            return Cli.OK;
        }

        private ClientSettings change(ClientSettings current, ScenarioLibrary library) {
            SettingsChange change = new SettingsChange(library, current);
            try {
                uncaps.forEach(n -> change.uncap("--uncap", n));
                for (String cap : caps) {
                    String[] parts = split("--cap", cap, "=", "NAME=MIN..MAX");
                    String[] range = split("--cap", parts[1], "..", "NAME=MIN..MAX");
                    change.cap("--cap", cap, parts[0], range[0], range[1]);
                }
                unlocks.forEach(n -> change.unlock("--unlock", n));
                for (String lock : locks) {
                    String[] parts = split("--lock", lock, "=", "NAME=VALUE");
                    change.lock("--lock", lock, parts[0], parts[1]);
                }
                for (String t : temperament) {
                    String form = "SCENARIO/CHARACTER:NAME=VALUE";
                    String[] keyAndValue = split("--temperament", t, ":", form);
                    String[] who = split("--temperament", keyAndValue[0], "/", form);
                    String[] nameAndValue = split("--temperament", keyAndValue[1], "=", form);
                    change.temperament("--temperament", t, who[0], who[1], nameAndValue[0], nameAndValue[1]);
                }
                if (!assign.isEmpty()) {
                    change.assign("--assign", assign.equals(List.of("none")) ? List.of() : assign);
                }
            } catch (SettingsException e) {
                throw new InputException(e.getMessage(), e);
            }
            return change.result();
        }
    }

    private static String[] split(String option, String text, String separator, String form) {
        int at = text.indexOf(separator);
        if (at <= 0 || at + separator.length() >= text.length()) {
            throw new InputException(option + " " + text + ": expected " + form);
        }
        return new String[] {text.substring(0, at).strip(), text.substring(at + separator.length()).strip()};
    }

    static void print(ClientSettings s, List<LevelEstimate> levels, PrintWriter out) {
        out.println("Caps: " + (s.caps().isEmpty() ? "none" : String.join(", ", s.caps().entrySet().stream()
                .map(e -> e.getKey() + " " + fmt(e.getValue().min()) + ".." + fmt(e.getValue().max())).toList())));
        out.println("Locks: " + (s.locks().isEmpty() ? "none" : String.join(", ", s.locks().entrySet().stream()
                .map(e -> e.getKey() + " = " + fmt(e.getValue())).toList())));
        if (s.temperament().isEmpty()) {
            out.println("Temperament: as authored");
        } else {
            out.println("Temperament:");
            s.temperament().forEach((who, values) -> out.println("  " + who + ": " + String.join(", ",
                    values.entrySet().stream().map(e -> e.getKey() + " = " + fmt(e.getValue())).toList())));
        }
        out.println("Assigned scenarios: " + (s.assigned().isEmpty() ? "the whole ladder"
                : String.join(", ", s.assigned())));
        out.println("Estimated level: " + (levels.isEmpty() ? "no sessions assessed yet" : String.join(", ",
                levels.stream().map(l -> l.scale() + " " + fmt(l.mean()) + " +/- " + fmt(l.sd())).toList())));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
