package no.trinn.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import no.trinn.agents.session.Feedback;
import no.trinn.app.practice.PlainTranscript;
import no.trinn.core.Require;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionOverview;
import no.trinn.store.SessionStatus;
import no.trinn.store.SessionStore;
import no.trinn.store.StoredSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trinn history --client ALIAS [--session ID] [--decisions]}: a client's recorded sessions, newest first, with
 * the client model's level estimates, or one session's transcript and summary, or the difficulty controller's
 * decisions. Sessions whose process died are marked interrupted first.
 */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show a client's sessions, newest first (date, scenario, status, turns, goal steps met, "
                + "safety events), or with --session one session's transcript and summary.")
public final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TrinnCommand root;

    @Option(names = "--client", paramLabel = "ALIAS", required = true, description = "The client's pseudonym.")
    private String client;

    @Option(names = "--session", paramLabel = "ID", description = "Show this session's transcript and summary.")
    private Optional<String> session = Optional.empty();

    @Option(names = "--decisions", description = "Show the difficulty controller's decisions (every session's, "
            + "oldest first, or those of --session ID): the values before and after, the signals and the reason.")
    private boolean decisions;

    /** The command under {@code root}. */
    public HistoryCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() {
        PracticeCommand.requireAlias(client);
        Home home = root.home();
        PrintWriter out = root.io().out();
        if (!home.storeMayHoldRecords()) {
            if (session.isPresent()) {
                throw new InputException("no session '" + session.get() + "' for this client (no sessions are "
                        + "recorded in " + home.folder() + " yet)");
            }
            out.println("No sessions recorded for this client yet.");
            return Cli.OK;
        }
        ScenarioLibrary library = home.library();
        try (SessionStore store = home.openStore(root.io())) {
            store.recoverInterrupted();
            if (decisions) {
                decisions(store, out);
            } else if (session.isPresent()) {
                transcript(store, library, session.get(), out);
            } else {
                list(store, library, out);
            }
        }
        return Cli.OK;
    }

    private void list(SessionStore store, ScenarioLibrary library, PrintWriter out) {
        List<SessionOverview> sessions = store.sessions(client);
        if (sessions.isEmpty()) {
            out.println("No sessions recorded for this client yet.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DATE", "SCENARIO", "STATUS", "TURNS", "GOAL", "SAFETY", "SESSION"});
        for (SessionOverview o : sessions) {
            StoredSession stored = store.session(o.id()).orElseThrow(() -> new AppException("session store "
                    + store.location() + ": session " + o.id() + " is listed but cannot be read"));
            rows.add(new String[] {date(o.startedAt()), o.scenarioId(), status(stored),
                    Integer.toString(o.turns()), goal(store, library, stored), Integer.toString(o.safetyEvents()),
                    o.id()});
        }
        Table.print(out, rows);
        List<LevelEstimate> levels = store.levels(client);
        if (!levels.isEmpty()) {
            out.println();
            out.println("Estimated level (0 easiest .. 1 hardest, +/- one standard deviation):");
            for (LevelEstimate l : levels) {
                out.println("  " + l.scale() + ": " + number(l.mean()) + " +/- " + number(l.sd()) + " ("
                        + l.observations() + " turns)");
            }
        }
    }

    private void decisions(SessionStore store, PrintWriter out) {
        List<String> ids = session.isPresent()
                ? List.of(requireOwn(store, session.get()).id())
                : store.sessions(client).stream().map(SessionOverview::id).toList().reversed();
        if (ids.isEmpty()) {
            out.println("No sessions recorded for this client yet.");
            return;
        }
        for (String id : ids) {
            StoredSession stored = store.session(id).orElseThrow();
            List<SessionEvent.Decided> made = store.decisions(id);
            out.println("Session " + id + " (" + stored.started().scenarioId() + ", " + date(stored.started().at())
                    + "): " + (made.isEmpty() ? "no decisions (fixed difficulty " + stored.started().difficulty()
                    + ")" : made.size() + " decision(s)"));
            for (SessionEvent.Decided d : made) {
                out.println("  " + describe(d.decision()));
            }
        }
    }

    /** One decision on one line: when, what changed, the reason, the signals. */
    static String describe(Decision d) {
        StringBuilder sb = new StringBuilder(d.scope() == Decision.Scope.BETWEEN_SESSIONS ? "next session: "
                : "after turn " + (d.turnIndex() + 1) + ": ");
        d.nextScenario().ifPresent(n -> sb.append(n).append(", "));
        List<String> changes = new ArrayList<>();
        d.after().forEach((name, after) -> {
            Double before = d.before().get(name);
            if (before == null) {
                changes.add(name + " " + number(after));
            } else if (Math.abs(before - after) >= 0.005) {
                changes.add(name + " " + number(before) + " -> " + number(after));
            }
        });
        sb.append(changes.isEmpty() ? "hold" : String.join(", ", changes)).append(". ").append(d.reason());
        if (!d.inputs().isEmpty()) {
            List<String> inputs = new ArrayList<>();
            d.inputs().forEach((name, value) -> inputs.add(name + " " + number(value)));
            sb.append(" [").append(String.join(", ", inputs)).append(']');
        }
        return sb.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) >= 2 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    private StoredSession requireOwn(SessionStore store, String id) {
        return store.session(id).filter(s -> s.started().clientAlias().equals(client))
                .orElseThrow(() -> new InputException("no session '" + id + "' for this client; "
                        + "'trinn history --client ALIAS' lists them"));
    }

    private void transcript(SessionStore store, ScenarioLibrary library, String id, PrintWriter out) {
        StoredSession stored = requireOwn(store, id);
        SessionEvent.Started started = stored.started();
        Optional<Scenario> scenario = library.find(started.scenarioId());
        out.println("Session " + id + ": " + scenario.map(s -> s.title() + " (" + s.id() + ")")
                .orElse(started.scenarioId()) + ", " + date(started.at()) + ", " + status(stored)
                + ", difficulty " + started.difficulty());
        out.println();
        String speaker = scenario.map(s -> PlainTranscript.label(s.characters().getFirst())).orElse("Character");
        stored.opened().ifPresent(o -> out.println(speaker(scenario, o.state(), speaker) + ": " + o.characterText()));
        Map<Integer, List<SafetyEvent>> safety = store.safetyEvents(id).stream().map(SessionEvent.SafetyRaised::event)
                .collect(Collectors.groupingBy(SafetyEvent::turnIndex));
        for (SessionEvent.TurnCompleted t : store.turns(id)) {
            TurnRecord turn = t.turn();
            out.println("You: " + (turn.clientText().isEmpty() ? "(silence)" : turn.clientText()));
            for (SafetyEvent e : safety.getOrDefault(turn.index(), List.of())) {
                out.println("[safety: " + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + ", severity " + e.severity() + ", found by " + e.method() + "; the coach answered]");
            }
            if (!turn.characterText().isEmpty()) {
                out.println(speaker(scenario, turn.stateAfter(), speaker) + ": " + turn.characterText());
            }
        }
        int pauses = (int) store.pauses(id).stream().filter(SessionEvent.PauseChanged::paused).count();
        if (pauses > 0) {
            out.println("[paused " + pauses + " time(s)]");
        }
        out.println();
        Optional<SessionEvent.Ended> ended = stored.ended();
        if (ended.isEmpty()) {
            out.println(stored.status() == SessionStatus.INTERRUPTED
                    ? "The session was interrupted (the program stopped) before it ended; no feedback was given."
                    : "The session is still running.");
            return;
        }
        SessionSummary summary = ended.get().summary();
        out.println("Feedback");
        out.println(scenario.map(s -> Feedback.render(s, summary)).orElseGet(() -> render(summary)));
    }

    /** The status as a client or therapist reads it: completed, quit, stopped, interrupted or active. */
    private static String status(StoredSession s) {
        return switch (s.status()) {
            case ENDED -> s.ended().map(SessionEvent.Ended::reason).orElse("ended");
            case INTERRUPTED -> "interrupted";
            case ACTIVE -> "active";
        };
    }

    /** Goal steps met out of all, e.g. "2/3"; for a session without an end, the steps its turns reached. */
    private static String goal(SessionStore store, ScenarioLibrary library, StoredSession s) {
        if (s.ended().isPresent()) {
            SessionSummary sum = s.ended().get().summary();
            return sum.goalStepsMet().size() + "/" + (sum.goalStepsMet().size() + sum.goalStepsMissed().size());
        }
        Set<String> reached = new LinkedHashSet<>();
        store.turns(s.id()).forEach(t -> reached.addAll(t.turn().goalSteps()));
        return reached.size() + library.find(s.started().scenarioId())
                .map(sc -> "/" + sc.goal().steps().size()).orElse("");
    }

    private static String speaker(Optional<Scenario> scenario, String state, String fallback) {
        return scenario.flatMap(s -> s.state(state).map(st -> PlainTranscript.label(s.speaker(st))))
                .orElse(fallback);
    }

    private static String render(SessionSummary s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Goal steps met: ").append(s.goalStepsMet().isEmpty() ? "none" : String.join(", ",
                s.goalStepsMet())).append('\n');
        s.strengths().forEach(x -> sb.append("  + ").append(x).append('\n'));
        sb.append("  > ").append(s.practiseNext()).append('\n');
        sb.append("  * ").append(s.realWorldTask());
        return sb.toString();
    }

    private static String date(Instant at) {
        return DATE.format(at.atZone(ZoneId.systemDefault()));
    }
}
