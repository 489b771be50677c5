package no.trinn.agents.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import no.trinn.agents.TestScenarios;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.dialogue.CharacterReplyMetadata;
import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.ScriptedChatModel;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.dialogue.TurnRequestParameters;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.Frame;
import no.trinn.core.frame.Notice;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.scenarios.Scenario;
import no.trinn.testkit.ManualClock;
import no.trinn.testkit.RecordingObserver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole sessions on a manual clock, with the real embedding model, scripted engine and safety check. */
class PracticeSessionTest {
    private static ScriptedChatModel engine;
    private static SafetyCheck safety;

    private final ManualClock clock = new ManualClock();
    private final RecordingObserver events = new RecordingObserver();
    private PracticeSession session;

    @BeforeAll
    static void load() {
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        engine = new ScriptedChatModel(new ScriptedEngine(new IntentMatcher(embedder)));
        safety = new SafetyCheck(embedder);
    }

    @BeforeEach
    void start() {
        session = session(TestScenarios.kiosk());
    }

    private PracticeSession session(Scenario scenario) {
        return new PracticeSession(new SessionSetup("s-1", scenario, "client-7", 0.2, TestScenarios.easy()), engine,
                safety, clock, List.of(events));
    }

    private static String text(Frame f) {
        return switch (f) {
            case CharacterUtterance c -> c.text();
            case Notice n -> n.text();
            default -> f.toString();
        };
    }

    @Test
    void aSessionRunsFromOpeningToFeedbackWithTurnsTimedOnTheClock() {
        List<Frame> opening = session.open();
        assertEquals(List.of("Hello! What can I get you?"), opening.stream().map(PracticeSessionTest::text).toList());

        clock.advance(Duration.ofMillis(2500));
        List<Frame> first = session.say("Could I have a coffee, please?");
        assertEquals("Coming up. That's two pounds. Card or cash?", text(first.getFirst()));
        assertEquals("pay", session.state());

        clock.advance(Duration.ofMillis(1200));
        List<Frame> last = session.say("card");
        assertEquals(2, last.size());
        assertEquals("Thanks, have a nice day!", text(last.get(0)));
        Notice feedback = assertInstanceOf(Notice.class, last.get(1));
        assertEquals(Notice.Kind.FEEDBACK, feedback.kind());
        assertTrue(feedback.text().contains("You said what you wanted."), feedback.text());
        assertTrue(session.ended());

        List<SessionEvent> all = events.events();
        assertInstanceOf(SessionEvent.Started.class, all.get(0));
        assertInstanceOf(SessionEvent.Opened.class, all.get(1));
        List<TurnRecord> turns = events.events(SessionEvent.TurnCompleted.class).stream()
                .map(SessionEvent.TurnCompleted::turn).toList();
        assertEquals(2, turns.size());
        assertEquals(2500, turns.get(0).responseMillis());
        assertEquals(1200, turns.get(1).responseMillis());
        assertEquals(Optional.of("order_drink"), turns.get(0).intent());
        assertEquals(List.of("ordered"), turns.get(0).goalSteps());
        assertTrue(turns.get(0).question());
        assertEquals(List.of("paid"), turns.get(1).goalSteps());
        SessionEvent.Ended ended = assertInstanceOf(SessionEvent.Ended.class, all.getLast());
        assertEquals("completed", ended.reason());
        assertTrue(ended.summary().goalMet());
        assertEquals("Buy a drink at a kiosk this week.", ended.summary().realWorldTask());
        assertThrows(IllegalStateException.class, () -> session.say("hello?"));
    }

    @Test
    void anInterruptedCharacterRepeatsOnlyThePartThatWasHeard() {
        session.open();
        session.say("Could I have a coffee, please?");
        session.interrupted("Coming up.");
        assertEquals(List.of("Coming up."), session.repeat().stream().map(PracticeSessionTest::text).toList());
        session.interrupted(" ");
        assertEquals(List.of(), session.repeat());
    }

