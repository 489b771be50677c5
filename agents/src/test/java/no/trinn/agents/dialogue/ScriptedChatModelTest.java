package no.trinn.agents.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Optional;
import no.trinn.agents.TestScenarios;
import no.trinn.models.MiniLmEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scripted engine passes the engine contract, and behaves as authored. */
class ScriptedChatModelTest extends ChatModelContract {
    private static ScriptedEngine engine;

    @BeforeAll
    static void load() {
        engine = new ScriptedEngine(new IntentMatcher(new MiniLmEmbedder()));
    }

    @Override
    protected ChatModel model() {
        return new ScriptedChatModel(engine);
    }

    @Override
    protected StreamingChatModel streamingModel() {
        return new ScriptedStreamingChatModel(engine);
    }

    private static CharacterReply turn(String state, String text, List<String> recent, Optional<String> last,
            double complexity) {
        var values = new java.util.HashMap<>(TestScenarios.easy());
        values.put("complexity", complexity);
        TurnContext ctx = new TurnContext(TestScenarios.kiosk(), state, values, recent, last, 0);
        return CharacterReplyMetadata.from(new ScriptedChatModel(engine).chat(ChatRequest.builder()
                .messages(UserMessage.from(text)).parameters(TurnRequestParameters.of(ctx)).build()))
                .orElseThrow();
    }

    @Test
    void aParaphraseMovesToTheNextStateWithReplyAndNextLine() {
        CharacterReply r = turn("order", "Could I have a cup of tea?", List.of(), Optional.empty(), 0.2);
        assertEquals(Optional.of("order_drink"), r.intent());
        assertEquals("pay", r.nextState());
        assertEquals(List.of("ordered"), r.goalSteps());
        assertEquals("Coming up. That's two pounds. Card or cash?", r.text());
        assertTrue(r.confidence() >= 0.6, "confidence " + r.confidence());
    }

    @Test
    void offTopicWordsGetTheRepromptAndStayInTheState() {
        CharacterReply r = turn("order", "My football team lost again on Saturday.", List.of(), Optional.empty(),
                0.8);
        assertFalse(r.understood());
        assertEquals("order", r.nextState());
        assertEquals("Sorry, what would you like?", r.text());
        assertTrue(r.confidence() < 0.6, "confidence " + r.confidence());
    }

    @Test
    void lowComplexityRepromptsWithTheSimplerQuestion() {
        CharacterReply r = turn("order", "The weather is nice today.", List.of(), Optional.empty(), 0.1);
        assertEquals("Tea or coffee?", r.text());
    }

    @Test
    void aRepeatRequestRepeatsTheLastLineWhateverTheState() {
        for (String ask : List.of("Sorry, what?", "Could you say that again?", "Pardon?")) {
            CharacterReply r = turn("pay", ask, List.of(), Optional.of("That's two pounds. Card or cash?"), 0.2);
            assertTrue(r.repair(), ask);
            assertEquals("pay", r.nextState());
            assertTrue(r.text().endsWith("That's two pounds. Card or cash?"), r.text());
        }
    }

    @Test
    void shortAnswersMatchThroughWordOverlap() {
        assertEquals(Optional.of("pay_cash"), turn("pay", "cash", List.of(), Optional.empty(), 0.2).intent());
        assertEquals(Optional.of("pay_card"), turn("pay", "card", List.of(), Optional.empty(), 0.2).intent());
    }
}
