package no.trinn.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import no.trinn.agents.simulate.ClientProfile;
import no.trinn.agents.simulate.Evaluation;
import no.trinn.agents.simulate.EvaluationReport;
import no.trinn.app.eval.EvalFiles;
import no.trinn.app.eval.EvalSummary;
import no.trinn.app.eval.SpokenChannel;
import no.trinn.app.practice.TextEngines;
import no.trinn.core.Require;
import no.trinn.core.session.ClientSettings;
import no.trinn.scenarios.Ladder;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.speech.tts.EspeakSynthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trinn eval}: validates the adaptive coach against simulated clients of known level ({@link Evaluation})
 * with the scripted engine and the real embedding model and safety check, then writes tables and charts
 * ({@link EvalFiles}) and prints the headline figures ({@link EvalSummary}). Progress goes to standard error: one
 * line that updates on a terminal, else a line per 10% of the sessions. The user's history is not touched. With
 * {@code --voice} the clients' words go through synthesized speech and the voice session's recognizer
 * ({@link SpokenChannel}) on one thread, and the recognizer's figures follow the summary.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Validate the adaptive coach against simulated clients of known hidden level: each client "
                + "climbs the English ladder for a number of text sessions with the scripted engine, the coach "
                + "adapting the character turn by turn. Prints how fast the coach's estimate finds the true level, "
                + "the share of turns in the target band of success, oscillation, and the rung reached; writes "
                + "sessions.csv, clients.csv and SVG charts. Your history is not touched.")
