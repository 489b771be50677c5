package no.trinn.agents.session;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.trinn.agents.AgentException;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.dialogue.CharacterReplyMetadata;
import no.trinn.agents.dialogue.CommonPhrases;
import no.trinn.agents.dialogue.Text;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.agents.dialogue.TurnRequestParameters;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.safety.SafetyFinding;
import no.trinn.core.Clock;
import no.trinn.core.Require;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.ClientUtterance;
import no.trinn.core.frame.ControlFrame;
import no.trinn.core.frame.Direction;
import no.trinn.core.frame.Frame;
import no.trinn.core.frame.Notice;
import no.trinn.core.frame.Pipeline;
import no.trinn.core.frame.Stage;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionObserver;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;

/**
 * One practice conversation in text, on the frame pipeline: client turns pass the safety stage, then the character
 * stage, whose dialogue engine is any LangChain4j {@link ChatModel} that understands {@link TurnRequestParameters}.
 * Each method returns the frames meant for the client, in order (character lines, coach and status notices,
 * feedback). Observers receive the session's events as they happen; a recorder among them keeps the session safe
 * from a crash turn by turn.
 *
 * <p>Safety is always on and graded. A stop or pause phrase, or distress, self-harm or relapse talk of severity
 * {@value #PAUSE_SEVERITY} or more, is answered out of role by the coach and pauses the session, whatever the
 * state; that turn never reaches the character. A milder sign (severity 1, e.g. "I'm a bit nervous") is recorded
 * and the character softens to its gentlest behaviour for the rest of the session. Every finding is recorded as a
 * safety event. Not thread-safe: one caller drives a session.
 */
public final class PracticeSession {
    private static final int RECENT_LINES = 8;
    private static final int HISTORY_MESSAGES = 20;
    /** Prefix of the pause reason when the safety layer paused the session, e.g. {@code safety:distress}. */
    public static final String SAFETY_REASON = "safety:";
    /** From this severity on a safety finding pauses the session; below it the character softens. */
    public static final int PAUSE_SEVERITY = 2;

    private final SessionSetup setup;
    private final Scenario scenario;
    private final ChatModel engine;
    private final SafetyCheck safety;
    private final Clock clock;
    private final List<SessionObserver> observers;
    private final Pipeline pipeline;

    private final List<Frame> output = new ArrayList<>();
    private final List<TurnRecord> turns = new ArrayList<>();
    private final List<ChatMessage> history = new ArrayList<>();
    private final List<String> recentLines = new ArrayList<>();
    private final Set<String> reached = new LinkedHashSet<>();
    private final Optional<Adaptation> adaptation;
    private Map<String, Double> behaviour;
    private String stateId;
    private Optional<String> lastLine = Optional.empty();
    private long lastLineNanos;
    private int misunderstandings;
    private int repeatRequests;
    private boolean opened;
    private boolean softened;
    private boolean paused;
    private boolean ended;
    private Optional<SessionSummary> summary = Optional.empty();

    /**
     * @param setup what to practise, for whom, how hard
     * @param engine the dialogue engine
     * @param safety the safety check
     * @param clock time source
     * @param observers receivers of the session's events, in order
     */
    public PracticeSession(SessionSetup setup, ChatModel engine, SafetyCheck safety, Clock clock,
            List<SessionObserver> observers) {
        this(setup, engine, safety, clock, observers, Optional.empty());
    }

    /**
     * As {@link #PracticeSession(SessionSetup, ChatModel, SafetyCheck, Clock, List)}, with an adaptation that moves
     * the character's behaviour between turns and assesses the session at its end; its decisions and assessment are
     * published as {@link SessionEvent.Decided} and {@link SessionEvent.Assessed} (before {@code Ended}).
     */
    public PracticeSession(SessionSetup setup, ChatModel engine, SafetyCheck safety, Clock clock,
            List<SessionObserver> observers, Optional<Adaptation> adaptation) {
        this.setup = Require.nonNull(setup, "setup");
        this.scenario = setup.scenario();
        this.engine = Require.nonNull(engine, "engine");
        this.safety = Require.nonNull(safety, "safety");
        this.clock = Require.nonNull(clock, "clock");
        this.observers = List.copyOf(observers);
        this.adaptation = Require.nonNull(adaptation, "adaptation");
        this.behaviour = setup.behaviour();
        this.stateId = scenario.start().id();
        this.pipeline = new Pipeline(List.of(this::safetyStage, this::characterStage), output::add, f -> { });
    }

