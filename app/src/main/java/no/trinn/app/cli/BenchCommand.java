package no.trinn.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.trinn.app.bench.TextBench;
import no.trinn.app.bench.VoiceBench;
import no.trinn.models.catalog.ModelCache;
import no.trinn.models.llama.LlamaBench;
import no.trinn.core.Require;
import no.trinn.vr.output.OpenXrBench;
import no.trinn.vr.output.OpenXrOutput;
import no.trinn.vr.render.FrameRenderer;
import no.trinn.vr.render.RenderBench;
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
        return Cli.missingSubcommand(spec, root.io().err());
    }

    /** Rejects a {@code value} of {@code option} outside [1, {@code max}] as bad usage. */
    static void requireRange(CommandSpec spec, String option, int value, int max) {
        if (value < 1 || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must lie in [1, " + max + "], was " + value);
        }
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
            requireRange(spec, "--seconds", seconds, 3600);
            boolean complete = new TextBench(root.io().out(), seconds).run();
            if (!complete) {
                root.io().err().println("trinn: some scripted sessions did not reach their scenario's end "
                        + "(see above)");
                return Cli.SOFTWARE;
            }
            return Cli.OK;
        }
    }

    /**
     * {@code trinn bench llm}: a GGUF chat model through llama.cpp, the way a session uses it (load, first and
     * follow-up turn, first speakable sentence, generation speed, peak memory, llama.cpp's own timings beside ours).
     */
    @Command(name = "llm", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "A GGUF chat model through llama.cpp: load time, prompt and generation tokens per second, "
                    + "first-token latency of a first and a follow-up turn, time to the first speakable sentence, "
                    + "peak memory, and llama.cpp's own timings beside the project's (their ratio is the overhead).")
    public static final class LlmCommand implements Callable<Integer> {
        private final TrinnCommand root;

        @Spec
        private CommandSpec spec;

        @Option(names = "--model", paramLabel = "FILE", description = "The GGUF file to measure.")
        private Optional<Path> model;

        @Option(names = "--random", paramLabel = "PRESET[:TYPE]",
                description = "Measure a random-weight model of a real shape instead (speed does not depend on the "
                        + "weights): tiny, smollm2-135m, qwen2.5-0.5b or qwen2.5-1.5b; TYPE F16, Q8_0 or Q4_0 "
                        + "(default Q4_0). Written to a temporary file and deleted afterwards.")
        private Optional<String> random;

        @Option(names = "--threads", paramLabel = "N", description = "CPU threads for llama.cpp. Default: all.")
        private Optional<Integer> threads;

        @Option(names = "--tokens", paramLabel = "N", description = "Tokens generated per turn. Default: 48.")
        private Optional<Integer> tokens;

        /** The command under {@code root}. */
        public LlmCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            if (model.isPresent() == random.isPresent()) {
                throw new ParameterException(spec.commandLine(), "give either --model FILE or --random PRESET[:TYPE]");
            }
            LlamaBench.Options defaults = LlamaBench.Options.defaults();
            int perTurn = tokens.orElse(defaults.maxTokens());
            LlamaBench.Options options;
            Path file;
            try {
                options = new LlamaBench.Options(threads.orElse(defaults.threads()), defaults.contextSize(), perTurn,
                        Math.min(defaults.sentenceTokens(), perTurn), defaults.seed());
                file = random.isPresent() ? LlamaBench.randomModel(random.get()) : model.orElseThrow();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try {
                LlamaBench.run(file, options).print(root.io().out());
                return Cli.OK;
            } finally {
                if (random.isPresent()) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        root.io().err().println("trinn: cannot delete " + file + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * {@code trinn bench voice}: file-driven voice sessions with the scripted engine and the real components, per-stage
     * figures beside the voice targets. Exit 2 if espeak-ng or the voice activity model is missing, 1 if some round
     * did not reach the scenario's goal.
     */
    @Command(name = "voice", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Voice sessions of coffee-order from client lines spoken by espeak-ng, with the scripted "
                    + "engine, Silero VAD, Sphinx4, MaryTTS: voice activity cost per frame, recognizer real-time "
                    + "factor and final-result delay, agent reply time, synthesis time to first audio and real-time "
                    + "factor, end-of-turn delay and voice response latency (p50/p95), beside their targets.")
    public static final class VoiceCommand implements Callable<Integer> {
        private final TrinnCommand root;

        @Spec
        private CommandSpec spec;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
                description = "How many sessions to run over the client's audio, 1-100. Default: ${DEFAULT-VALUE}.")
        private int rounds;

        /** The command under {@code root}. */
        public VoiceCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            requireRange(spec, "--rounds", rounds, 100);
            ModelCache models = new ModelCache(root.home().models(Optional.empty(), root.io()));
            if (!new VoiceBench(root.io().out(), rounds, models).run()) {
                root.io().err().println("trinn: some voice sessions did not reach the scenario's goal");
                return Cli.SOFTWARE;
            }
            return Cli.OK;
        }
    }

    /**
     * {@code trinn bench render}: offscreen frame times at 1280x720, and the OpenXR frame loop when a runtime answers
     * (a headset, or Monado's simulated one). Exit 1 when offscreen rendering is unavailable.
     */
    @Command(name = "render", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Frame times of the renderer: offscreen at 1280x720 (p50/p95, animate + draw + read back), "
                    + "then, when an OpenXR runtime answers, the headset loop (frames submitted, xrWaitFrame period, "
                    + "render time per eye). Names the outputs measured.")
    public static final class RenderCommand implements Callable<Integer> {
        private final TrinnCommand root;

        @Spec
        private CommandSpec spec;

        @Option(names = "--frames", paramLabel = "N", defaultValue = "200",
                description = "Frames measured per output after a warm-up, 1-100000. Default: ${DEFAULT-VALUE}.")
        private int frames;

        /** The command under {@code root}. */
        public RenderCommand(TrinnCommand root) {
            this.root = Require.nonNull(root, "root");
        }

        @Override
        public Integer call() {
            requireRange(spec, "--frames", frames, 100_000);
            var out = root.io().out();
            RenderBench.Figures offscreen = RenderBench.run(FrameRenderer.DEFAULT_WIDTH, FrameRenderer.DEFAULT_HEIGHT,
                    0, Math.min(20, frames), frames);
            out.println("offscreen: " + offscreen);
            out.flush();
            Optional<String> why = OpenXrOutput.unavailableReason();
            if (why.isPresent()) {
                out.println("openxr: not measured: " + why.get());
                out.println("measured: offscreen");
                return Cli.OK;
            }
            OpenXrBench.Result xr = OpenXrBench.run(frames, Math.max(60, frames * 0.2));
            out.println("openxr: " + xr);
            out.println("measured: offscreen, openxr");
            return Cli.OK;
        }
    }
}