public final class EvalCommand implements Callable<Integer> {
    /** Most clients in one batch. */
    static final int MAX_CLIENTS = 10_000;
    /** Most sessions per client. */
    static final int MAX_SESSIONS = 200;
    private static final int DEFAULT_CLIENTS = 20;
    /** Default clients of a voice batch. */
    static final int DEFAULT_VOICE_CLIENTS = 4;
    /** Most sessions in all (clients times sessions) of a voice batch without {@code --force}. */
    static final int MAX_VOICE_SESSIONS = 40;

    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--clients", paramLabel = "N",
            description = "How many simulated clients, 1-" + MAX_CLIENTS + ". Default: " + DEFAULT_CLIENTS
                    + ", or every archetype once with --archetypes.")
    private Optional<Integer> clients;

    @Option(names = "--sessions", paramLabel = "M", defaultValue = "8",
            description = "Sessions per client, 1-" + MAX_SESSIONS + ". Default: ${DEFAULT-VALUE}.")
    private int sessions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the clients and of every random choice; the same seed gives the same figures. "
                    + "Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the tables and charts; made if missing. Default: ./eval-YYYYMMDD-HHMMSS.")
    private Optional<Path> out;

    @Option(names = "--archetypes",
            description = "Use the shipped named archetypes (in turn, as many as --clients) instead of a random "
                    + "population.")
    private boolean archetypes;

    @Option(names = "--voice",
            description = "Play the turns through the voice pipeline: espeak-ng speaks each client turn (a voice "
                    + "and speed per client), the grammar recognizer the voice session uses in that state "
                    + "(sphinx4) hears it, and the session gets what it recognized. Reports the recognizer's "
                    + "accuracy and the time per turn, writes voice-turns.csv. Runs on one thread, about 0.3 s a "
                    + "turn and 1 s per state's recognizer: at most " + MAX_VOICE_SESSIONS + " sessions in all "
                    + "without --force. Default clients: " + DEFAULT_VOICE_CLIENTS + ". Needs espeak-ng.")
    private boolean voice;

    @Option(names = "--force", description = "Run a --voice batch of more than " + MAX_VOICE_SESSIONS
            + " sessions in all.")
    private boolean force;

    /** The command under {@code root}. */
    public EvalCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() {
        int n = clients.orElse(archetypes ? ClientProfile.archetypes().size() : voice ? DEFAULT_VOICE_CLIENTS
                : DEFAULT_CLIENTS);
        requireRange("--clients", n, MAX_CLIENTS);
        requireRange("--sessions", sessions, MAX_SESSIONS);
        if (voice && !force && (long) n * sessions > MAX_VOICE_SESSIONS) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "--voice with %d clients x "
                    + "%d sessions = %d sessions: at most %d without --force (about 0.3 s a turn on one thread)", n,
                    sessions, (long) n * sessions, MAX_VOICE_SESSIONS));
        }
        if (force && !voice) {
            throw new ParameterException(spec.commandLine(), "--force is only for --voice");
        }
        Path folder = out.orElseGet(() -> Path.of("eval-" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        prepareFolder(folder);
        List<ClientProfile> profiles = archetypes ? Evaluation.archetypes(n) : Evaluation.population(seed, n);
        PrintWriter err = root.io().err();
        PrintWriter stdout = root.io().out();
        stdout.printf(Locale.ROOT, "trinn eval: %d %s x %d sessions, seed %d, English ladder, scripted engine%s%n",
                n, archetypes ? "archetype clients" : "simulated clients", sessions, seed,
                voice ? ", voice (espeak-ng -> sphinx4 grammar)" : "");
        stdout.flush();
        err.println("trinn eval: loading the embedding model and the safety check ...");
        err.flush();
        TextEngines engines = TextEngines.shared();
        ScenarioLibrary library = ScenarioLibrary.shipped();
        CompletableFuture<?>[] prepared = Ladder.standard(library).rungs(Evaluation.LANGUAGE).stream()
                .map(r -> engines.prepare(library.require(r.scenarioId()))).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(prepared).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        if (voice) {
            err.println("trinn eval: voice: espeak-ng speaks, a sphinx4 grammar recognizer per state hears (about "
                    + "1 s to load each) ...");
            err.flush();
            try (SpokenChannel channel = new SpokenChannel(EspeakSynthesizer.start(), engines.safety())) {
                Evaluation evaluation = new Evaluation(engines.engine(), engines.safety(), channel);
                // one thread: recognition depends on the order of the turns, so one thread keeps the seed's figures
                EvaluationReport report = evaluation.run(profiles, new Evaluation.Options(sessions, seed,
                        ClientSettings.NONE, 1), progress(err, root.io().terminal()));
                List<String> files = new ArrayList<>(EvalFiles.write(folder, report));
                files.add(EvalFiles.writeVoice(folder, channel.rows()));
                EvalSummary.print(stdout, report);
                stdout.println();
                EvalSummary.printVoice(stdout, channel.figures());
                finish(stdout, folder, files);
            }
            return Cli.OK;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        Evaluation evaluation = new Evaluation(engines.engine(), engines.safety());
        EvaluationReport report = evaluation.run(profiles, new Evaluation.Options(sessions, seed,
                ClientSettings.NONE, threads), progress(err, root.io().terminal()));
        List<String> files = EvalFiles.write(folder, report);
        EvalSummary.print(stdout, report);
        finish(stdout, folder, files);
        return Cli.OK;
    }

    private static void finish(PrintWriter stdout, Path folder, List<String> files) {
        stdout.println();
        stdout.println("Written to " + folder + ": " + String.join(", ", files));
        stdout.flush();
    }

    private void requireRange(String option, int value, int max) {
        if (value < 1 || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must lie in [1, " + max + "], was " + value);
        }
    }

    /** Makes {@code folder} and checks that a file can be written there, before any session runs. */
    private void prepareFolder(Path folder) {
        try {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(), "--out " + folder + ": is a file, not a folder");
            }
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".trinn-eval-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ParameterException(spec.commandLine(), "--out " + folder + ": cannot write there ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** Progress on {@code err}: an updating line on a terminal, else a line at every 10% of the sessions. */
    private static Evaluation.Progress progress(PrintWriter err, boolean terminal) {
        return new Evaluation.Progress() {
            private int lastTenth;

            @Override
            public synchronized void sessionDone(int done, int total) {
                int percent = (int) (done * 100L / total);
                if (terminal) {
                    err.printf(Locale.ROOT, "\r  %d/%d sessions (%d%%)%s", done, total, percent, done == total ? "\n"
                            : "");
                    err.flush();
                } else if (percent / 10 > lastTenth || done == total) {
                    lastTenth = percent / 10;
                    err.printf(Locale.ROOT, "trinn eval: %d/%d sessions (%d%%)%n", done, total, percent);
                    err.flush();
                }
            }
        };
    }
}
