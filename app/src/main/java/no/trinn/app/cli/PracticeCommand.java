package no.trinn.app.cli;

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
 * end. End of input, Ctrl-C and {@code /quit} end the session with feedback.
 */
@Command(name = "practice", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Practise a conversation. Type what you would say; the character answers. Commands during a session: "
                    + "/help, /repeat, /pause, /resume, /quit (Ctrl-D and Ctrl-C end it too).",
            "Saying \"stop\" ends the session; \"I need a break\" pauses it."
        })
public final class PracticeCommand implements Callable<Integer> {
    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The scenario to practise ('trinn scenarios list' shows them).")
    private String id;

    @Option(names = "--client", paramLabel = "ALIAS", defaultValue = "anonymous",
            description = "The client's pseudonym (letters, digits, '-', '_', '.'; never a real name). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String client;

    @Option(names = "--difficulty", paramLabel = "0..1", defaultValue = "0.3",
            description = "How hard the character makes it, from 0 (easiest) to 1. Default: ${DEFAULT-VALUE}.")
    private double difficulty;

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

    @Override
    public Integer call() {
        if (!(difficulty >= 0.0 && difficulty <= 1.0)) {
            throw new ParameterException(spec.commandLine(), "--difficulty must lie in [0, 1], was " + difficulty);
        }
        requireAlias(client);
        Io io = root.io();
        Home home = root.home();
        Optional<ScriptInput> scriptInput = script.map(ScriptInput::new);
        // the model loads in the background while the scenarios are read and the header is shown
        TextEngines engines = TextEngines.shared();
        Scenario scenario = Scenarios.require(home.library(), id);
        try (SessionStore store = SessionStore.open(home.database())) {
            store.recoverInterrupted();
            if (scriptInput.isPresent() || json || !io.terminal()) {
                ClientInput input = scriptInput.<ClientInput>map(s -> s).orElseGet(() -> new StreamInput(io.in()));
                TranscriptSink sink = json ? TranscriptSink.silent()
                        : new PlainTranscript(io.out(), scenario, true, Palette.plain());
                run(scenario, engines, store, input, sink, io.out());
                scriptInput.filter(s -> s.remaining() > 0).ifPresent(s -> io.err().println("trinn: the "
                        + "conversation ended before the script did; " + s.remaining() + " line(s) were not used"));
            } else {
                interactive(scenario, engines, store, io);
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

    private void interactive(Scenario scenario, TextEngines engines, SessionStore store, Io io) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8)
                .build()) {
            Palette palette = Palette.forTerminal(io.env(), terminal.getType());
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("trinn")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                    .build();
            PrintWriter out = terminal.writer();
            TranscriptSink sink = new PlainTranscript(out, scenario, false, palette);
            ClientInput input = new TerminalInput(reader, palette.paint(Palette.Role.YOU, "You:") + " ");
            run(scenario, engines, store, input, sink, out);
            out.flush();
        } catch (IOException e) {
            throw new AppException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    private void run(Scenario scenario, TextEngines engines, SessionStore store, ClientInput input,
            TranscriptSink sink, PrintWriter out) {
        sink.header(scenario);
        if (!engines.ready()) {
            sink.loading();
        }
        SessionSetup setup = Sessions.setup(Sessions.newId(), scenario, client, difficulty);
        EventLog events = new EventLog();
        PracticeSession session = Sessions.start(setup, engines, List.of(store, events));
        SessionDriver driver = new SessionDriver(session, events, sink, engines.prepare(scenario));
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
            out.println(SessionReport.json(setup, events, session.turns(), new SessionReport.Timings(
                    engines.modelLoadMillis(), engines.readyMillis(), firstLine)));
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