    /** Starts the session: the character's opening line. Call once, first. */
    public List<Frame> open() {
        if (opened) {
            throw new IllegalStateException("session " + setup.sessionId() + " is already open");
        }
        opened = true;
        publish(new SessionEvent.Started(setup.sessionId(), clock.instant(), setup.clientAlias(), scenario.id(),
                scenario.language(), setup.difficulty()));
        history.add(SystemMessage.from(scenario.setting()));
        CharacterReply reply = ask();
        output.add(speak(reply.text(), reply.affect(), true));
        publish(new SessionEvent.Opened(setup.sessionId(), clock.instant(), stateId, reply.text()));
        return drain();
    }

    /**
     * One client turn. The text is sanitised (control characters removed, cut to
     * {@value Text#MAX_UTTERANCE_CHARS} characters); an empty turn counts as silence and is answered gently.
     */
    public List<Frame> say(String clientText) {
        requireRunning();
        pipeline.push(new ClientUtterance(Text.sanitise(clientText), clock.nanoTime()));
        return drain();
    }

    /** The client asked to hear the last line again ({@code /repeat}); works while paused too. */
    public List<Frame> repeat() {
        requireRunning();
        repeatRequests++;
        lastLine.ifPresent(line -> output.add(new CharacterUtterance(speakerId(), line, "neutral",
                clock.nanoTime())));
        return drain();
    }

    /**
     * The client interrupted the character, whose last line was heard only up to {@code heard} (where its audio
     * stopped): the character remembers only that part, as the line to repeat and in its conversation history, and
     * nothing of the line if {@code heard} is blank.
     */
    public void interrupted(String heard) {
        requireRunning();
        String part = Require.nonNull(heard, "heard").strip();
        lastLine = part.isEmpty() ? Optional.empty() : Optional.of(part);
        if (!history.isEmpty() && history.getLast() instanceof AiMessage) {
            history.removeLast();
            if (!part.isEmpty()) {
                history.add(AiMessage.from(part));
            }
        }
    }

    /**
     * The client rated their confidence in the situation ({@value SessionEvent.ConfidenceRated#MIN} to
     * {@value SessionEvent.ConfidenceRated#MAX}): {@code before} the conversation (once open) or after it (also once
     * the session has ended). Published as a {@link SessionEvent.ConfidenceRated}.
     */
    public void rateConfidence(boolean before, int rating) {
        if (!opened) {
            throw new IllegalStateException("session " + setup.sessionId() + " is not open yet");
        }
        publish(new SessionEvent.ConfidenceRated(setup.sessionId(), clock.instant(), before, rating));
    }

    /** The client said how the real-world task of session {@code previousSessionId} went. */
    public void taskFollowedUp(String previousSessionId, SessionEvent.TaskOutcome outcome) {
        requireRunning();
        publish(new SessionEvent.TaskFollowedUp(setup.sessionId(), clock.instant(), previousSessionId, outcome));
    }

    /**
     * A decision taken outside the client's turns (e.g. the therapist changed a character's temperament or the caps
     * during the session): its values replace those of the same name from the next turn on, and it is published
     * as a {@link SessionEvent.Decided}. Works while paused.
     */
    public void adjust(Decision decision) {
        requireRunning();
        Require.nonNull(decision, "decision");
        if (decision.scope() != Decision.Scope.WITHIN_SESSION) {
            throw new IllegalArgumentException("decision: must be a decision within the session");
        }
        behaviour = Adaptation.apply(behaviour, decision);
        publish(new SessionEvent.Decided(setup.sessionId(), clock.instant(), decision));
    }

    /** Pauses the session (the client's {@code /pause}, or a therapist's command). */
    public List<Frame> pause(String reason) {
        requireRunning();
        pipeline.push(new ControlFrame.Pause(reason, clock.nanoTime()));
        return drain();
    }

    /** Resumes a paused session; the character repeats its last line so the client knows where they were. */
    public List<Frame> resume() {
        requireRunning();
        pipeline.push(new ControlFrame.Resume(clock.nanoTime()));
        return drain();
    }

    /**
     * Ends the session early ({@code reason} e.g. "quit", "stopped") with feedback; does nothing if it has ended.
     */
    public List<Frame> end(String reason) {
        if (opened && !ended) {
            pipeline.push(new ControlFrame.Stop(reason, clock.nanoTime()));
        }
        return drain();
    }

    /** Whether the session is paused. */
    public boolean paused() {
        return paused;
    }

    /** Whether the session has ended. */
    public boolean ended() {
        return ended;
    }

    /** The current scenario state. */
    public String state() {
        return stateId;
    }

    /** Goal steps reached so far, in the order reached. */
    public List<String> goalStepsReached() {
        return List.copyOf(reached);
    }

