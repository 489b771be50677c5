package no.trinn.agents.generative;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import no.trinn.agents.dialogue.TurnRequestParameters;
import no.trinn.core.Require;

/**
 * The {@link GenerativeEngine} as a streaming LangChain4j {@link StreamingChatModel}, a drop-in for the scripted
 * one: each sentence goes out as a partial response as soon as it has passed the guard rails (the first with no
 * leading space, later ones with one, so the pieces joined are the reply's text); a filler may come first when the
 * model is slow; then the complete response with the structured reply in its metadata. Returns at once; the handler
 * is called in order, from the engine's threads or the caller's. A request without a turn context is reported to
 * {@link StreamingChatResponseHandler#onError} as an {@link no.trinn.agents.AgentException}.
 */
public final class GenerativeStreamingChatModel implements StreamingChatModel {
    private final GenerativeEngine engine;

    /** The streaming face of {@code engine}. */
    public GenerativeStreamingChatModel(GenerativeEngine engine) {
        this.engine = Require.nonNull(engine, "engine");
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        try {
            engine.run(request, true, handler);
        } catch (RuntimeException e) {
            handler.onError(e);
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return TurnRequestParameters.none();
    }
}
