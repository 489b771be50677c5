package no.trinn.agents.dialogue;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.trinn.core.Require;

/**
 * The {@link ScriptedEngine} as a LangChain4j {@link StreamingChatModel}: the same answer as
 * {@link ScriptedChatModel}, delivered as one partial response per word (with its trailing space) and then the
 * complete response. Runs on the calling thread.
 */
public final class ScriptedStreamingChatModel implements StreamingChatModel {
    private static final Pattern WORD = Pattern.compile("\\S+\\s*");
    private final ScriptedEngine engine;

    public ScriptedStreamingChatModel(ScriptedEngine engine) {
        this.engine = Require.nonNull(engine, "engine");
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatResponse response;
        try {
            response = ScriptedChatModel.respond(engine, request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        Matcher m = WORD.matcher(response.aiMessage().text());
        while (m.find()) {
            handler.onPartialResponse(m.group());
        }
        handler.onCompleteResponse(response);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return TurnRequestParameters.none();
    }
}
