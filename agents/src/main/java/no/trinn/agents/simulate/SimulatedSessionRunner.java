package no.trinn.agents.simulate;

import dev.langchain4j.model.chat.ChatModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.session.Adaptation;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.core.Require;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.Frame;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionObserver;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Scenario;

/**
 * Runs one practice session with a {@link SimulatedClient} in the client's seat: opens a {@link PracticeSession} on
 * a {@link SimulatedClock}, then lets the client answer each character line until the session ends or
 * {@code maxTurns} turns have been taken (the session is then ended with reason {@value #TURN_LIMIT}). The clock
 * moves by each turn's simulated delay just before the turn, so the session's {@link TurnRecord#responseMillis()}
 * is the simulated response time. The session gets each turn's words through the runner's {@link ClientChannel}
 * (as typed by default; what a recognizer heard in a voice evaluation). Each turn the client experiences
 * {@link PracticeSession#behaviour()}, the values the character uses for that turn: the setup's at first, then as the session's {@link Adaptation} (if any) decided
 * after the turn before, or the gentlest values once the session has softened after a mild sign of distress. Should
 * a turn pause the session for safety, the runner resumes it and goes on. Thread-safe if the engine and safety check
 * are; each run is independent (an adaptation belongs to one run).
 */
public final class SimulatedSessionRunner {
    /** The turn limit of {@link #SimulatedSessionRunner(ChatModel, SafetyCheck)}. */
    public static final int DEFAULT_MAX_TURNS = 30;
    /** The end reason of a session stopped at the turn limit. */
    public static final String TURN_LIMIT = "turn-limit";
    /** The clock's start: every simulated session begins at this instant. */
    public static final Instant START = Instant.parse("2025-01-06T09:00:00Z");
    private static final String ALIAS = "simulated";

    private final ChatModel engine;
    private final SafetyCheck safety;
    private final int maxTurns;
    private final ClientChannel channel;

    /** A runner with the default turn limit ({@value #DEFAULT_MAX_TURNS}). */
    public SimulatedSessionRunner(ChatModel engine, SafetyCheck safety) {
        this(engine, safety, DEFAULT_MAX_TURNS);
    }

    /**
     * @param engine the dialogue engine the character runs on, e.g. a {@code ScriptedChatModel}
     * @param safety the safety check every client turn passes
     * @param maxTurns the most client turns a session may take, 1 to 1,000
     */
    public SimulatedSessionRunner(ChatModel engine, SafetyCheck safety, int maxTurns) {
        this(engine, safety, maxTurns, ClientChannel.TEXT);
    }

    /**
     * @param engine the dialogue engine the character runs on, e.g. a {@code ScriptedChatModel}
     * @param safety the safety check every client turn passes
     * @param maxTurns the most client turns a session may take, 1 to 1,000
     * @param channel how the client's words reach the session ({@link ClientChannel#TEXT}: as typed)
     */
    public SimulatedSessionRunner(ChatModel engine, SafetyCheck safety, int maxTurns, ClientChannel channel) {
        this.engine = Require.nonNull(engine, "engine");
        this.safety = Require.nonNull(safety, "safety");
        this.maxTurns = (int) Require.inRange(maxTurns, 1, 1_000, "maxTurns");
        this.channel = Require.nonNull(channel, "channel");
    }

    /**
     * The setup of a simulated session of {@code scenario} at {@code difficulty}: the standard behaviour parameters
     * for the character who speaks first, and the alias {@value #ALIAS}.
     */
    public static SessionSetup setup(String sessionId, Scenario scenario, double difficulty) {
        Require.nonNull(scenario, "scenario");
        return new SessionSetup(sessionId, scenario, ALIAS, difficulty,
                BehaviourParameters.standard().valuesFor(scenario.speaker(scenario.start()), difficulty));
    }

    /** One session at the setup's fixed behaviour values, with no other observers. */
    public SimulatedSession run(SessionSetup setup, SimulatedClient client) {
        return run(setup, client, Optional.empty(), List.of());
    }

    /**
     * One session.
     *
     * @param setup the session's setup; its behaviour values are the first the client experiences
     * @param client the simulated client, fresh for this session
     * @param adaptation what moves the character's behaviour between turns and assesses the session, e.g. an
     *     {@code AdaptiveCoach}; empty: the setup's values throughout
     * @param observers further receivers of the session's events (a recorder), after the runner's own
     */
    public SimulatedSession run(SessionSetup setup, SimulatedClient client, Optional<Adaptation> adaptation,
            List<SessionObserver> observers) {
        Require.nonNull(setup, "setup");
        Require.nonNull(client, "client");
        Require.nonNull(adaptation, "adaptation");
        Require.nonNull(observers, "observers");
        AtomicReference<String> endReason = new AtomicReference<>("");
        List<SessionObserver> all = new ArrayList<>();
        all.add(event -> {
            if (event instanceof SessionEvent.Ended ended) {
                endReason.set(ended.reason());
            }
        });
        all.addAll(observers);
        SimulatedClock clock = new SimulatedClock(START);
        PracticeSession session = new PracticeSession(setup, engine, safety, clock, all, adaptation);
        Scenario scenario = setup.scenario();
        ClientProfile startedAs = client.profile();
        String lastLine = characterText(session.open(), "");
        List<SimulatedClient.Turn> clientTurns = new ArrayList<>();
        while (!session.ended() && clientTurns.size() < maxTurns) {
            SimulatedClient.Turn turn = client.next(scenario, session.state(), session.behaviour(), lastLine,
                    new HashSet<>(session.goalStepsReached()));
            clientTurns.add(turn);
            String heard = Require.nonNull(channel.heard(startedAs, scenario, session.state(), turn), "heard");
            clock.advanceMillis(turn.delayMillis());
            lastLine = characterText(session.say(heard), lastLine);
            if (session.paused() && !session.ended()) {
                lastLine = characterText(session.resume(), lastLine);
            }
        }
        if (!session.ended()) {
            session.end(TURN_LIMIT);
        }
        return new SimulatedSession(setup.sessionId(), scenario.id(), startedAs, setup.difficulty(), clientTurns,
                session.turns(), session.summary().orElseThrow(), endReason.get().isBlank() ? TURN_LIMIT
                        : endReason.get());
    }

    /** The character's words among {@code frames}, joined; {@code previous} if it said nothing. */
    private static String characterText(List<Frame> frames, String previous) {
        List<String> lines = frames.stream().filter(CharacterUtterance.class::isInstance)
                .map(f -> ((CharacterUtterance) f).text()).toList();
        return lines.isEmpty() ? previous : String.join(" ", lines);
    }
}