    /** The client turns so far. */
    public List<TurnRecord> turns() {
        return List.copyOf(turns);
    }

    /** The end-of-session summary, once the session has ended. */
    public Optional<SessionSummary> summary() {
        return summary;
    }

    /** The behaviour values the character uses for the next turn (after the controller's last decision). */
    public Map<String, Double> behaviour() {
        return softened ? gentlest() : behaviour;
    }

    /** The session's setup. */
    public SessionSetup setup() {
        return setup;
    }

    private void safetyStage(Frame frame, Direction direction, Stage.Emitter out) {
        if (!(frame instanceof ClientUtterance u) || paused) {
            out.emit(frame, direction);
            return;
        }
        List<SafetyFinding> findings = safety.checkAll(u.text(), scenario.language());
        if (findings.isEmpty()) {
            out.emit(frame, direction);
            return;
        }
        SafetyFinding first = findings.getFirst();
        boolean control = findings.stream().anyMatch(f -> f.kind() == SafetyEvent.Kind.STOP
                || f.kind() == SafetyEvent.Kind.PAUSE);
        if (!control && first.severity() < PAUSE_SEVERITY) {
            // a mild sign: recorded, and the character softens for the rest of the session; the turn goes on
            int index = turns.size();
            findings.forEach(f -> raise(f, index));
            softened = true;
            out.emit(frame, direction);
            return;
        }
        int index = turns.size();
        record(new TurnRecord(index, u.text(), "", stateId, stateId, Optional.empty(), 0.0,
                responseMillis(u.atNanos()), Text.wordCount(u.text()), List.of(), false, false,
                Math.max(0, clock.nanoTime() - u.atNanos()), Optional.empty()));
        findings.forEach(f -> raise(f, index));
        out.emit(new Notice(Notice.Kind.COACH, safety.coachMessage(first.kind(), scenario.language()),
                clock.nanoTime()), Direction.DOWNSTREAM);
        out.emit(new ControlFrame.Pause(SAFETY_REASON + first.kind().name().toLowerCase(java.util.Locale.ROOT),
                clock.nanoTime()), Direction.DOWNSTREAM);
    }

    private void raise(SafetyFinding f, int turnIndex) {
        publish(new SessionEvent.SafetyRaised(setup.sessionId(), clock.instant(), f.toEvent(turnIndex)));
    }

    private void characterStage(Frame frame, Direction direction, Stage.Emitter out) {
        switch (frame) {
            case ClientUtterance u -> clientTurn(u, out);
            case ControlFrame.Pause p -> {
                if (!paused) {
                    paused = true;
                    publish(new SessionEvent.PauseChanged(setup.sessionId(), clock.instant(), true, p.reason()));
                    if (!p.reason().startsWith(SAFETY_REASON)) {
                        // after a safety finding the coach's words already say that the session is paused
                        out.emit(new Notice(Notice.Kind.STATUS, safety.pausedNotice(scenario.language()),
                                clock.nanoTime()), Direction.DOWNSTREAM);
                    }
                }
            }
            case ControlFrame.Resume r -> {
                if (paused) {
                    paused = false;
                    publish(new SessionEvent.PauseChanged(setup.sessionId(), clock.instant(), false, "resume"));
                    out.emit(new Notice(Notice.Kind.STATUS, safety.resumedNotice(scenario.language()),
                            clock.nanoTime()), Direction.DOWNSTREAM);
                    lastLine.ifPresent(line -> out.emit(new CharacterUtterance(speakerId(), line, "neutral",
                            clock.nanoTime()), Direction.DOWNSTREAM));
                    lastLineNanos = clock.nanoTime();
                }
            }
            case ControlFrame.Stop s -> finish(s.reason(), out);
            default -> out.emit(frame, direction);
        }
    }

    private void clientTurn(ClientUtterance u, Stage.Emitter out) {
        if (paused) {
            out.emit(new Notice(Notice.Kind.STATUS, safety.pausedNotice(scenario.language()), clock.nanoTime()),
                    Direction.DOWNSTREAM);
            return;
        }
        String before = stateId;
        history.add(UserMessage.from(u.text().isEmpty() ? " " : u.text()));
        CharacterReply reply = ask();
        List<String> newSteps = new ArrayList<>();
        for (String step : reply.goalSteps()) {
            if (reached.add(step)) {
                newSteps.add(step);
            }
        }
        misunderstandings = reply.understood() ? 0 : misunderstandings + 1;
        stateId = reply.nextState();
        String words = u.text();
        record(new TurnRecord(turns.size(), words, reply.text(), before, stateId, reply.intent(),
                reply.confidence(), responseMillis(u.atNanos()), Text.wordCount(words), newSteps, reply.repair(),
                isQuestion(words), Math.max(0, clock.nanoTime() - u.atNanos()), reply.fallback()));
        // a repeat keeps the line it repeated as the one to repeat next, so repeats never pile up prefixes
        out.emit(speak(reply.text(), reply.affect(), !reply.repair()), Direction.DOWNSTREAM);
        adaptation.ifPresent(a -> {
            Decision decision = a.afterTurn(turns.getLast());
            behaviour = Adaptation.apply(behaviour, decision);
            publish(new SessionEvent.Decided(setup.sessionId(), clock.instant(), decision));
        });
        if (scenario.state(stateId).map(State::end).orElse(false)) {
            finish("completed", out);
        }
    }

