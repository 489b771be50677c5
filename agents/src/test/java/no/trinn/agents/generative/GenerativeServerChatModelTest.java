package no.trinn.agents.generative;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Optional;
import no.trinn.agents.dialogue.ChatModelContract;
import no.trinn.testkit.StubInferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The generative engine over an OpenAI-compatible server (a stub on loopback whose model always answers a valid
 * reply) passes the engine contract every character ChatModel passes: blocking calls go without streaming, streamed
 * ones with {@code stream=true}.
 */
class GenerativeServerChatModelTest extends ChatModelContract {
    private static StubInferenceServer server;
    private static GenerativeEngine engine;

    @BeforeAll
    static void start() {
        server = StubInferenceServer.valid();
        engine = GenerativeEngines.server(server.baseUrl(), "stub-model", Optional.empty(),
                GenerativeOptions.defaults(), GenerativeEngines.Parts.of(Shared.scripted(), Shared.guardRails()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected ChatModel model() {
        return engine.chatModel();
    }

    @Override
    protected StreamingChatModel streamingModel() {
        return engine.streamingChatModel();
    }
}
