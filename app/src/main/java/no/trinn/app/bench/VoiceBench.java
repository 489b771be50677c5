package no.trinn.app.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.app.cli.InputException;
import no.trinn.app.practice.EventLog;
import no.trinn.app.practice.SessionDriver;
import no.trinn.app.practice.Sessions;
import no.trinn.app.practice.TextEngines;
import no.trinn.app.practice.TranscriptSink;
import no.trinn.app.voice.VoicePractice;
import no.trinn.core.Require;
import no.trinn.core.session.SessionEvent;
import no.trinn.models.catalog.ModelCache;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;
import no.trinn.speech.audio.Pcm;
import no.trinn.speech.audio.Wav;
import no.trinn.speech.tts.EspeakSynthesizer;
import no.trinn.speech.tts.MaryTtsSynthesizer;
import no.trinn.speech.tts.VoiceSettings;
import no.trinn.speech.vad.SileroVad;
import no.trinn.store.SessionStore;

/**
 * {@code trinn bench voice}: file-driven voice sessions ({@link VoicePractice}) of the coffee-order scenario with the
 * scripted engine and the real components (Silero voice activity, Sphinx4 in grammar mode, the turn-taker, the
 * session, MaryTTS), over the client's lines spoken by espeak-ng into a WAV file, with a SQLite store in a temporary
 * folder that is deleted afterwards (the user's history is untouched). Prints per-stage figures over all rounds, each
 * beside its target where the voice issue sets one, the machine, and the echo canceller's figures ({@link EchoBench}:
 * the character's MaryTTS voice through simulated rooms).
 */
public final class VoiceBench {
    /**
     * The client's lines: those of the coffee-order voice goal script (one expected phrase of each goal step, the
     * longer examples, since Sphinx4 hears short ones as repair or pause phrases).
     */
    public static final List<String> LINES = List.of("Could I get a flat white?", "Small with oat milk",
            "I'll pay with my card.");
    private static final String SCENARIO = "coffee-order";
    private static final int GAP_MILLIS = 1_200;
    private static final int VAD_FRAME_MILLIS = 32;
    private static final double NEUTRAL = 0.5;
    private static final double DIFFICULTY = 0.3;
    private static final long TARGET_LATENCY_P50_MILLIS = 300;
    private static final long TARGET_LATENCY_P95_MILLIS = 500;
    private static final long TARGET_FIRST_CLAUSE_MILLIS = 300;
    private static final long TARGET_END_OF_TURN_P50_MILLIS = 700;
    private static final double TARGET_VAD_CORE_PERCENT = 5;

    private final PrintWriter out;
    private final int rounds;
    private final ModelCache models;
    private final String runId = Sessions.newId();

    /**
     * @param out where the figures go
     * @param rounds how many sessions to run over the client's audio, 1-100
     * @param models the model cache holding the voice activity model
     */
    public VoiceBench(PrintWriter out, int rounds, ModelCache models) {
        this.out = Require.nonNull(out, "out");
        this.rounds = (int) Require.inRange(rounds, 1, 100, "rounds");
        this.models = Require.nonNull(models, "models");
    }

    /**
     * Runs the benchmark and prints its figures; returns whether every round reached the scenario's goal.
     *
     * @throws InputException if the voice activity model or espeak-ng is missing (one line saying how to get it)
     */
    public boolean run() {
        if (SileroVad.locate(models).isEmpty()) {
            throw new InputException("the voice activity model is not in " + models.root() + "; "
                    + SileroVad.HOW_TO_INSTALL);
        }
        Path folder = TextBench.temporaryFolder();
        try {
            return measure(folder);
        } finally {
            TextBench.delete(folder);
        }
    }

