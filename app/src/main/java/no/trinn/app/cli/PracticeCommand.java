package no.trinn.app.cli;

import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import no.trinn.agents.adapt.AdaptiveCoach;
import no.trinn.agents.adapt.ControllerSettings;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.app.practice.ClientInput;
import no.trinn.app.practice.Coaching;
import no.trinn.app.practice.EngineChoice;
import no.trinn.app.practice.EventLog;
import no.trinn.app.practice.Palette;
import no.trinn.app.practice.PlainTranscript;
import no.trinn.app.practice.RemoteCommands;
import no.trinn.app.practice.ScriptInput;
import no.trinn.app.practice.SessionDriver;
import no.trinn.app.practice.SessionReport;
import no.trinn.app.practice.Sessions;
import no.trinn.app.practice.StreamInput;
import no.trinn.app.practice.TerminalInput;
import no.trinn.app.practice.TextEngines;
import no.trinn.app.practice.TranscriptSink;
import no.trinn.app.scene.SceneView;
import no.trinn.app.voice.SpokenTranscript;
import no.trinn.app.voice.VoicePractice;
import no.trinn.core.Require;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.SessionEvent;
import no.trinn.models.catalog.ModelCache;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.speech.audio.AudioDeviceException;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.audio.JavaSoundMicrophone;
import no.trinn.speech.audio.JavaSoundSpeaker;
import no.trinn.store.Aliases;
import no.trinn.store.SessionStore;
import no.trinn.store.StoreException;
import no.trinn.vr.output.Outputs;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trinn practice [ID]}: one practice conversation in text, recorded in the session store. Without an id the
 * client practises the scenario the ladder chose after their last session. The session is adapted to the client
 * ({@link Coaching}): the difficulty controller moves the character's behaviour between turns inside the
 * therapist's caps (unless {@code --difficulty} or {@code difficulty:} in the configuration fixes it), the session is
 * assessed and the client model and ladder move on. A client whose last session set a real-world task is asked how
 * it went, and confidence is rated before and after (asked on a terminal, else from the options). Interactive on a
 * terminal (JLine line editing, colours unless {@code NO_COLOR}); otherwise client lines come from {@code --script}
 * or standard input and the transcript is written as plain text, or with {@code --json} as one JSON document at the
 * end. End of input, Ctrl-C and {@code /quit} end the session with feedback. The character is driven by the
 * scripted engine, a local GGUF model or an inference server ({@code --engine}, {@code --model}, {@code --url},
 * {@code --threads}, else {@code config.yaml} in the home folder; see {@link ConfigFile}), checked before the
 * session starts and named in the header. With {@code --voice --input FILE --output FILE} the client's turns come
 * from recorded speech instead ({@link VoicePractice}): the subtitles of both sides are printed as the transcript,
 * the session's audio goes to the output WAV and the figures of each turn go to standard error (with the recognizer
 * and the engine and voice that spoke); {@code --silence-prompt} sets the wait before a silent client is prompted
 * gently. The header names the recognizer and synthesizer chosen for the scenario's language. {@code --voice}
 * without {@code --input} is live: the microphone and the speaker, in real time, with echo cancellation and
 * barge-in ({@link VoicePractice#openLive}), recorded to {@code --output FILE} if given; where no microphone or
 * speaker exists it is refused with exit code 2 and one line naming what is missing.
 */
@Command(name = "practice", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Practise a conversation. Type what you would say; the character answers. Commands during a session: "
                    + "/help, /repeat, /pause, /resume, /quit (Ctrl-D and Ctrl-C end it too).",
            "Saying \"stop\" ends the session; \"I need a break\" pauses it."
        })
public final class PracticeCommand implements Callable<Integer> {
    private static final String SPEECH_RATE = "speechRate";
    /** A behaviour parameter's value when the session has none: the middle of its range. */
    private static final double NEUTRAL = 0.5;
    private static final int VOICE_CHUNK_MILLIS = 20;

    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The scenario to practise ('trinn scenarios list' "
            + "shows them). Default: the next one on the client's ladder (chosen after their last session).")
    private Optional<String> id = Optional.empty();

    @Option(names = "--confidence-before", paramLabel = "1..5", description = "The client's confidence in the "
            + "situation before the session (1 not at all .. 5 very). Asked on a terminal when not given.")
    private Optional<Integer> confidenceBefore = Optional.empty();

    @Option(names = "--confidence-after", paramLabel = "1..5", description = "The client's confidence after the "
            + "session. Asked on a terminal when not given.")
    private Optional<Integer> confidenceAfter = Optional.empty();

    @Option(names = "--task-outcome", paramLabel = "OUTCOME", description = "How the real-world task of the "
            + "client's last session went: done, tried or not-yet. Asked on a terminal when not given.")
    private Optional<String> taskOutcome = Optional.empty();

    @Option(names = "--client", paramLabel = "ALIAS", defaultValue = "anonymous",
            description = "The client's pseudonym (letters, digits, '-', '_', '.'; never a real name). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String client;

    @Option(names = "--difficulty", paramLabel = "0..1",
            description = "Fix how hard the character makes it, from 0 (easiest) to 1, for this session: the "
                    + "difficulty controller does not move it. Default: difficulty: in config.yaml, else the "
                    + "controller chooses and adapts it (inside the client's caps: 'trinn client set').")
    private Optional<Double> difficulty = Optional.empty();

    @Option(names = "--engine", paramLabel = "KIND",
            description = "What drives the character: scripted (authored lines, no download), local (a GGUF chat "
                    + "model through llama.cpp) or server (an OpenAI-compatible server: Ollama, vLLM, llama.cpp "
                    + "server, LM Studio). Default: engine: in config.yaml, else scripted.")
    private Optional<String> engine = Optional.empty();

    @Option(names = "--model", paramLabel = "ID|PATH",
            description = "local: an installed chat model ('trinn models list --installed') or a GGUF file; "
                    + "server: the model name the server knows. Default: model: in config.yaml.")
    private Optional<String> model = Optional.empty();

    @Option(names = "--url", paramLabel = "URL",
            description = "server: the API's base URL. Default: server.url in config.yaml, else "
                    + EngineSelection.DEFAULT_URL + " (Ollama).")
    private Optional<String> url = Optional.empty();

    @Option(names = "--threads", paramLabel = "N",
            description = "local: CPU threads for llama.cpp. Default: threads: in config.yaml, else all.")
    private Optional<Integer> threads = Optional.empty();

    @Option(names = "--script", paramLabel = "FILE",
            description = "Read the client's lines from FILE (one per line; # comments and blank lines skipped; "
                    + "lines starting with / are commands) and print the transcript.")
    private Optional<Path> script = Optional.empty();

    @Option(names = "--voice", description = "Speak instead of typing: the client's speech is recognized (the "
            + "phrases the scenario expects: Vosk when its model vosk-small-en-us is installed and the scenario is "
            + "English, else Sphinx4) and the character's replies are spoken (MaryTTS for English, espeak-ng for "
            + "Norwegian). Live from the microphone and to the speaker, with echo cancellation, unless --input gives "
            + "the client's speech as a WAV file.")
    private boolean voice;

    @Option(names = "--input", paramLabel = "FILE",
            description = "With --voice: the client's speech as a WAV file, read as fast as possible.")
    private Optional<Path> input = Optional.empty();

    @Option(names = "--output", paramLabel = "FILE",
            description = "With --voice: write the session's audio here as WAV (the client's speech with the "
                    + "character's replies inserted after each turn, or played over it with --duplex or live). "
                    + "Needed with --input.")
    private Optional<Path> output = Optional.empty();

    @Option(names = "--vr", description = "Show the character in its scene in an OpenXR headset (a window when no "
            + "headset runtime answers); the conversation goes on by voice or text as usual.")
    private boolean vr;

    @Option(names = "--window", description = "Show the character in its scene in a desktop window.")
    private boolean window;

    @Option(names = "--no-captions", description = "With --vr or --window: no captions in the scene.")
    private boolean noCaptions;

    @Option(names = "--duplex", description = "With --voice --input: one timeline, as on a call. The character's "
            + "replies play over whatever the client's audio does next, so the client can interrupt them (barge-in) "
            + "or stop them with the stop phrase. Echo cancellation is not simulated: the input holds only the "
            + "client's voice. Live voice is always duplex.")
    private boolean duplex;

    @Option(names = "--silence-prompt", paramLabel = "SECONDS", description = "With --voice: prompt a silent client "
            + "gently when no speech starts within this wait after the character's last line (scaled by the "
            + "character's patience: half of it to one and a half times it). Default: ${DEFAULT-VALUE}.",
            defaultValue = "8")
    private double silencePrompt;

    @Option(names = "--json", description = "Print one JSON document with the session, its turns and metrics "
            + "instead of the transcript.")
    private boolean json;

    /** The command under {@code root}. */
    public PracticeCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    /**
     * What one run practises with, resolved and checked.
     *
     * @param scenario the scenario
     * @param engines the process's engines
     * @param store the session store
     * @param engine the dialogue engine chosen
     * @param coach the session's adaptation (difficulty controller, assessment, client model, ladder)
     * @param previous the real-world task of the client's last ended session, to ask about first
     * @param effective the settings a therapist saves, as this session applies them (home cap, fixed difficulty)
     */
    private record Practice(Scenario scenario, TextEngines engines, SessionStore store, EngineChoice engine,
            AdaptiveCoach coach, Optional<PreviousTask> previous, UnaryOperator<ClientSettings> effective) {
    }

    /** The real-world task session {@code sessionId} set. */
    private record PreviousTask(String sessionId, String task) {
    }

    @Override
    public Integer call() {
        difficulty.ifPresent(d -> {
            if (!(d >= 0.0 && d <= 1.0)) {
                throw new ParameterException(spec.commandLine(), "--difficulty must lie in [0, 1], was " + d);
            }
        });
        confidenceBefore.filter(r -> r < 1 || r > 5).ifPresent(r -> {
            throw new ParameterException(spec.commandLine(), "--confidence-before must lie in [1, 5], was " + r);
        });
        confidenceAfter.filter(r -> r < 1 || r > 5).ifPresent(r -> {
            throw new ParameterException(spec.commandLine(), "--confidence-after must lie in [1, 5], was " + r);
        });
        taskOutcome.filter(t -> outcome(t).isEmpty()).ifPresent(t -> {
            throw new ParameterException(spec.commandLine(), "--task-outcome must be done, tried or not-yet, was '"
                    + t + "'");
        });
        threads.ifPresent(n -> {
            if (n < ConfigFile.MIN_THREADS || n > ConfigFile.MAX_THREADS) {
                throw new ParameterException(spec.commandLine(), "--threads must lie in [" + ConfigFile.MIN_THREADS
                        + ", " + ConfigFile.MAX_THREADS + "], was " + n);
            }
        });
        EngineSelection.Options engineOptions = new EngineSelection.Options(engine.map(e -> EngineChoice.Kind
                .parse(e).orElseThrow(() -> new ParameterException(spec.commandLine(), "--engine must be "
                        + EngineChoice.Kind.ids() + ", was '" + e + "'"))), model, url, threads);
        requireAlias(client);
        checkVoiceOptions();
        Io io = root.io();
        Home home = root.home();
        ConfigFile config = ConfigFile.read(home.config());
        Optional<ScriptInput> scriptInput = script.map(ScriptInput::new);
        input.filter(f -> !Files.isRegularFile(f)).ifPresent(f -> {
            throw new InputException("--input " + f + " does not exist or is not a file");
        });
        // the model loads in the background while the scenarios are read, the engine is checked and the header shown
        TextEngines engines = TextEngines.shared();
        if (EngineSelection.kind(engineOptions, config) != EngineChoice.Kind.SCRIPTED) {
            engines.startGuardRails();
        }
        ScenarioLibrary library = home.library();
        Optional<Scenario> named = id.map(i -> Scenarios.require(library, i));
        EngineChoice choice = EngineSelection.resolve(engineOptions, config, home, io);
        Optional<Double> fixed = difficulty.or(config::difficulty);
        try (SessionStore store = home.openStore(io)) {
            store.recoverInterrupted();
            ConfigFile.Adaptation tuning = config.adaptation();
            Coaching coaching = new Coaching(store, library, client, ControllerSettings.DEFAULT.withBand(
                    tuning.bandLow().orElse(ConfigFile.DEFAULT_BAND_LOW),
                    tuning.bandHigh().orElse(ConfigFile.DEFAULT_BAND_HIGH)), tuning.maxDifficulty());
            List<no.trinn.store.SessionResult> past = store.results(client);
            Scenario scenario = named.orElseGet(() -> coaching.nextScenario(past.isEmpty() ? "en"
                    : library.find(past.getFirst().scenarioId()).map(Scenario::language).orElse("en")));
            Optional<PreviousTask> previous = past.stream().filter(r -> r.realWorldTask().isPresent()).findFirst()
                    .map(r -> new PreviousTask(r.id(), r.realWorldTask().orElseThrow()));
            Practice practice = new Practice(scenario, engines, store, choice, coaching.coach(scenario, fixed),
                    previous, saved -> coaching.effective(saved, fixed));
            if (voice) {
                TranscriptSink sink = json ? TranscriptSink.silent()
                        : new PlainTranscript(io.out(), scenario, true, Palette.plain());
                ModelCache models = new ModelCache(home.models(Optional.empty(), io));
                try (VoicePractice v = input.isPresent()
                        ? VoicePractice.open(input.get(), output.orElseThrow(), models, scenario, duplex)
                        : openLive(models, scenario)) {
                    run(practice, new Turns.Voice(v, io.err()), sink, io.out());
                }
            } else if (scriptInput.isPresent() || json || !io.terminal()) {
                ClientInput input = scriptInput.<ClientInput>map(s -> s).orElseGet(() -> new StreamInput(io.in()));
                TranscriptSink sink = json ? TranscriptSink.silent()
                        : new PlainTranscript(io.out(), scenario, true, Palette.plain());
                run(practice, new Turns.Lines(input), sink, io.out());
                scriptInput.filter(s -> s.remaining() > 0).ifPresent(s -> io.err().println("trinn: the "
                        + "conversation ended before the script did; " + s.remaining() + " line(s) were not used"));
            } else {
                interactive(practice, io);
            }
        }
        return Cli.OK;
    }

    /** Checks the form of a client alias; the message never repeats the alias. */
    static void requireAlias(String alias) {
        try {
            Aliases.requireValid(alias);
        } catch (StoreException e) {
            throw new InputException("--client: " + e.getMessage(), e);
        }
    }

    private void interactive(Practice practice, Io io) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8)
                .build()) {
            Palette palette = Palette.forTerminal(io.env(), terminal.getType());
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("trinn")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                    .build();
            PrintWriter out = terminal.writer();
            TranscriptSink sink = new PlainTranscript(out, practice.scenario(), false, palette);
            ClientInput input = new TerminalInput(reader, palette.paint(Palette.Role.YOU, "You:") + " ");
            run(practice, new Turns.Lines(input), sink, out);
            out.flush();
        } catch (IOException e) {
            throw new AppException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    /** Where the client's turns come from: lines (typed, piped or a script) or recorded speech. */
    private sealed interface Turns {
        /** Client lines, one a turn. */
        record Lines(ClientInput input) implements Turns {
        }

        /** Recorded speech; the figures of each turn go to {@code figures}. */
        record Voice(VoicePractice practice, PrintWriter figures) implements Turns {
        }
    }

    /** Rejects options that do not go together, before anything is loaded. */
    private void checkVoiceOptions() {
        if (vr && window) {
            throw new ParameterException(spec.commandLine(), "--vr and --window cannot be used together");
        }
        if (noCaptions && !(vr || window)) {
            throw new ParameterException(spec.commandLine(), "--no-captions needs --vr or --window");
        }
        if ((vr || window) && json) {
            throw new ParameterException(spec.commandLine(), "--vr and --window show a scene; --json prints only a "
                    + "document: use one or the other");
        }
        if (!voice) {
            if (input.isPresent() || output.isPresent() || duplex) {
                throw new ParameterException(spec.commandLine(), "--input, --output and --duplex need --voice");
            }
            return;
        }
        if (!(silencePrompt >= 1 && silencePrompt <= 600)) {
            throw new ParameterException(spec.commandLine(), "--silence-prompt must lie in [1, 600] seconds, was "
                    + silencePrompt);
        }
        if (script.isPresent()) {
            throw new ParameterException(spec.commandLine(), "--voice and --script cannot be used together");
        }
        if (input.isEmpty()) {
            requireSoundDevices();
            return;
        }
        if (output.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--voice --input needs --output FILE for the "
                    + "session's audio");
        }
    }

    /**
     * Checks, before anything is loaded, that live voice has a microphone and a speaker.
     *
     * @throws InputException one line naming what is missing and suggesting a recording instead
     */
    private static void requireSoundDevices() {
        try {
            JavaSoundMicrophone.open(VOICE_CHUNK_MILLIS).close();
            JavaSoundSpeaker.open(PcmFormat.INTERNAL).close();
        } catch (AudioDeviceException e) {
            throw new InputException(noLiveVoice(e), e);
        }
    }

    private VoicePractice openLive(ModelCache models, Scenario scenario) {
        try {
            return VoicePractice.openLive(output, models, scenario);
        } catch (AudioDeviceException e) {
            throw new InputException(noLiveVoice(e), e);
        }
    }

    /** The device's one-line message, ending with how to practise from a recording instead. */
    static String noLiveVoice(AudioDeviceException e) {
        String message = e.getMessage();
        int instead = message.lastIndexOf("; ");
        return (instead < 0 ? message : message.substring(0, instead)) + "; for voice without a sound device use "
                + "--input FILE --output FILE (the client's speech as a WAV file)";
    }

    private void run(Practice practice, Turns turns, TranscriptSink shownSink, PrintWriter out) {
        TextEngines engines = practice.engines();
        shownSink.header(practice.scenario(), practice.engine().describe() + (turns instanceof Turns.Voice v
                ? "; voice: " + v.practice().engines() : ""));
        boolean generative = practice.engine().kind() != EngineChoice.Kind.SCRIPTED;
        if (!engines.ready() || generative) {
            shownSink.loading();
        }
        ChatModel engine = engines.chatModel(practice.engine());
        AdaptiveCoach coach = practice.coach();
        SessionSetup setup = new SessionSetup(Sessions.newId(), practice.scenario(), client, coach.difficulty(),
                coach.behaviour());
        // the character's speech rate follows its behaviour, which the controller moves between turns
        AtomicReference<PracticeSession> started = new AtomicReference<>();
        Optional<SceneView> scene = vr || window ? SceneView.start(vr ? Outputs.Preference.OPENXR
                : Outputs.Preference.WINDOW, practice.scenario(), !noCaptions, root.io().err()) : Optional.empty();
        TranscriptSink spoken = turns instanceof Turns.Voice v ? v.practice().speaking(shownSink, practice.scenario(),
                () -> Optional.ofNullable(started.get()).map(PracticeSession::behaviour).orElse(setup.behaviour())
                        .getOrDefault(SPEECH_RATE, NEUTRAL)) : shownSink;
        // spoken lines reach the scene clause by clause with the synthesizer's visemes, typed ones with estimates
        if (spoken instanceof SpokenTranscript voiced) {
            scene.ifPresent(view -> voiced.onClause(view::spoken));
        }
        TranscriptSink sink = scene.map(view -> view.showing(spoken, () -> Optional.ofNullable(started.get())
                .map(PracticeSession::paused).orElse(false), !(spoken instanceof SpokenTranscript))).orElse(spoken);
        EventLog events = new EventLog();
        PracticeSession session = Sessions.start(setup, engine, engines, List.of(practice.store(), events),
                Optional.of(coach));
        started.set(session);
        Optional<ClientInput> asker = turns instanceof Turns.Lines lines ? Optional.of(lines.input())
                : Optional.empty();
        Optional<SessionEvent.TaskOutcome> outcome = practice.previous().flatMap(p -> taskOutcome(p, asker, sink));
        Optional<Integer> before = confidenceBefore.or(() -> askConfidence(asker, sink, true));
        SessionDriver driver = new SessionDriver(session, events, sink, engines.prepare(practice.scenario()));
        Thread hook = new Thread(() -> driver.finish("quit"), "trinn-quit");
        Runtime.getRuntime().addShutdownHook(hook);
        long firstLine;
        RemoteCommands remote = null;
        try {
            driver.open();
            // the therapist's console sends pause, resume, stop and new settings through the store
            boolean waitsForALine = turns instanceof Turns.Lines && script.isEmpty();
            remote = RemoteCommands.start(practice.store(), setup.sessionId(), driver,
                    (saved, turn) -> coach.settingsChanged(practice.effective().apply(saved), turn),
                    () -> {
                        if (waitsForALine) {
                            sink.info("(Press Enter to close.)");
                        }
                    }, root.io().err());
            practice.previous().ifPresent(p -> outcome.ifPresent(o -> session.taskFollowedUp(p.sessionId(), o)));
            before.ifPresent(r -> session.rateConfidence(true, r));
            firstLine = ManagementFactory.getRuntimeMXBean().getUptime();
            if (root.io().terminal() && !json && script.isEmpty()) {
                sink.info("(/help shows the commands; Ctrl-D ends the session)");
            }
            switch (turns) {
                case Turns.Lines lines -> {
                    try (ClientInput input = lines.input()) {
                        Optional<String> line;
                        while (!driver.ended() && (line = input.next()).isPresent()) {
                            driver.handle(line.get());
                        }
                    }
                }
                case Turns.Voice v -> {
                    List<VoicePractice.TurnTiming> timings = v.practice().run(driver, engines.safety(),
                            silencePrompt, coach::voiceMeasures);
                    v.figures().println("voice: recognizer " + v.practice().recognizerName()
                            + "; character spoken by " + String.join(", ", v.practice().spokenBy()));
                    for (VoicePractice.TurnTiming t : timings) {
                        v.figures().println("voice: turn " + t.turn() + ": end of turn " + t.endOfTurnMillis()
                                + " ms after the speech (audio time), recognizer wait " + t.recognizerWaitMillis()
                                + " ms, reply latency " + t.replyLatencyMillis() + " ms to first audio");
                    }
                    for (VoicePractice.Cut c : v.practice().cuts()) {
                        v.figures().println("voice: " + (c.stopPhrase() ? "stop phrase" : "barge-in") + " at "
                                + c.decisionMillis() + " ms: character silent at " + c.silentMillis() + " ms (cut "
                                + c.cutMillis() + " ms after the decision, audio time), heard " + c.heardWords()
                                + " of " + c.replyWords() + " words");
                    }
                    v.practice().echoFigures().ifPresent(f -> v.figures().println("voice: echo canceller: "
                            + f.echoChunks() + " chunks judged echo only, " + f.stats().doubleTalkBlocks()
                            + " double-talk blocks of " + f.stats().farBlocks() + " with the character playing"));
                    v.practice().output().ifPresent(f -> v.figures().println("voice: session audio in " + f));
                    v.figures().flush();
                }
            }
            driver.finish("quit");
            confidenceAfter.or(() -> askConfidence(asker, sink, false))
                    .ifPresent(r -> session.rateConfidence(false, r));
        } finally {
            if (remote != null) {
                remote.close();
            }
            removeHook(hook);
            scene.ifPresent(SceneView::close);
        }
        if (json) {
            out.println(SessionReport.json(setup, practice.engine(), events, session.turns(),
                    new SessionReport.Timings(engines.modelLoadMillis(), engines.readyMillis(), firstLine)));
        } else {
            sink.info("");
            sink.info("Session " + setup.sessionId() + " is saved; see it with: trinn history --client "
                    + client + " --session " + setup.sessionId());
        }
        out.flush();
    }

    /** How the previous session's task went: from {@code --task-outcome}, else asked, else empty. */
    private Optional<SessionEvent.TaskOutcome> taskOutcome(PreviousTask previous, Optional<ClientInput> asker,
            TranscriptSink sink) {
        if (taskOutcome.isPresent()) {
            return outcome(taskOutcome.get());
        }
        if (asker.isEmpty()) {
            return Optional.empty();
        }
        sink.info("Last time your task was: " + previous.task());
        for (int tries = 0; tries < 3; tries++) {
            Optional<String> answer = asker.get().ask("How did it go? 1 = I did it, 2 = I tried, 3 = not yet "
                    + "(Enter skips):");
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            Optional<SessionEvent.TaskOutcome> o = switch (answer.get()) {
                case "1" -> Optional.of(SessionEvent.TaskOutcome.DONE);
                case "2" -> Optional.of(SessionEvent.TaskOutcome.TRIED);
                case "3" -> Optional.of(SessionEvent.TaskOutcome.NOT_YET);
                default -> outcome(answer.get());
            };
            if (o.isPresent()) {
                return o;
            }
            sink.info("Please answer 1, 2 or 3, or press Enter to skip.");
        }
        return Optional.empty();
    }

    private static Optional<SessionEvent.TaskOutcome> outcome(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "done" -> Optional.of(SessionEvent.TaskOutcome.DONE);
            case "tried" -> Optional.of(SessionEvent.TaskOutcome.TRIED);
            case "not-yet", "not yet", "notyet" -> Optional.of(SessionEvent.TaskOutcome.NOT_YET);
            default -> Optional.empty();
        };
    }

    /** A confidence rating asked of the client on a terminal; empty when skipped or when it cannot be asked. */
    private static Optional<Integer> askConfidence(Optional<ClientInput> asker, TranscriptSink sink, boolean before) {
        if (asker.isEmpty()) {
            return Optional.empty();
        }
        String question = (before ? "Before we start: how" : "And now: how") + " confident do you feel about "
                + "this situation, from 1 (not at all) to 5 (very)? (Enter skips):";
        for (int tries = 0; tries < 3; tries++) {
            Optional<String> answer = asker.get().ask(question);
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            if (answer.get().matches("[1-5]")) {
                return Optional.of(Integer.parseInt(answer.get()));
            }
            sink.info("Please answer with a number from 1 to 5, or press Enter to skip.");
        }
        return Optional.empty();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook is ending the session: nothing left to undo
            return;
        }
    }
}
