package no.trinn.app.voice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import no.trinn.agents.adapt.VoiceMeasures;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.app.practice.SessionDriver;
import no.trinn.app.practice.TranscriptSink;
import no.trinn.core.Require;
import no.trinn.core.session.SafetyEvent;
import no.trinn.models.catalog.InstalledModel;
import no.trinn.models.catalog.ModelCache;
import no.trinn.scenarios.Scenario;
import no.trinn.speech.AudioSink;
import no.trinn.speech.AudioSource;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.asr.RecognitionResult;
import no.trinn.speech.asr.SpeechRecognizer;
import no.trinn.speech.asr.VoskRecognizer;
import no.trinn.speech.echo.Cancelled;
import no.trinn.speech.echo.EchoCanceller;
import no.trinn.speech.echo.EchoSettings;
import no.trinn.speech.audio.JavaSoundMicrophone;
import no.trinn.speech.audio.JavaSoundSpeaker;
import no.trinn.speech.audio.Pacing;
import no.trinn.speech.audio.Pcm;
import no.trinn.speech.audio.WavFileSink;
import no.trinn.speech.audio.WavFileSource;
import no.trinn.speech.tts.EspeakSynthesizer;
import no.trinn.speech.tts.MaryTtsSynthesizer;
import no.trinn.speech.tts.SpeechSynthesizer;
import no.trinn.speech.turn.AudioClock;
import no.trinn.speech.turn.TurnDecision;
import no.trinn.speech.turn.TurnSettings;
import no.trinn.speech.turn.TurnTaker;
import no.trinn.speech.vad.SileroVad;
import no.trinn.speech.vad.VadSettings;
import no.trinn.speech.vad.VoiceActivityDetector;
import no.trinn.speech.vad.VoiceActivityEvent;

/**
 * A practice session by voice from recorded client audio: the audio goes through voice activity detection, a
 * grammar-mode recognizer of what the client may say in the current scenario state (the state's intent examples,
 * the repair phrases of the scenario's language and the stop and pause phrases; a recognizer per state, made when
 * the session first reaches it) and the {@link TurnTaker}; each end of turn hands the transcript to the session
 * driver, whose {@link SpokenTranscript} (made by {@link #speaking}) speaks the reply, and a stop phrase goes to the
 * session at once (which ends it). The synthesizer follows the scenario's language ({@link #synthesizerFor}):
 * espeak-ng's {@code nb} voice for Norwegian Bokmål, MaryTTS (English only) otherwise. The recognizer is Vosk in
 * grammar mode when its model ({@value VoskRecognizer#MODEL_ID}) is installed and the scenario is English
 * ({@link #voskModel}), else Sphinx4. A client who says nothing for the silence-prompt wait after the character's
 * last line ended gets a silent turn, which the session answers with a gentle prompt. The output file receives the session's timeline: the client's audio
 * as it is read, with the character's speech inserted after each end of turn (and the opening line first).
 *
 * <p>Duplex mode ({@link #open(Path, Path, ModelCache, boolean)}): one timeline, as on a call. The character's speech
 * is played (mixed into the output) from the end-of-turn decision plus the reply's measured latency (the opening
 * line from time 0), while the client's audio goes on flowing through the detector, the recognizer and the taker,
 * which is told that the character is speaking. A barge-in stops the playback where it is (the rest of the reply's
 * audio is dropped) and the session remembers only the words heard ({@link Playback#cut}); a stop phrase stops it
 * at once and ends the session. Each cut is recorded ({@link #cuts()}). Echo cancellation is not simulated: the
 * input file holds only the client's voice, so the character's own voice never reaches the detector.
 *
 * <p>Live mode ({@link #openLive}, {@link #live}): the same loop over a microphone ({@link AudioSource}) and a
 * speaker ({@link AudioSink}) in real time, duplex by nature. Each chunk read from the microphone is answered by the
 * character's samples of the same 20 ms written to the speaker (silence when it is quiet, so the speaker's stream
 * and with it the echo's delay stay steady); an {@link EchoCanceller} takes those samples as its reference and
 * removes their echo from the microphone signal, and only its gated output reaches voice activity detection and
 * the recognizer, so the character's own voice does not interrupt it. The session's work (the agent, the
 * synthesizer) runs on a session thread, so the audio loop never waits for it: clauses play as soon as each is
 * made, a barge-in or stop phrase cuts the playback at once on the audio thread and the rest of that reply is
 * dropped. The optional output file records the cancelled microphone signal with the character's speech mixed in.
 *
 * <p>Time is the position in the client's audio ({@link AudioClock}), so end-of-turn decisions come where they would
 * live; when the detector reports the end of speech the recognizer is asked to finish, which stands for a recognizer
 * that keeps up with real time (its wait is measured, in wall time). An end of turn with nothing recognized is passed
 * on as silence, so the character asks again. Owns the source, the output file, the synthesizer, the recognizers and
 * the detector, and closes them. Not thread-safe: one session.
 */
