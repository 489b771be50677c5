package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import no.trinn.agents.AgentException;
import no.trinn.agents.TestScenarios;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.Frame;
import no.trinn.core.session.TurnRecord;
import no.trinn.testkit.ManualClock;
import no.trinn.testkit.RecordingObserver;
import no.trinn.testkit.StreamCollector;
import no.trinn.testkit.StubInferenceServer;
import org.junit.jupiter.api.Test;

/** The generative engine over in-process fake models: any ChatModel or StreamingChatModel, slow ones included. */
class GenerativeEngineTest {
    private static final String COFFEE = "Could I have a coffee, please?";

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final List<TurnReport> reports = Collections.synchronizedList(new ArrayList<>());

    private GenerativeEngine.Builder builder() {
        return GenerativeEngine.builder(Shared.scripted(), Shared.guardRails()).timer(timer).clock(clock)
                .onTurn(reports::add);
    }

    @Test
    void aStreamingModelAloneServesBlockingAndStreamedCalls() throws Exception {
        FakeModels.Streaming model = new FakeModels.Streaming(FakeModels.forward("Sure thing. Two pounds."), 3,
                Optional.empty());
        GenerativeEngine engine = builder().streamingChatModel(model).build();
        CharacterReply blocking = Turns.reply(engine.chatModel().chat(Turns.request("order", COFFEE)));
        assertEquals("Sure thing. Two pounds.", blocking.text());
        assertEquals("pay", blocking.nextState());
        StreamCollector s = StreamCollector.start(engine.streamingChatModel(), Turns.request("order", COFFEE));
        assertEquals(List.of("Sure thing.", " Two pounds."), awaitAll(s));
        assertFalse(model.cancelled(), "a call that has ended is not cancelled");
        assertTrue(engine.description().contains("Streaming"), engine.description());
    }

    private static List<String> awaitAll(StreamCollector s) throws Exception {
        s.response();
        return s.pieces();
    }

    @Test
    void aBlockingModelAloneServesStreamedCallsSentenceBySentence() throws Exception {
        FakeModels.Blocking model = new FakeModels.Blocking(FakeModels.forward("Sure thing. Two pounds."));
        GenerativeEngine engine = builder().chatModel(model).description("fake blocking model").build();
        StreamCollector s = StreamCollector.start(engine.streamingChatModel(), Turns.request("order", COFFEE));
        assertEquals("Sure thing. Two pounds.", Turns.reply(s.response()).text());
        assertEquals(List.of("Sure thing.", " Two pounds."), s.pieces());
        ChatMessage last = model.requests().getFirst().messages().getLast();
        assertInstanceOf(SystemMessage.class, last, "the turn note comes after the conversation");
        assertInstanceOf(UserMessage.class, model.requests().getFirst().messages()
                .get(model.requests().getFirst().messages().size() - 2));
    }

    @Test
    void aModelThatIgnoresTheSchemaButWrapsJsonInAFenceIsUnderstood() {
        FakeModels.Blocking model = new FakeModels.Blocking(r -> "Here you go:\n```json\n"
                + FakeModels.forward("Two pounds, please.").apply(r) + "\n```");
        CharacterReply r = Turns.reply(builder().chatModel(model).build().chatModel()
                .chat(Turns.request("order", COFFEE)));
        assertEquals("Two pounds, please.", r.text());
        assertEquals(Optional.empty(), r.fallback());
    }