    private boolean measure(Path folder) {
        Path input = folder.resolve("client.wav");
        long inputMillis = speak(LINES, input);
        out.println("trinn bench voice, " + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm")) + " local time");
        out.println("machine: " + TextBench.Machine.describe());
        out.printf("client audio: %d lines of the %s voice script spoken by espeak-ng, %.1f s; %d round(s), "
                + "scripted engine, Silero VAD, Sphinx4 grammar, MaryTTS%n", LINES.size(), SCENARIO,
                inputMillis / 1000.0, rounds);
        out.flush();
        TextEngines engines = TextEngines.shared();
        Scenario scenario = ScenarioLibrary.shipped().require(SCENARIO);
        List<VoicePractice.TurnTiming> turns = new ArrayList<>();
        List<VoicePractice.StageTimes> stages = new ArrayList<>();
        int goals = 0;
        try (SessionStore store = SessionStore.open(folder.resolve("bench.db"))) {
            for (int round = 1; round <= rounds; round++) {
                SessionSetup setup = Sessions.setup("bench-" + runId + "-" + round, scenario, TextBench.ALIAS,
                        DIFFICULTY);
                EventLog events = new EventLog();
                try (VoicePractice voice = VoicePractice.open(input, folder.resolve("session-" + round + ".wav"),
                        models, scenario)) {
                    TranscriptSink sink = voice.speaking(TranscriptSink.silent(), scenario,
                            () -> setup.behaviour().getOrDefault("speechRate", NEUTRAL));
                    PracticeSession session = Sessions.start(setup, engines, List.of(store, events));
                    SessionDriver driver = new SessionDriver(session, events, sink, engines.prepare(scenario));
                    driver.open();
                    turns.addAll(voice.run(driver, engines.safety()));
                    driver.finish("quit");
                    stages.add(voice.stageTimes());
                }
                if (events.ended().map(SessionEvent.Ended::reason).filter("completed"::equals).isPresent()) {
                    goals++;
                }
            }
        }
        print(turns, stages);
        try (MaryTtsSynthesizer character = MaryTtsSynthesizer.start()) {
            EchoBench.run(out, character);
        }
        out.printf("sessions that reached the goal: %d of %d%n", goals, rounds);
        out.flush();
        return goals == rounds;
    }

    private void print(List<VoicePractice.TurnTiming> turns, List<VoicePractice.StageTimes> stages) {
        long audioMillis = stages.stream().mapToLong(VoicePractice.StageTimes::audioMillis).sum();
        long vadNanos = stages.stream().mapToLong(VoicePractice.StageTimes::vadNanos).sum();
        long recognizerNanos = stages.stream().mapToLong(VoicePractice.StageTimes::recognizerNanos).sum();
        long frames = Math.max(1, audioMillis / VAD_FRAME_MILLIS);
        double vadPercent = vadNanos / (audioMillis * 1e6) * 100;
        out.printf("voice activity: %.1f µs per %d ms frame on average, %.2f%% of one core (target < %.0f%%: %s)%n",
                vadNanos / 1e3 / frames, VAD_FRAME_MILLIS, vadPercent, TARGET_VAD_CORE_PERCENT,
                met(vadPercent < TARGET_VAD_CORE_PERCENT));
        out.printf("recognizer: real-time factor %.3f (wall time / audio time); final-result delay after the "
                + "speech ends %s%n", recognizerNanos / (audioMillis * 1e6),
                percentiles(turns, t -> t.recognizerWaitMillis() * 1000));
        List<VoicePractice.TurnTiming> spoken = turns.stream().filter(t -> t.replyLatencyMillis() >= 0).toList();
        out.printf("agent reply time (say() in, reply out), %d turns: %s%n", spoken.size(),
                percentiles(spoken, VoicePractice.TurnTiming::agentMicros));
        long[] firstClause = sorted(spoken, VoicePractice.TurnTiming::firstClauseMicros);
        long synthesisMicros = spoken.stream().mapToLong(VoicePractice.TurnTiming::synthesisMicros).sum();
        long speechMillis = spoken.stream().mapToLong(VoicePractice.TurnTiming::spokenMillis).sum();
        out.printf("synthesis: first audio of the first clause %s (target < %d ms: %s); real-time factor %.3f%n",
                percentiles(firstClause), TARGET_FIRST_CLAUSE_MILLIS,
                met(TextBench.percentile(firstClause, 95) < TARGET_FIRST_CLAUSE_MILLIS * 1000),
                speechMillis == 0 ? 0.0 : synthesisMicros / (speechMillis * 1e3));
        long[] endOfTurn = sorted(turns, t -> t.endOfTurnMillis() * 1000);
        out.printf("end-of-turn delay after the client stops speaking (audio time), %d turns: %s (target p50 < %d ms:"
                + " %s)%n", turns.size(), percentiles(endOfTurn), TARGET_END_OF_TURN_P50_MILLIS,
                met(TextBench.percentile(endOfTurn, 50) < TARGET_END_OF_TURN_P50_MILLIS * 1000));
        long[] latency = sorted(spoken, t -> t.replyLatencyMillis() * 1000);
        out.printf("voice response latency (end-of-turn decision to first audio out), %d turns: %s (target p50 < %d "
                + "ms: %s; p95 < %d ms: %s)%n", spoken.size(), percentiles(latency), TARGET_LATENCY_P50_MILLIS,
                met(TextBench.percentile(latency, 50) < TARGET_LATENCY_P50_MILLIS * 1000), TARGET_LATENCY_P95_MILLIS,
                met(TextBench.percentile(latency, 95) < TARGET_LATENCY_P95_MILLIS * 1000));
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static long[] sorted(List<VoicePractice.TurnTiming> turns, ToLongFunction<VoicePractice.TurnTiming> f) {
        return turns.stream().mapToLong(f).sorted().toArray();
    }

    private static String percentiles(List<VoicePractice.TurnTiming> turns,
            ToLongFunction<VoicePractice.TurnTiming> micros) {
        return percentiles(sorted(turns, micros));
    }

    private static String percentiles(long[] sortedMicros) {
        return String.format("p50 %.1f ms, p95 %.1f ms", TextBench.percentile(sortedMicros, 50) / 1000.0,
                TextBench.percentile(sortedMicros, 95) / 1000.0);
    }

    /**
     * Writes {@code lines} spoken by espeak-ng (US English) into {@code wav}, half a second of silence first and
     * {@link #GAP_MILLIS} after each line; returns the audio's length in milliseconds.
     *
     * @throws InputException if espeak-ng cannot be run (one line saying how to get it)
     */
    public static long speak(List<String> lines, Path wav) {
        return speak(lines, "en-us", 500, wav);
    }

    /**
     * As {@link #speak(List, Path)} in the espeak-ng voice {@code voice} (e.g. {@code nb}), with
     * {@code leadingMillis} of silence first.
     */
    public static long speak(List<String> lines, String voice, int leadingMillis, Path wav) {
        Require.nonNull(lines, "lines");
        Require.nonBlank(voice, "voice");
        Require.inRange(leadingMillis, 0, 600_000, "leadingMillis");
        Require.nonNull(wav, "wav");
        int rate = PcmFormat.INTERNAL.sampleRate();
        List<short[]> parts = new ArrayList<>();
        try (EspeakSynthesizer espeak = EspeakSynthesizer.start()) {
            parts.add(new short[(int) ((long) rate * leadingMillis / 1000)]);
            for (String line : lines) {
                parts.add(Pcm.samples(espeak.synthesize(line, VoiceSettings.neutral(voice)).pcm()));
                parts.add(new short[rate * GAP_MILLIS / 1000]);
            }
        } catch (SpeechException e) {
            throw new InputException("espeak-ng is needed to speak the client's lines (Debian and Ubuntu: apt-get "
                    + "install espeak-ng): " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        Wav.write(wav, all);
        return all.length * 1000L / rate;
    }
}
