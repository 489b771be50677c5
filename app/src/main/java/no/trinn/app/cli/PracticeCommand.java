package no.trinn.app.cli;

import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.app.practice.ClientInput;
import no.trinn.app.practice.EngineChoice;
import no.trinn.app.practice.EventLog;
import no.trinn.app.practice.Palette;
import no.trinn.app.practice.PlainTranscript;
import no.trinn.app.practice.ScriptInput;
import no.trinn.app.practice.SessionDriver;
import no.trinn.app.practice.SessionReport;
import no.trinn.app.practice.Sessions;
import no.trinn.app.practice.StreamInput;
import no.trinn.app.practice.TerminalInput;
import no.trinn.app.practice.TextEngines;
import no.trinn.app.practice.TranscriptSink;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;
import no.trinn.store.Aliases;
import no.trinn.store.SessionStore;
import no.trinn.store.StoreException;
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
 * {@code trinn practice ID}: one practice conversation in text, recorded in the session store. Interactive on a
 * terminal (JLine line editing, colours unless {@code NO_COLOR}); otherwise client lines come from {@code --script}
 * or standard input and the transcript is written as plain text, or with {@code --json} as one JSON document at the
 * end. End of input, Ctrl-C and {@code /quit} end the session with feedback. The character is driven by the
 * scripted engine, a local GGUF model or an inference server ({@code --engine}, {@code --model}, {@code --url},
 * {@code --threads}, else {@code config.yaml} in the home folder; see {@link ConfigFile}), checked before the
 * session starts and named in the header.
 */
@Command(name = "practice", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Practise a conversation. Type what you would say; the character answers. Commands during a session: "
                    + "/help, /repeat, /pause, /resume, /quit (Ctrl-D and Ctrl-C end it too).",
            "Saying \"stop\" ends the session; \"I need a break\" pauses it."
        })
public final class PracticeCommand implements Callable<Integer> {
    /** The difficulty when neither {@code --difficulty} nor the configuration file gives one. */
    static final double DEFAULT_DIFFICULTY = 0.3;

    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The scenario to practise ('trinn scenarios list' shows them).")
    private String id;

    @Option(names = "--client", paramLabel = "ALIAS", defaultValue = "anonymous",
            description = "The client's pseudonym (letters, digits, '-', '_', '.'; never a real name). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String client;

    @Option(names = "--difficulty", paramLabel = "0..1",
            description = "How hard the character makes it, from 0 (easiest) to 1. Default: difficulty: in "
                    + "config.yaml, else " + DEFAULT_DIFFICULTY + ".")
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
     * @param difficulty the difficulty
     */
    private record Practice(Scenario scenario, TextEngines engines, SessionStore store, EngineChoice engine,
            double difficulty) {
    }

    @Override
    public Integer call() {
        difficulty.ifPresent(d -> {
            if (!(d >= 0.0 && d <= 1.0)) {
                throw new ParameterException(spec.commandLine(), "--difficulty must lie in [0, 1], was " + d);
            }
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
        Io io = root.io();
        Home home = root.home();
        ConfigFile config = ConfigFile.read(home.config());
        Optional<ScriptInput> scriptInput = script.map(ScriptInput::new);
        // the model loads in the background while the scenarios are read, the engine is checked and the header shown
        TextEngines engines = TextEngines.shared();
        if (EngineSelection.kind(engineOptions, config) != EngineChoice.Kind.SCRIPTED) {
            engines.startGuardRails();
        }
        Scenario scenario = Scenarios.require(home.library(), id);
        EngineChoice choice = EngineSelection.resolve(engineOptions, config, home, io);
        double level = difficulty.or(config::difficulty).orElse(DEFAULT_DIFFICULTY);
        try (SessionStore store = SessionStore.open(home.database())) {
            store.recoverInterrupted();
            Practice practice = new Practice(scenario, engines, store, choice, level);
            if (scriptInput.isPresent() || json || !io.terminal()) {
                ClientInput input = scriptInput.<ClientInput>map(s -> s).orElseGet(() -> new StreamInput(io.in()));
                TranscriptSink sink = json ? TranscriptSink.silent()
                        : new PlainTranscript(io.out(), scenario, true, Palette.plain());
                run(practice, input, sink, io.out());
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
            run(practice, input, sink, out);
            out.flush();
        } catch (IOException e) {
            throw new AppException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    private void run(Practice practice, ClientInput input, TranscriptSink sink, PrintWriter out) {
        TextEngines engines = practice.engines();
        sink.header(practice.scenario(), practice.engine().describe());
        boolean generative = practice.engine().kind() != EngineChoice.Kind.SCRIPTED;
        if (!engines.ready() || generative) {
            sink.loading();
        }
        ChatModel engine = engines.chatModel(practice.engine());
        SessionSetup setup = Sessions.setup(Sessions.newId(), practice.scenario(), client, practice.difficulty());
        EventLog events = new EventLog();
        PracticeSession session = Sessions.start(setup, engine, engines, List.of(practice.store(), events));
        SessionDriver driver = new SessionDriver(session, events, sink, engines.prepare(practice.scenario()));
        Thread hook = new Thread(() -> driver.finish("quit"), "trinn-quit");
        Runtime.getRuntime().addShutdownHook(hook);
        long firstLine;
        try {
            driver.open();
            firstLine = ManagementFactory.getRuntimeMXBean().getUptime();
            if (root.io().terminal() && !json && script.isEmpty()) {
                sink.info("(/help shows the commands; Ctrl-D ends the session)");
            }
            try (input) {
                Optional<String> line;
                while (!driver.ended() && (line = input.next()).isPresent()) {
                    driver.handle(line.get());
                }
            }
            driver.finish("quit");
        } finally {
            removeHook(hook);
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook is ending the session: nothing left to undo
            return;
        }
    }
}