    @Test
    void aStopPhrasePausesAtOnceAndTheCharacterNeverHearsIt() {
        session.open();
        List<Frame> frames = session.say("stop");
        assertEquals(1, frames.size(), "only the coach speaks: " + frames);
        assertEquals(safety.coachMessage(SafetyEvent.Kind.STOP, "en"), text(frames.getFirst()));
        assertEquals(Notice.Kind.COACH, assertInstanceOf(Notice.class, frames.getFirst()).kind());
        assertTrue(session.paused());
        assertEquals("order", session.state());

        // while paused, words go nowhere but a reminder
        List<Frame> whilePaused = session.say("A coffee, please");
        assertEquals(1, whilePaused.size());
        assertEquals(Notice.Kind.STATUS, ((Notice) whilePaused.getFirst()).kind());
        assertEquals("order", session.state());

        List<Frame> resumed = session.resume();
        assertFalse(session.paused());
        assertEquals("Hello! What can I get you?", text(resumed.getLast()));

        SafetyEvent raised = events.events(SessionEvent.SafetyRaised.class).getFirst().event();
        assertEquals(SafetyEvent.Kind.STOP, raised.kind());
        assertEquals(0, raised.turnIndex());
        TurnRecord stopTurn = events.events(SessionEvent.TurnCompleted.class).getFirst().turn();
        assertEquals("", stopTurn.characterText());
        List<SessionEvent.PauseChanged> pauses = events.events(SessionEvent.PauseChanged.class);
        assertEquals(List.of(true, false), pauses.stream().map(SessionEvent.PauseChanged::paused).toList());
        assertEquals("safety:stop", pauses.getFirst().reason());
        // a pause asked for by command says so in a status notice
        Notice status = assertInstanceOf(Notice.class, session.pause("command").getFirst());
        assertEquals(Notice.Kind.STATUS, status.kind());
    }

    @Test
    void distressInNorwegianIsAnsweredOutOfRoleInNorwegian() {
        PracticeSession nb = session(TestScenarios.kiosk("nb"));
        nb.open();
        List<Frame> frames = nb.say("Jeg får panikk, jeg klarer ikke dette");
        Notice coach = assertInstanceOf(Notice.class, frames.getFirst());
        assertEquals(Notice.Kind.COACH, coach.kind());
        assertEquals(safety.coachMessage(SafetyEvent.Kind.DISTRESS, "nb"), coach.text());
        assertTrue(nb.paused());
        assertEquals(SafetyEvent.Kind.DISTRESS,
                events.events(SessionEvent.SafetyRaised.class).getFirst().event().kind());
    }

    @Test
    void aMildSignOfDistressIsRecordedAndTheCharacterSoftensWithoutPausing() {
        session.open();
        List<Frame> frames = session.say("I'm a bit nervous");
        assertFalse(session.paused());
        assertInstanceOf(CharacterUtterance.class, frames.getFirst());
        SafetyEvent raised = events.events(SessionEvent.SafetyRaised.class).getFirst().event();
        assertEquals(SafetyEvent.Kind.DISTRESS, raised.kind());
        assertEquals(1, raised.severity());
        // softening shows where behaviour decides the line: at difficulty 1 the kiosk reprompts with the complex
        // line, after a sign of distress with the simple one
        PracticeSession hard = new PracticeSession(new SessionSetup("s-2", TestScenarios.kiosk(), "client-7", 1.0,
                java.util.Map.of("warmth", 0.3, "complexity", 0.9, "pressure", 0.8, "patience", 0.3,
                        "difficulty", 1.0)), engine, safety, clock, List.of(events));
        hard.open();
        String pressed = text(hard.say("The weather is lovely today.").getFirst());
        assertTrue(pressed.contains("Sorry, what would you like?") && !pressed.equals("Sorry, what would you like?"),
                "an impatient, pressing character frames its reprompt: " + pressed);
        // the very turn that showed the sign is already answered gently
        assertEquals("Tea or coffee?", text(hard.say("I'm a bit nervous").getFirst()));
    }

