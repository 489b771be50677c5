package no.trinn.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.trinn.core.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code trinn} command: the options every subcommand accepts ({@code --home}, {@code --scenarios},
 * {@code --debug}) and the streams of the run. Run without a subcommand, it prints its usage and ends with exit
 * code 2.
 */
@Command(name = "trinn", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Practise everyday conversations with virtual characters, offline.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {
            "Start with: trinn practice coffee-order",
            "",
            "The home folder (--home, $TRINN_HOME, default ~/.trinn) holds the session",
            "database trinn.db and your own scenarios in scenarios/ (--scenarios,",
            "$TRINN_SCENARIOS).",
            "",
            "Exit codes: 0 ok, 1 unexpected error, 2 bad usage or bad input."
        })
public final class TrinnCommand implements Callable<Integer> {
    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Home folder (database and scenarios). Default: $TRINN_HOME, else ~/.trinn.")
    private Optional<Path> home = Optional.empty();

    @Option(names = "--scenarios", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of your own scenarios, which override shipped ones with the same id. "
                    + "Default: $TRINN_SCENARIOS, else scenarios/ in the home folder.")
    private Optional<Path> scenarios = Optional.empty();

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an unexpected error.")
    private boolean debug;

    /** A root command working on {@code io}. */
    public TrinnCommand(Io io) {
        this.io = Require.nonNull(io, "io");
    }

    @Override
    public Integer call() {
        io.err().println("trinn: give a command, e.g. trinn practice coffee-order");
        spec.commandLine().usage(io.err());
        return Cli.USAGE;
    }

    /** The streams and environment of this run. */
    public Io io() {
        return io;
    }

    /** The folders of this run, from the options, the environment and the defaults. */
    public Home home() {
        return Home.resolve(home, scenarios, io);
    }

    /** Whether {@code --debug} was given. */
    public boolean debug() {
        return debug;
    }
}