    @Test
    void theLatencyGuardSaysAFillerExactlyWhenTheBudgetHasPassed() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        FakeModels.Streaming slow = new FakeModels.Streaming(FakeModels.forward("Two pounds, please."), 4,
                Optional.of(gate));
        GenerativeEngine engine = builder().streamingChatModel(slow)
                .options(GenerativeOptions.defaults().withLatencyBudget(Duration.ofMillis(800))).build();
        StreamCollector s = StreamCollector.start(engine.streamingChatModel(), Turns.request("order", COFFEE));
        slow.awaitCalled();
        timer.advance(Duration.ofMillis(799));
        assertEquals(List.of(), s.pieces());
        timer.advance(Duration.ofMillis(1));
        assertEquals(List.of("Good question, give me a second..."), s.pieces());
        timer.advance(Duration.ofSeconds(5));
        assertEquals(1, s.pieces().size(), "one filler a turn");
        gate.countDown();
        assertEquals("Good question, give me a second... Two pounds, please.", Turns.reply(s.response()).text());
        assertEquals(Optional.of(Duration.ofMillis(800)), reports.getFirst().firstPiece());
        assertEquals(Duration.ofMillis(5_800), reports.getFirst().total());
    }

    @Test
    void aBlockingCallSaysNoFiller() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        FakeModels.Streaming slow = new FakeModels.Streaming(FakeModels.forward("Two pounds, please."), 4,
                Optional.of(gate));
        GenerativeEngine engine = builder().streamingChatModel(slow).build();
        Thread caller = Thread.ofPlatform().start(() -> {
            CharacterReply r = Turns.reply(engine.chatModel().chat(Turns.request("order", COFFEE)));
            assertEquals("Two pounds, please.", r.text());
        });
        slow.awaitCalled();
        timer.advance(Duration.ofSeconds(2));
        gate.countDown();
        caller.join(20_000);
        assertFalse(caller.isAlive());
        assertFalse(reports.getFirst().filler());
    }

    @Test
    void hybridModeCancelsTheSlowGeneration() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        FakeModels.Streaming slow = new FakeModels.Streaming(FakeModels.forward("Two pounds, please."), 4,
                Optional.of(gate));
        GenerativeEngine engine = builder().streamingChatModel(slow).options(GenerativeOptions.defaults()
                .withLatencyMode(GenerativeOptions.LatencyMode.HYBRID)).build();
        StreamCollector s = StreamCollector.start(engine.streamingChatModel(), Turns.request("order", COFFEE));
        slow.awaitCalled();
        timer.advance(Duration.ofMillis(1_500));
        assertEquals(Optional.of("latency"), Turns.reply(s.response()).fallback());
        gate.countDown();
        long end = System.nanoTime() + 5_000_000_000L;
        while (!slow.cancelled() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(slow.cancelled(), "the late generation is cancelled");
    }

    @Test
    void aModelThatThrowsGivesTheScriptedLineAndAnErrorNamingTheEngine() {
        FakeModels.Blocking broken = new FakeModels.Blocking(r -> {
            throw new IllegalStateException("native crash");
        });
        GenerativeEngine engine = builder().chatModel(broken).description("local model /models/x.gguf").build();
        CharacterReply r = Turns.reply(engine.chatModel().chat(Turns.request("order", COFFEE)));
        assertEquals(Optional.of("unavailable"), r.fallback());
        assertEquals("Coming up. That's two pounds. Card or cash?", r.text());
        String message = reports.getFirst().error().orElseThrow().getMessage();
        assertTrue(message.contains("local model /models/x.gguf") && message.contains("native crash"), message);
    }

    @Test
    void anEngineNeedsAModel() {
        AgentException e = assertThrows(AgentException.class, () -> builder().build());
        assertTrue(e.getMessage().contains("needs a chat model"), e.getMessage());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> GenerativeOptions.defaults()
                .withLatencyBudget(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> GenerativeOptions.defaults()
                .withTimeout(Duration.ofMillis(100)));
        assertThrows(IllegalArgumentException.class, () -> GenerativeOptions.defaults().withLengthCap(0, 100));
    }

    @Test
    void aWholePracticeSessionRunsOnTheGenerativeEngine() {
        FakeModels.Streaming model = new FakeModels.Streaming(r -> {
            String state = ((dev.langchain4j.model.chat.request.json.JsonEnumSchema)
                    ((dev.langchain4j.model.chat.request.json.JsonObjectSchema) r.parameters().responseFormat()
                            .jsonSchema().rootElement()).properties().get("nextState")).enumValues().getLast();
            return state.equals("pay")
                    ? StubInferenceServer.reply("Coming right up! That's two pounds.", "happy", List.of("ordered"), "pay")
                    : StubInferenceServer.reply("Thanks, have a lovely day!", "warm", List.of("paid"), "end");
        }, 5, Optional.empty());
        GenerativeEngine engine = builder().streamingChatModel(model).build();
        RecordingObserver events = new RecordingObserver();
        PracticeSession session = new PracticeSession(new SessionSetup("s-g", TestScenarios.kiosk(), "client-1",
                0.2, TestScenarios.easy()), engine.chatModel(), new SafetyCheck(Shared.embedder()), clock,
                List.of(events));
        assertEquals("Hello! What can I get you?", text(session.open().getFirst()));
        assertEquals("Coming right up! That's two pounds.", text(session.say(COFFEE).getFirst()));
        assertEquals("pay", session.state());
        assertEquals("Thanks, have a lovely day!", text(session.say("By card, please.").getFirst()));
        assertTrue(session.ended());
        assertEquals(List.of("ordered", "paid"), session.goalStepsReached());
        TurnRecord first = session.turns().getFirst();
        assertEquals(Optional.of("order_drink"), first.intent());
        assertEquals(2, model.requests().size());
    }

    private static String text(Frame f) {
        return ((CharacterUtterance) f).text();
    }
}
