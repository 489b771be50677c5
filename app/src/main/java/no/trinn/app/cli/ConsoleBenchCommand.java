package no.trinn.app.cli;

import java.util.concurrent.Callable;
import no.trinn.app.bench.ConsoleBench;
import no.trinn.core.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trinn bench console}: the console's live view under load ({@link ConsoleBench}). */
@Command(name = "console", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The therapist console's live view under load, on loopback: N simulated sessions write a turn "
                + "a second to a temporary store while one console serves N SSE viewers; prints the update latency "
                + "(write to receipt, p50/p95/max) for N = 1, 2, 4, ... and the largest N with p95 under 200 ms.")
public final class ConsoleBenchCommand implements Callable<Integer> {
    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "64",
            description = "The most sessions (and viewers) measured, 1-1000. Default: ${DEFAULT-VALUE}.")
    private int sessions;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
            description = "How long each round writes turns, 1-3600. Default: ${DEFAULT-VALUE}.")
    private int seconds;

    /** The command under {@code root}. */
    public ConsoleBenchCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() {
        BenchCommand.requireRange(spec, "--sessions", sessions, 1000);
        BenchCommand.requireRange(spec, "--seconds", seconds, 3600);
        new ConsoleBench(root.io().out(), sessions, seconds).run();
        return Cli.OK;
    }
}
