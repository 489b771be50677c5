package no.trinn.agents.generative;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import no.trinn.agents.dialogue.CharacterReplyMetadata;
import no.trinn.agents.dialogue.TurnRequestParameters;
import no.trinn.core.Require;

/**
 * The {@link GenerativeEngine} as a blocking LangChain4j {@link ChatModel}, a drop-in for the scripted one: the
 * request must carry a turn context ({@link TurnRequestParameters#of}); the last message is the client's turn if it
 * is a user message, otherwise the opening line is asked for. The reply is checked whole before it is returned (a
 * failing sentence anywhere makes it the scripted line); its structured part is in the response metadata
 * ({@link CharacterReplyMetadata#from}). The latency guard's filler does not apply (nothing is heard before the
 * whole reply); its hybrid mode does, on the whole reply. Blocks at most the engine's time-out plus a grace period.
 */
public final class GenerativeChatModel implements ChatModel {
    private final GenerativeEngine engine;

    /** The blocking face of {@code engine}. */
    public GenerativeChatModel(GenerativeEngine engine) {
        this.engine = Require.nonNull(engine, "engine");
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return engine.chat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return TurnRequestParameters.none();
    }
}