    private CharacterReply ask() {
        TurnContext ctx = new TurnContext(scenario, stateId, softened ? gentlest() : behaviour, recentLines,
                lastLine, misunderstandings, turns.size());
        ChatRequest request = ChatRequest.builder().messages(history)
                .parameters(TurnRequestParameters.of(ctx)).build();
        ChatResponse response = engine.chat(request);
        CharacterReply reply = CharacterReplyMetadata.from(response).orElseThrow(() -> new AgentException(
                "the dialogue engine gave no character reply metadata for scenario " + scenario.id()));
        history.add(AiMessage.from(reply.text()));
        while (history.size() > HISTORY_MESSAGES) {
            history.remove(1); // keep the system message
        }
        return reply;
    }

    private CharacterUtterance speak(String text, String affect, boolean remember) {
        CharacterUtterance line = new CharacterUtterance(speakerId(), text, affect, clock.nanoTime());
        if (remember) {
            lastLine = Optional.of(text);
        }
        lastLineNanos = line.atNanos();
        recentLines.add(text);
        if (recentLines.size() > RECENT_LINES) {
            recentLines.removeFirst();
        }
        return line;
    }

    private void finish(String reason, Stage.Emitter out) {
        if (ended) {
            return;
        }
        ended = true;
        boolean completed = scenario.state(stateId).map(State::end).orElse(false);
        SessionSummary s = Feedback.summarise(scenario, turns, reached, completed, repeatRequests);
        summary = Optional.of(s);
        adaptation.ifPresent(a -> {
            Adaptation.Ending ending = a.sessionEnded(List.copyOf(turns), s, completed);
            publish(new SessionEvent.Assessed(setup.sessionId(), clock.instant(), ending.score(), ending.levels()));
            ending.next().ifPresent(d -> publish(new SessionEvent.Decided(setup.sessionId(), clock.instant(), d)));
        });
        out.emit(new Notice(Notice.Kind.FEEDBACK, Feedback.render(scenario, s), clock.nanoTime()),
                Direction.DOWNSTREAM);
        publish(new SessionEvent.Ended(setup.sessionId(), clock.instant(), reason, s));
    }

    /**
     * Behaviour at the easiest difficulty, which the character falls back to after a sign of distress (kept inside
     * the adaptation's limits, e.g. a therapist's locks).
     */
    private Map<String, Double> gentlest() {
        Map<String, Double> easiest = BehaviourParameters.standard().valuesFor(
                scenario.speaker(scenario.state(stateId).orElseThrow()), 0.0);
        return adaptation.map(a -> a.softened(easiest)).orElse(easiest);
    }

    private String speakerId() {
        return scenario.speaker(scenario.state(stateId).orElseThrow()).id();
    }

    private long responseMillis(long atNanos) {
        return Math.max(0, (atNanos - lastLineNanos) / 1_000_000);
    }

    private boolean isQuestion(String text) {
        if (text.strip().endsWith("?")) {
            return true;
        }
        String normalised = Text.normalise(text);
        int space = normalised.indexOf(' ');
        String first = space < 0 ? normalised : normalised.substring(0, space);
        return space > 0 && CommonPhrases.forLanguage(scenario.language()).questionWords().contains(first);
    }

    private void record(TurnRecord turn) {
        turns.add(turn);
        publish(new SessionEvent.TurnCompleted(setup.sessionId(), clock.instant(), turn));
    }

    private void publish(SessionEvent event) {
        for (SessionObserver o : observers) {
            o.onEvent(event);
        }
    }

    private void requireRunning() {
        if (!opened) {
            throw new IllegalStateException("session " + setup.sessionId() + " is not open yet");
        }
        if (ended) {
            throw new IllegalStateException("session " + setup.sessionId() + " has ended");
        }
    }

    private List<Frame> drain() {
        List<Frame> frames = List.copyOf(output);
        output.clear();
        return frames;
    }
}
