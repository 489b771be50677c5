package no.trinn.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import no.trinn.core.Require;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.LevelEstimate;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Scenario;
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
            try (SessionStore store = SessionStore.open(root.home().database())) {
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
            try (SessionStore store = SessionStore.open(root.home().database())) {
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
            Set<String> names = parameterNames();
            Map<String, Bounds> newCaps = new LinkedHashMap<>(current.caps());
            uncaps.forEach(n -> newCaps.remove(requireName("--uncap", n, names)));
            for (String cap : caps) {
                String[] parts = split("--cap", cap, "=", "NAME=MIN..MAX");
                String[] range = split("--cap", parts[1], "..", "NAME=MIN..MAX");
                double min = value("--cap", cap, range[0]);
                double max = value("--cap", cap, range[1]);
                if (min > max) {
                    throw new InputException("--cap " + cap + ": MIN " + range[0] + " lies above MAX " + range[1]);
                }
                newCaps.put(requireName("--cap", parts[0], names), new Bounds(min, max));
            }
            Map<String, Double> newLocks = new LinkedHashMap<>(current.locks());
            unlocks.forEach(n -> newLocks.remove(requireName("--unlock", n, names)));
            for (String lock : locks) {
                String[] parts = split("--lock", lock, "=", "NAME=VALUE");
                newLocks.put(requireName("--lock", parts[0], names), value("--lock", lock, parts[1]));
            }
            Map<String, Map<String, Double>> newTemperament = new LinkedHashMap<>();
            current.temperament().forEach((k, v) -> newTemperament.put(k, new LinkedHashMap<>(v)));
            for (String t : temperament) {
                String[] keyAndValue = split("--temperament", t, ":", "SCENARIO/CHARACTER:NAME=VALUE");
                String[] who = split("--temperament", keyAndValue[0], "/", "SCENARIO/CHARACTER:NAME=VALUE");
                String[] nameAndValue = split("--temperament", keyAndValue[1], "=", "SCENARIO/CHARACTER:NAME=VALUE");
                Scenario scenario = Scenarios.require(library, who[0]);
                Character character = scenario.character(who[1]).orElseThrow(() ->
                        new InputException("--temperament " + t + ": scenario " + scenario.id() + " has no "
                                + "character '" + who[1] + "'; its characters: " + String.join(", ",
                                        scenario.characters().stream().map(Character::id)
                                                .toList())));
                Set<String> allowed = BehaviourParameters.standard().conditionNames(character);
                String name = nameAndValue[0];
                if (!allowed.contains(name) || name.equals(BehaviourParameters.DIFFICULTY)) {
                    throw new InputException("--temperament " + t + ": '" + name + "' is not a temperament of "
                            + character.id() + "; use one of " + String.join(", ", allowed.stream()
                                    .filter(n -> !n.equals(BehaviourParameters.DIFFICULTY)).toList()));
                }
                newTemperament.computeIfAbsent(scenario.id() + "/" + character.id(), k -> new LinkedHashMap<>())
                        .put(name, value("--temperament", t, nameAndValue[1]));
            }
            List<String> assigned = current.assigned();
            if (!assign.isEmpty()) {
                assigned = assign.equals(List.of("none")) ? List.of()
                        : assign.stream().map(id -> Scenarios.require(library, id).id()).toList();
            }
            return new ClientSettings(newCaps, newLocks, newTemperament, assigned);
        }
    }

    /** The names a cap or lock may name: {@code difficulty} and the behaviour parameters. */
    static Set<String> parameterNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(BehaviourParameters.DIFFICULTY);
        names.addAll(BehaviourParameters.standard().names());
        return names;
    }

    private static String requireName(String option, String name, Set<String> names) {
        if (!names.contains(name)) {
            throw new InputException(option + " " + name + ": unknown parameter; use one of "
                    + String.join(", ", names));
        }
        return name;
    }

    private static String[] split(String option, String text, String separator, String form) {
        int at = text.indexOf(separator);
        if (at <= 0 || at + separator.length() >= text.length()) {
            throw new InputException(option + " " + text + ": expected " + form);
        }
        return new String[] {text.substring(0, at).strip(), text.substring(at + separator.length()).strip()};
    }

    private static double value(String option, String whole, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputException(option + " " + whole + ": '" + text + "' is not a number", e);
        }
        if (!(v >= 0 && v <= 1)) {
            throw new InputException(option + " " + whole + ": " + text + " lies outside 0..1");
        }
        return v;
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