public final class VoicePractice implements AutoCloseable {
    /** The length of the chunks the client's audio is read in. */
    static final int CHUNK_MILLIS = 20;
    /** The silence-prompt wait at middling patience, in seconds, when none is given. */
    public static final double DEFAULT_SILENCE_PROMPT_SECONDS = 8;
    private static final String NORWEGIAN = "nb";
    private static final String PATIENCE = "patience";
    private static final String INTERRUPTIONS = "interruptions";
    /** A behaviour parameter's value when the session has none: the middle of its range. */
    private static final double NEUTRAL = 0.5;
    private static final String ENGLISH = "en";
    /** Silence written to the speaker before the session starts, so it does not run dry between chunks. */
    static final int SPEAKER_CUSHION_MILLIS = 40;
    /** Live: chunks of audio before the start of speech that the recognizer is given with the speech. */
    private static final int PRE_ROLL_CHUNKS = 20;
    /** Live: a microphone read that takes longer than this waited for new audio (nothing stale was left). */
    private static final long STALE_READ_NANOS = 5_000_000;
    private static final int STALE_CHUNKS_MAX = 1_000;

    /**
     * Figures of one client turn.
     *
     * @param turn the turn's number, from 1
     * @param endOfTurnMillis audio time from the end of the client's speech to the end-of-turn decision
     * @param recognizerWaitMillis wall time the recognizer took to finish its result after the speech ended
     * @param replyLatencyMillis wall time from the end-of-turn decision to the first audio of the reply; -1 if the
     *     reply had no speech
     * @param agentMicros wall time from the end-of-turn decision to the reply going to the synthesizer (the session's
     *     processing of the client line); -1 if the reply had no speech
     * @param firstClauseMicros wall time from the reply going to the synthesizer to its first clause's audio; -1 if
     *     the reply had no speech
     * @param synthesisMicros wall time the reply's synthesis took, all clauses; 0 if the reply had no speech
     * @param spokenMillis milliseconds of speech in the reply
     */
    public record TurnTiming(int turn, long endOfTurnMillis, long recognizerWaitMillis, long replyLatencyMillis,
            long agentMicros, long firstClauseMicros, long synthesisMicros, long spokenMillis) {
    }

    /**
     * What the session's audio cost before the turn-taking, over the whole run.
     *
     * @param audioMillis milliseconds of client audio read
     * @param vadNanos wall time in voice activity detection
     * @param recognizerNanos wall time in the recognizer (feeding it audio and finishing its results)
     */
    public record StageTimes(long audioMillis, long vadNanos, long recognizerNanos) {
    }

    /**
     * A cut of the character's speech in duplex mode, on the audio timeline.
     *
     * @param stopPhrase whether a stop phrase cut it (otherwise a barge-in)
     * @param decisionMillis audio time of the taker's decision
     * @param silentMillis audio time of the last sample of the character's speech in the output
     * @param heardWords the words of the reply the session remembers as heard
     * @param replyWords the words of the whole reply
     */
    public record Cut(boolean stopPhrase, long decisionMillis, long silentMillis, int heardWords, int replyWords) {
        /** Milliseconds of the character's speech after the decision; 0 if it was already silent. */
        public long cutMillis() {
            return Math.max(0, silentMillis - decisionMillis);
        }
    }

