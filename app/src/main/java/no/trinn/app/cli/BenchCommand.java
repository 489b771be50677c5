package no.trinn.app.cli;

import java.util.concurrent.Callable;
import no.trinn.app.bench.TextBench;
import no.trinn.core.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trinn bench}: benchmarks that print figures. Without a subcommand it prints its usage (exit 2). */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Measure Trinn on this machine; prints figures. Your history is not touched.",
        commandListHeading = "%nCommands:%n")
public final class BenchCommand implements Callable<Integer> {
    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    /** The command under {@code root}. */
    public BenchCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() {
        root.io().err().println("trinn bench: give a benchmark: text");
        spec.commandLine().usage(root.io().err());
        return Cli.USAGE;
    }

    /**
     * {@code trinn bench text}: time to the first character line, per-turn latency and scripted sessions per minute,
     * over every shipped scenario. Exit 1 if some scenario's scripted walk did not complete.
     */
    @Command(name = "text", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Text sessions with the real components over every shipped scenario: time from JVM start "
                    + "to the first character line, per-turn latency (p50/p95/max) after a warm-up, complete "
                    + "scripted sessions per minute. Run it in a fresh process for a true first-line time.")
    public static final class TextCommand implements Callable<Integer> {
        private final TrinnCommand root;

        @Spec
        private CommandSpec spec;

        @Option(names = "--seconds", paramLabel = "N", defaultValue = "20",
                description = "How long to measure after the warm-up, 1-3600. Default: ${DEFAULT-VALUE}.")
        private int seconds;

        /** The command under {@code root}. */
        public TextCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            if (seconds < 1 || seconds > 3600) {
                throw new ParameterException(spec.commandLine(), "--seconds must lie in [1, 3600], was " + seconds);
            }
            boolean complete = new TextBench(root.io().out(), seconds).run();
            if (!complete) {
                root.io().err().println("trinn: some scripted sessions did not reach their scenario's end "
                        + "(see above)");
                return Cli.SOFTWARE;
            }
            return Cli.OK;
        }
    }
}