    @Test
    void aStopPhraseInsideAMoreSevereFindingStillPauses() {
        session.open();
        session.say("Stop, I don't want to be here anymore");
        assertTrue(session.paused());
        List<SafetyEvent.Kind> kinds = events.events(SessionEvent.SafetyRaised.class).stream()
                .map(e -> e.event().kind()).toList();
        assertTrue(kinds.contains(SafetyEvent.Kind.SELF_HARM), kinds.toString());
    }

    @Test
    void hostileAndEmptyInputIsHandledAndTheSessionGoesOn() {
        session.open();
        for (String text : List.of("", "   ", "x".repeat(10_000), "🙂🙂🙂", "\u0000\u001b[31m", "Kaffe, please")) {
            List<Frame> frames = session.say(text);
            assertFalse(frames.isEmpty(), "no answer to input of length " + text.length());
        }
        List<TurnRecord> turns = session.turns();
        assertTrue(turns.stream().allMatch(t -> t.clientText().length() <= 2_000));
        assertEquals(0, turns.getFirst().words());
        assertFalse(session.ended());
    }

    @Test
    void quittingEarlyGivesFeedbackOnTheFirstMissedStepAndRepeatWorks() {
        session.open();
        List<Frame> again = session.repeat();
        assertEquals("Hello! What can I get you?", text(again.getFirst()));
        List<Frame> repeated = session.say("Sorry, what did you say?");
        assertTrue(text(repeated.getFirst()).endsWith("Hello! What can I get you?"), text(repeated.getFirst()));
        // asking twice repeats the same line, not the first repeat with its prefix
        assertEquals(text(repeated.getFirst()), text(session.say("Sorry, what did you say?").getFirst()));
        List<Frame> end = session.end("quit");
        Notice feedback = assertInstanceOf(Notice.class, end.getFirst());
        assertEquals(Notice.Kind.FEEDBACK, feedback.kind());
        SessionSummary summary = session.summary().orElseThrow();
        assertFalse(summary.goalMet());
        assertEquals(List.of("ordered", "paid"), summary.goalStepsMissed());
        assertEquals("Say what you want in one sentence.", summary.practiseNext());
        assertTrue(session.turns().getFirst().repair());
        assertEquals("quit", events.events(SessionEvent.Ended.class).getFirst().reason());
        assertTrue(session.end("quit").isEmpty(), "ending twice must do nothing");
    }

    @Test
    void anEngineFallbackIsRecordedWithTheTurn() {
        // an engine that answers like the scripted one but reports that authored words replaced its own
        ChatModel replacing = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                var reply = CharacterReplyMetadata.from(engine.chat(request)).orElseThrow();
                var replaced = new CharacterReply(reply.text(), reply.affect(), reply.intent(), reply.confidence(),
                        reply.nextState(), reply.goalSteps(), reply.repair(), reply.understood(), Optional.empty(),
                        Optional.of("guard:role"));
                return ChatResponse.builder().aiMessage(AiMessage.from(replaced.text()))
                        .metadata(CharacterReplyMetadata.of(replaced, "test")).build();
            }

            @Override
            public ChatRequestParameters defaultRequestParameters() {
                return TurnRequestParameters.none();
            }
        };
        PracticeSession s = new PracticeSession(new SessionSetup("s-3", TestScenarios.kiosk(), "client-7", 0.2,
                TestScenarios.easy()), replacing, safety, clock, List.of(events));
        s.open();
        s.say("A coffee, please");
        assertEquals(Optional.of("guard:role"), s.turns().getFirst().fallback());
        assertEquals(Optional.of("guard:role"),
                events.events(SessionEvent.TurnCompleted.class).getFirst().turn().fallback());
    }
}