    private final AudioSource source;
    private final Optional<WavFileSink> audio;
    private final Optional<AudioSink> speaker;
    private final Optional<EchoCanceller> echo;
    private final SpeechSynthesizer synthesizer;
    private final VoiceActivityDetector detector;
    private final Optional<Playback> playback;
    private final Optional<Path> voskModel;
    private final Map<String, SpeechRecognizer> recognizers = new HashMap<>();
    private final List<Cut> cuts = new ArrayList<>();
    private final TurnSpeech turnSpeech = new TurnSpeech();
    private Consumer<VoiceMeasures> measured = m -> { };
    /** The session's behaviour values after its latest turn; written by the session thread. */
    private volatile Map<String, Double> behaviourNow = Map.of();
    private long originNanos;
    private final List<TurnTiming> timings = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Optional<ExecutorService> sessionThread;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean ended;
    private volatile String sessionState = "";
    private long echoChunks;
    private final java.util.ArrayDeque<byte[]> preRoll = new java.util.ArrayDeque<>();
    private boolean inSpeech;
    private SpokenTranscript output;
    private SessionDriver driver;
    private Scenario scenario;
    private SafetyCheck safety;
    private long recognizerWaitNanos;
    private long recognizerNanos;
    private long vadNanos;
    private long audioMillis;

