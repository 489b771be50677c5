package no.trinn.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.scenarios.ScenarioLibrary;

/**
 * Where Trinn keeps its files: the home folder ({@code --home}, else {@code TRINN_HOME}, else {@code ~/.trinn}) with
 * the session database {@code trinn.db} and the optional configuration file {@code config.yaml}, the folder of the
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
