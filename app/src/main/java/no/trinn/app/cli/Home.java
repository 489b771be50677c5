package no.trinn.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import no.trinn.core.Require;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;

/**
 * Where Trinn keeps its files: the home folder ({@code --home}, else {@code TRINN_HOME}, else {@code ~/.trinn}) with
 * the session database {@code trinn.db} (unless {@code config.yaml} names a PostgreSQL database: {@link #openStore})
 * and the optional configuration file {@code config.yaml}, the folder of the
 * user's own scenarios ({@code --scenarios}, else {@code TRINN_SCENARIOS}, else {@code scenarios/} in the home
 * folder), and the model cache ({@link #models}). Nothing is created here; the store creates the home folder when it
 * first records a session.
 *
 * @param folder the home folder, absolute
 * @param scenarios the user's scenario folder, absolute
 * @param scenariosChosen whether the scenario folder was named by an option or variable (then a missing folder is
 *     reported; the default folder may simply not exist yet)
 */
public record Home(Path folder, Path scenarios, boolean scenariosChosen) {
    /** Environment variable naming the home folder. */
    public static final String HOME_VARIABLE = "TRINN_HOME";
    /** Environment variable naming the user's scenario folder. */
    public static final String SCENARIOS_VARIABLE = "TRINN_SCENARIOS";
    /** Environment variable naming the model cache folder. */
    public static final String MODELS_VARIABLE = "TRINN_MODELS";
    /** File name of the session database inside the home folder. */
    public static final String DATABASE = "trinn.db";
    /** File name of the configuration file inside the home folder. */
    public static final String CONFIG = "config.yaml";

    public Home {
        Require.nonNull(folder, "folder");
        Require.nonNull(scenarios, "scenarios");
    }

    /** Resolves the folders from the options (if given), then the environment, then the defaults. */
    public static Home resolve(Optional<Path> homeOption, Optional<Path> scenariosOption, Io io) {
        Path home = homeOption.or(() -> io.variable(HOME_VARIABLE).map(Path::of))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".trinn"))
                .toAbsolutePath().normalize();
        Optional<Path> chosen = scenariosOption.or(() -> io.variable(SCENARIOS_VARIABLE).map(Path::of));
        Path scenarios = chosen.orElse(home.resolve("scenarios")).toAbsolutePath().normalize();
        return new Home(home, scenarios, chosen.isPresent());
    }

    /** The session database file. */
    public Path database() {
        return folder.resolve(DATABASE);
    }

    /**
     * Opens the session store: the PostgreSQL database named under {@code store} in the configuration file (its
     * password read from the variable {@code store.passwordEnv} names), else the database file here. Every command
     * opens its store with this.
     *
     * @throws InputException if the configuration file is wrong or the password variable is not set
     */
    public SessionStore openStore(Io io) {
        Optional<ConfigFile.Store> server = ConfigFile.read(config()).store();
        if (server.isEmpty()) {
            return SessionStore.open(database());
        }
        ConfigFile.Store store = server.get();
        Properties credentials = new Properties();
        store.user().ifPresent(user -> credentials.setProperty("user", user));
        store.passwordEnv().ifPresent(name -> credentials.setProperty("password", io.variable(name).orElseThrow(
                () -> new InputException(store.where() + ": store.passwordEnv: the environment variable " + name
                        + " is not set; set it to the database password"))));
        return SessionStore.connect(store.url(), credentials);
    }

    /** Whether the session store may hold records: a database on a server always, a file once it exists. */
    public boolean storeMayHoldRecords() {
        return ConfigFile.read(config()).store().isPresent() || Files.exists(database());
    }

    /** The configuration file (it need not exist). */
    public Path config() {
        return folder.resolve(CONFIG);
    }

    /** The model cache folder: {@code option} if given, else {@code TRINN_MODELS}, else {@code models/} here. */
    public Path models(Optional<Path> option, Io io) {
        return option.or(() -> io.variable(MODELS_VARIABLE).map(Path::of)).orElseGet(() -> folder.resolve("models"))
                .toAbsolutePath().normalize();
    }

    /**
     * The shipped scenario library with the user's folder added. The default folder is only read if it exists; a
     * chosen folder that does not exist is reported among the library's problems.
     */
    public ScenarioLibrary library() {
        if (!scenariosChosen && !Files.exists(scenarios)) {
            return ScenarioLibrary.shipped();
        }
        return ScenarioLibrary.withUserFolder(scenarios);
    }
}