    private VoicePractice(AudioSource source, Optional<WavFileSink> audio, Optional<AudioSink> speaker,
            SpeechSynthesizer synthesizer, VoiceActivityDetector detector, Optional<Path> voskModel,
            boolean duplex) {
        this.voskModel = voskModel;
        this.speaker = speaker;
        this.echo = speaker.map(s -> new EchoCanceller(EchoSettings.DEFAULT));
        this.playback = speaker.isPresent() ? Optional.of(Playback.live())
                : duplex ? Optional.of(new Playback()) : Optional.empty();
        this.sessionThread = speaker.map(s -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "trinn-voice-session");
            t.setDaemon(true);
            return t;
        }));
        this.source = source;
        this.audio = audio;
        this.synthesizer = synthesizer;
        this.detector = detector;
    }

    /**
     * Opens the voice activity model from {@code models}, the client's audio {@code input}, the session audio file
     * {@code output} and the synthesizer for {@code scenario}'s language, in that order, so a missing model, file
     * or engine is reported before anything is written.
     *
     * @throws no.trinn.speech.SpeechException naming the model, file or engine that failed
     */
    public static VoicePractice open(Path input, Path output, ModelCache models, Scenario scenario) {
        return open(input, output, models, scenario, false);
    }

    /**
     * As {@link #open(Path, Path, ModelCache, Scenario)}; with {@code duplex} the character's speech plays on the
     * client's timeline and can be interrupted (see the class comment).
     */
    public static VoicePractice open(Path input, Path output, ModelCache models, Scenario scenario,
            boolean duplex) {
        Require.nonNull(input, "input");
        Require.nonNull(output, "output");
        Require.nonNull(models, "models");
        Require.nonNull(scenario, "scenario");
        VoiceActivityDetector detector = new VoiceActivityDetector(SileroVad.open(models), VadSettings.DEFAULT);
        try {
            AudioSource source = new WavFileSource(input, CHUNK_MILLIS, Pacing.AS_FAST_AS_POSSIBLE);
            WavFileSink sink = new WavFileSink(output, PcmFormat.INTERNAL);
            try {
                return new VoicePractice(source, Optional.of(sink), Optional.empty(),
                        synthesizerFor(scenario.language()), detector, voskModel(models, scenario.language()), duplex);
            } catch (RuntimeException e) {
                sink.close();
                throw e;
            }
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    /**
     * Opens a live session on the default microphone and speaker (Java Sound): the microphone, the speaker, the
     * voice activity model, the optional output file and the synthesizer, in that order, so a missing device is
     * reported before any model is loaded.
     *
     * @param output where to record the session (the cancelled microphone signal with the character's speech)
     * @throws no.trinn.speech.audio.AudioDeviceException naming the device that is missing, in one line
     * @throws no.trinn.speech.SpeechException naming the model, file or engine that failed
     */
    public static VoicePractice openLive(Optional<Path> output, ModelCache models, Scenario scenario) {
        JavaSoundMicrophone microphone = JavaSoundMicrophone.open(CHUNK_MILLIS);
        try {
            JavaSoundSpeaker speaker = JavaSoundSpeaker.open(PcmFormat.INTERNAL);
            try {
                return live(microphone, speaker, output, models, scenario);
            } catch (RuntimeException e) {
                speaker.close();
                throw e;
            }
        } catch (RuntimeException e) {
            microphone.close();
            throw e;
        }
    }

    /**
     * A live session over {@code microphone} (read in real time, in chunks of about {@value #CHUNK_MILLIS} ms) and
     * {@code speaker}, which it owns and closes; see the class comment.
     *
     * @param output where to record the session, if anywhere
     * @throws no.trinn.speech.SpeechException naming the model, file or engine that failed
     */
    public static VoicePractice live(AudioSource microphone, AudioSink speaker, Optional<Path> output,
            ModelCache models, Scenario scenario) {
        Require.nonNull(microphone, "microphone");
        Require.nonNull(speaker, "speaker");
        Require.nonNull(output, "output");
        Require.nonNull(models, "models");
        Require.nonNull(scenario, "scenario");
        VoiceActivityDetector detector = new VoiceActivityDetector(SileroVad.open(models), VadSettings.DEFAULT);
        try {
            Optional<WavFileSink> sink = output.map(f -> new WavFileSink(f, PcmFormat.INTERNAL));
            try {
                return new VoicePractice(microphone, sink, Optional.of(speaker), synthesizerFor(scenario.language()),
                        detector, voskModel(models, scenario.language()), true);
            } catch (RuntimeException e) {
                sink.ifPresent(WavFileSink::close);
                throw e;
            }
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    /** Whether the session runs live (microphone and speaker) rather than from a file. */
    public boolean isLive() {
        return speaker.isPresent();
    }

    /** Starts the synthesizer for {@code language}: espeak-ng for {@code nb} (Norwegian Bokmål), else MaryTTS. */
    static SpeechSynthesizer synthesizerFor(String language) {
        return NORWEGIAN.equals(language) ? EspeakSynthesizer.start() : MaryTtsSynthesizer.start();
    }

    /**
     * The folder of the Vosk model in {@code models} if it is installed there and {@code language} is English (the
     * model's language); empty means Sphinx4.
     */
    public static Optional<Path> voskModel(ModelCache models, String language) {
        Require.nonNull(models, "models");
        Require.nonNull(language, "language");
        return ENGLISH.equals(language) ? models.installed(VoskRecognizer.MODEL_ID).map(InstalledModel::folder)
                .map(f -> f.resolve(VoskRecognizer.FOLDER)).filter(Files::isDirectory) : Optional.empty();
    }

    /** The speech engines of the session, for its header, e.g. {@code sphinx4 grammar, espeak-ng}. */
    public String engines() {
        return recognizerName() + ", " + synthesizer.engine();
    }

    /** The recognizer of the session: {@code vosk grammar} or {@code sphinx4 grammar}. */
    public String recognizerName() {
        return voskModel.isPresent() ? "vosk grammar" : "sphinx4 grammar";
    }

    /**
     * The engines and voices that spoke the character's lines so far, each as {@code ENGINE VOICE}; empty before
     * {@link #speaking} or any speech.
     */
    public List<String> spokenBy() {
        return output == null ? List.of() : output.spokenBy();
    }

    /** The file the session's audio goes to; empty in live mode without one. */
    public Optional<Path> output() {
        return audio.map(WavFileSink::file);
    }

    /**
     * The transcript sink to drive the session with: {@code subtitles} plus the character's speech into the output.
     *
     * @param speechRate the {@code speechRate} behaviour parameter, [0, 1], asked for each reply (the difficulty
     *     controller may move it between turns)
     */
    public TranscriptSink speaking(TranscriptSink subtitles, Scenario scenario, DoubleSupplier speechRate) {
        this.scenario = Require.nonNull(scenario, "scenario");
        AudioSink sink = audio.<AudioSink>map(a -> a).orElseGet(() -> speaker.orElseThrow());
        this.output = new SpokenTranscript(subtitles, synthesizer, sink, scenario, speechRate, playback);
        return output;
    }

    /**
     * As {@link #run(SessionDriver, SafetyCheck, double, Consumer)} with the silence-prompt wait
     * {@value #DEFAULT_SILENCE_PROMPT_SECONDS} s and no one told the turns' voice measures.
     */
    public List<TurnTiming> run(SessionDriver sessionDriver, SafetyCheck safetyCheck) {
        return run(sessionDriver, safetyCheck, DEFAULT_SILENCE_PROMPT_SECONDS, m -> { });
    }

    /**
     * Runs the session until the client's audio or the session ends; returns the figures of each client turn.
     *
     * @param sessionDriver the session's driver, opened, made with the sink {@link #speaking} returned
     * @param safetyCheck the session's safety check (its stop phrases end the session at once)
     * @param silencePromptSeconds the wait at middling patience, 1 to 600 s, before a client who has not started
     *     speaking since the character's last line ended gets a silent turn ({@link #silencePromptMillis})
     * @param measured told the voice measures of each client turn just before the session handles the turn (on the
     *     session's thread), e.g. for the difficulty controller's assessment
     * @throws IllegalStateException if {@link #speaking} was not called first
     */
    public List<TurnTiming> run(SessionDriver sessionDriver, SafetyCheck safetyCheck, double silencePromptSeconds,
            Consumer<VoiceMeasures> measured) {
        this.measured = Require.nonNull(measured, "measured");
        Require.inRange(silencePromptSeconds, 1.0, 600.0, "silencePromptSeconds");
        if (output == null) {
            throw new IllegalStateException("speaking(...) must make the session's sink before run");
        }
        this.driver = Require.nonNull(sessionDriver, "sessionDriver");
        this.safety = Require.nonNull(safetyCheck, "safetyCheck");
        refresh();
        AudioClock clock = new AudioClock();
        originNanos = clock.nanoTime();
        playback.ifPresent(p -> p.start(0));
        if (speaker.isPresent()) {
            dropStaleAudio();
        }
        speaker.ifPresent(s -> s.write(Pcm.fromInternal(new short[PcmFormat.INTERNAL.bytesFor(
                SPEAKER_CUSHION_MILLIS) / 2], s.format())));
        String language = scenario.language();
        behaviourNow = driver.behaviour();
        Map<String, Double> applied = behaviourNow;
        long silenceWait = silencePromptMillis(silencePromptSeconds, behaviour(PATIENCE));
        TurnTaker taker = new TurnTaker(turnSettings(), clock,
                text -> safety.checkStopOrPause(text, language).filter(f -> f.kind() == SafetyEvent.Kind.STOP)
                        .isPresent());
        String state = sessionState;
        SpeechRecognizer recognizer = recognizer(state, taker);
        long quietSinceMillis = 0;
        turnSpeech.reset(0);
        boolean waitingForClient = true;
        Optional<byte[]> chunk;
        while (!ended && (chunk = source.read()).isPresent()) {
            rethrow();
            short[] samples = Pcm.toInternal(chunk.get(), source.format());
            playback.filter(p -> p.playing() != taker.characterSpeaking())
                    .ifPresent(p -> taker.characterSpeaking(p.playing()));
            short[] heard = hear(samples);
            byte[] internal = Pcm.bytes(heard);
            long millis = PcmFormat.INTERNAL.millisOf(internal.length);
            clock.advance(millis);
            audioMillis += millis;
            List<VoiceActivityEvent> events;
            if (speaker.isEmpty()) {
                long fed = System.nanoTime();
                List<RecognitionResult> partials = recognizer.accept(internal);
                long detected = System.nanoTime();
                recognizerNanos += detected - fed;
                partials.forEach(taker::transcript);
                events = detector.accept(internal);
                vadNanos += System.nanoTime() - detected;
            } else {
                long detecting = System.nanoTime();
                events = detector.accept(internal);
                long fed = System.nanoTime();
                vadNanos += fed - detecting;
                recognizeSpeechOnly(recognizer, internal, events).forEach(taker::transcript);
                recognizerNanos += System.nanoTime() - fed;
            }
            for (VoiceActivityEvent e : events) {
                waitingForClient &= !(e instanceof VoiceActivityEvent.SpeechStarted);
                if (e instanceof VoiceActivityEvent.SpeechEnded ended) {
                    turnSpeech.spoke(ended);
                }
                taker.voiceActivity(e);
                if (e instanceof VoiceActivityEvent.SpeechEnded) {
                    finish(recognizer).forEach(taker::transcript);
                }
            }
            boolean turned = act(taker.poll(), recognizer, clock.millis());
            if (behaviourNow != applied) {
                // the session moved the character's behaviour after a turn: its windows and waits follow
                applied = behaviourNow;
                taker.settings(turnSettings());
                silenceWait = silencePromptMillis(silencePromptSeconds, behaviour(PATIENCE));
            }
            if (turned || busy.get() > 0 || playback.filter(Playback::playing).isPresent()) {
                // the character's last line ends now (inserted into the output), is being made or still playing
                quietSinceMillis = clock.millis();
                waitingForClient |= turned;
            } else if (waitingForClient && clock.millis() - quietSinceMillis >= silenceWait && !ended) {
                submit(() -> {
                    playback.ifPresent(Playback::beginReply);
                    driver.handle("");
                    behaviourNow = driver.behaviour();
                    playback.ifPresent(p -> p.start(0));
                });
                quietSinceMillis = clock.millis();
            }
            if (!sessionState.equals(state)) {
                state = sessionState;
                recognizer = recognizer(state, taker);
            }
        }
        if (!ended) {
            detector.finish().forEach(taker::voiceActivity);
            finish(recognizer).forEach(taker::transcript);
            act(taker.endOfAudio(), recognizer, clock.millis());
        }
        sessionThread.ifPresent(VoicePractice::await);
        rethrow();
        playback.ifPresent(p -> play(p.drain()));
        return List.copyOf(timings);
    }

    /**
     * Plays the character's samples of this chunk's time and returns what voice activity and recognition hear: from
     * a file, the client's audio as it is (the session file gets it with the character mixed in); live, the
     * microphone signal with the echo of the speaker cancelled (recorded with the character mixed in).
     */
    private short[] hear(short[] samples) {
        if (speaker.isEmpty()) {
            audio.orElseThrow().write(Pcm.fromInternal(playback.map(p -> p.mix(samples)).orElse(samples),
                    audio.orElseThrow().format()));
            return samples;
        }
        short[] far = playback.orElseThrow().next(samples.length);
        AudioSink s = speaker.get();
        s.write(Pcm.fromInternal(far, s.format()));
        Cancelled c = echo.orElseThrow().process(far, samples);
        echoChunks += c.probablyEcho() ? 1 : 0;
        audio.ifPresent(a -> a.write(Pcm.fromInternal(Playback.add(c.output(), far), a.format())));
        return c.output();
    }

    /**
     * Live: feeds the recognizer only the client's speech as voice activity finds it (with the
     * {@value #PRE_ROLL_CHUNKS} chunks before its start), so what is left of the character's echo between the
     * client's turns never reaches it; returns its partial results.
     */
    private List<RecognitionResult> recognizeSpeechOnly(SpeechRecognizer recognizer, byte[] chunk,
            List<VoiceActivityEvent> events) {
        boolean active = inSpeech || detector.speaking() || !events.isEmpty();
        if (!active) {
            preRoll.add(chunk);
            while (preRoll.size() > PRE_ROLL_CHUNKS) {
                preRoll.removeFirst();
            }
            return List.of();
        }
        List<RecognitionResult> out = new ArrayList<>();
        if (!inSpeech) {
            for (byte[] before : preRoll) {
                out.addAll(recognizer.accept(before));
            }
            preRoll.clear();
        }
        out.addAll(recognizer.accept(chunk));
        inSpeech = detector.speaking();
        return out;
    }

    /**
     * Live: drops what the microphone recorded while the session was loading (chunks that come back at once), so
     * the loop starts in step with the speaker and the echo's delay stays within the canceller's tail.
     */
    private void dropStaleAudio() {
        for (int i = 0; i < STALE_CHUNKS_MAX; i++) {
            long started = System.nanoTime();
            if (source.read().isEmpty() || System.nanoTime() - started > STALE_READ_NANOS) {
                return;
            }
        }
    }

    /** Plays what is left of the character's speech: into the session file, and live to the speaker too. */
    private void play(short[] rest) {
        speaker.ifPresent(s -> s.write(Pcm.fromInternal(rest, s.format())));
        audio.ifPresent(a -> a.write(Pcm.fromInternal(rest, a.format())));
    }

    /** Runs {@code task} on the session: at once from a file, on the session thread live. */
    private void submit(Runnable task) {
        Runnable wrapped = () -> {
            try {
                if (!driver.ended()) {
                    task.run();
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                refresh();
                busy.decrementAndGet();
            }
        };
        busy.incrementAndGet();
        sessionThread.ifPresentOrElse(t -> t.execute(wrapped), wrapped);
        rethrow();
    }

    /** Copies what the audio loop needs to know of the session, so it never waits for the session's lock. */
    private void refresh() {
        ended = driver.ended();
        sessionState = driver.session().state();
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private static void await(ExecutorService thread) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the voice session thread did not finish within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }

    /**
     * The wait before a silent client is prompted: {@code seconds} (1 to 600) at middling patience, scaled by
     * {@code 0.5 + patience}, so from half of it (patience 0) to one and a half times it (patience 1).
     */
    public static long silencePromptMillis(double seconds, double patience) {
        Require.inRange(seconds, 1.0, 600.0, "silencePromptSeconds");
        Require.inRange(patience, 0.0, 1.0, "patience");
        return Math.round(seconds * 1000 * (0.5 + patience));
    }

    /** Carries out the decisions; whether a turn went to the session. */
    private boolean act(List<TurnDecision> decisions, SpeechRecognizer recognizer, long nowMillis) {
        boolean turned = false;
        for (TurnDecision d : decisions) {
            if (ended) {
                break;
            }
            switch (d) {
                case TurnDecision.Stop stop -> {
                    cut(true, stop.atNanos());
                    playback.ifPresent(Playback::discard);
                    submit(() -> {
                        driver.handle(stop.transcript());
                        playback.ifPresent(Playback::discard);
                    });
                    turned = true;
                }
                case TurnDecision.EndOfTurn eot -> {
                    StringBuilder text = new StringBuilder(eot.transcript());
                    for (RecognitionResult r : finish(recognizer)) {
                        text.append(text.isEmpty() ? "" : " ").append(r.text());
                    }
                    long waited = recognizerWaitNanos / 1_000_000;
                    recognizerWaitNanos = 0;
                    VoiceMeasures measures = turnSpeech.measures(nowMillis);
                    turnSpeech.reset(nowMillis);
                    submit(() -> {
                        measured.accept(measures);
                        reply(text.toString(), eot.silenceMillis(), waited);
                    });
                    turned = true;
                }
                case TurnDecision.Interrupt interrupt -> {
                    turnSpeech.interrupted();
                    cut(false, interrupt.atNanos()).ifPresent(heard -> submit(() -> driver.session()
                            .interrupted(heard)));
                }
            }
        }
        return turned;
    }

    /** Hands the client's turn to the session (on the session thread, live) and plays the reply. */
    private void reply(String text, long endOfTurnMillis, long recognizerWaitMillis) {
        long decided = System.nanoTime();
        playback.ifPresent(Playback::beginReply);
        driver.handle(text);
        behaviourNow = driver.behaviour();
        Optional<SpokenTranscript.Synthesis> spoken = output.latestSynthesis();
        long latency = output.firstAudioNanos().stream().map(t -> (t - decided) / 1_000_000).findFirst()
                .orElse(-1);
        timings.add(new TurnTiming(timings.size() + 1, endOfTurnMillis, recognizerWaitMillis, latency,
                spoken.map(s -> (s.startedNanos() - decided) / 1_000).orElse(-1L),
                spoken.map(s -> (s.firstAudioNanos() - s.startedNanos()) / 1_000).orElse(-1L),
                spoken.map(s -> s.wallNanos() / 1_000).orElse(0L),
                spoken.map(SpokenTranscript.Synthesis::spokenMillis).orElse(0L)));
        // from a file the reply starts after its measured latency; live its clauses played as they were made
        playback.ifPresent(p -> p.start(speaker.isPresent() ? 0 : latency));
    }

    /**
     * The character's current value of behaviour parameter {@code name}, the middle of its range if unset. Read from
     * what the session thread last published, so the audio thread never waits for the session.
     */
    private double behaviour(String name) {
        return behaviourNow.getOrDefault(name, NEUTRAL);
    }

    /** Turn-taking for the character's current patience and interruptions. */
    private TurnSettings turnSettings() {
        TurnSettings settings = TurnSettings.withBehaviour(behaviour(PATIENCE), behaviour(INTERRUPTIONS));
        // the detector reports the end of speech only after its silence window, so a burst of sound is that much
        // longer to the taker: the barge-in length is counted in sound, as the client's ear hears it
        return playback.isPresent()
                ? settings.withBargeIn(settings.bargeInMillis() + VadSettings.DEFAULT.minSilenceMillis())
                : settings;
    }

    /** The client's speech since the character's last turn ended, for the assessment of the client's turn. */
    private static final class TurnSpeech {
        private long sinceMillis;
        private long lastEndMillis;
        private long speechMillis;
        private long longestPauseMillis;
        private int interruptions;

        void reset(long nowMillis) {
            sinceMillis = nowMillis;
            lastEndMillis = nowMillis;
            speechMillis = 0;
            longestPauseMillis = 0;
            interruptions = 0;
        }

        void spoke(VoiceActivityEvent.SpeechEnded speech) {
            speechMillis += speech.millis();
            longestPauseMillis = Math.max(longestPauseMillis, speech.startMillis() - lastEndMillis);
            lastEndMillis = Math.max(lastEndMillis, speech.endMillis());
        }

        void interrupted() {
            interruptions++;
        }

        VoiceMeasures measures(long nowMillis) {
            long silence = Math.max(0, nowMillis - sinceMillis - speechMillis);
            return new VoiceMeasures(speechMillis, silence, Math.min(silence, Math.max(0, longestPauseMillis)),
                    interruptions);
        }
    }

    /**
     * Stops the playback (duplex mode, while it plays) at a decision made at {@code atNanos}; records the cut and
     * returns the words heard.
     */
    private Optional<String> cut(boolean stopPhrase, long atNanos) {
        return playback.filter(Playback::playing).map(p -> {
            Playback.Heard heard = p.cut();
            cuts.add(new Cut(stopPhrase, (atNanos - originNanos) / 1_000_000, p.lastVoicedMillis(), heard.words(),
                    heard.replyWords()));
            return heard.text();
        });
    }

    /** The cuts of the character's speech so far, in order; empty unless in duplex mode. */
    public List<Cut> cuts() {
        return List.copyOf(cuts);
    }

    private List<RecognitionResult> finish(SpeechRecognizer recognizer) {
        long started = System.nanoTime();
        List<RecognitionResult> finals = recognizer.finish();
        long took = System.nanoTime() - started;
        recognizerWaitNanos += took;
        recognizerNanos += took;
        return finals;
    }

    /**
     * What the echo canceller did so far, live: its counts, and how many 20 ms chunks it judged to be echo only;
     * empty from a file.
     */
    public Optional<EchoFigures> echoFigures() {
        return echo.map(e -> new EchoFigures(e.stats(), echoChunks));
    }

    /**
     * The echo canceller's figures of a live session.
     *
     * @param stats the canceller's own counts
     * @param echoChunks chunks whose energy the canceller's gate judged to be the character's own voice
     */
    public record EchoFigures(EchoCanceller.Stats stats, long echoChunks) {
    }

    /** What voice activity detection and recognition cost so far. */
    public StageTimes stageTimes() {
        return new StageTimes(audioMillis, vadNanos, recognizerNanos);
    }

    /** The recognizer of {@code stateId}, reset, with the taker expecting its phrases. */
    private SpeechRecognizer recognizer(String stateId, TurnTaker taker) {
        List<String> expected = StatePhrases.examples(scenario, stateId);
        taker.expect(expected);
        SpeechRecognizer r = recognizers.computeIfAbsent(stateId, id -> voskModel
                .<SpeechRecognizer>map(folder -> new VoskRecognizer(folder, Optional.of(phrases(expected).all())))
                .orElseGet(() -> StatePhrases.sphinx(scenario.language(), phrases(expected))));
        r.reset();
        return r;
    }

    private StatePhrases.Grammar phrases(List<String> examples) {
        return StatePhrases.grammar(examples, scenario.language(), safety);
    }

    /**
     * Closes the session thread, the recognizers, the synthesizer, the output file (writing its header), the
     * speaker, the input and the detector.
     */
    @Override
    public void close() {
        sessionThread.ifPresent(ExecutorService::shutdownNow);
        recognizers.values().forEach(SpeechRecognizer::close);
        synthesizer.close();
        audio.ifPresent(WavFileSink::close);
        speaker.ifPresent(AudioSink::close);
        source.close();
        detector.close();
    }
}
