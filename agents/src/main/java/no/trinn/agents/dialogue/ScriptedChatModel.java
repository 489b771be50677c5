package no.trinn.agents.dialogue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * The {@link ScriptedEngine} as a LangChain4j {@link ChatModel}. The request must carry a {@link TurnContext}
 * ({@link TurnRequestParameters#of}); the last message is the client's turn if it is a user message, and a request
 * whose last message is not a user message asks for the opening line. The reply's structured part is in the
 * response metadata ({@link CharacterReplyMetadata#from}).
 */
public final class ScriptedChatModel implements ChatModel {
    private final ScriptedEngine engine;

    public ScriptedChatModel(ScriptedEngine engine) {
        this.engine = Require.nonNull(engine, "engine");
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return respond(engine, request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return TurnRequestParameters.none();
    }

    static ChatResponse respond(ScriptedEngine engine, ChatRequest request) {
        TurnContext ctx = TurnRequestParameters.require(request.parameters(), ScriptedEngine.NAME);
        CharacterReply reply = clientTurn(request.messages()).map(text -> engine.reply(ctx, Text.sanitise(text)))
                .orElseGet(() -> engine.opening(ctx));
        return ChatResponse.builder().aiMessage(AiMessage.from(reply.text()))
                .metadata(CharacterReplyMetadata.of(reply, ScriptedEngine.NAME)).build();
    }

    /** The client's words when the last message is a user message. */
    static Optional<String> clientTurn(List<ChatMessage> messages) {
        if (messages.isEmpty() || !(messages.getLast() instanceof UserMessage user)) {
            return Optional.empty();
        }
        return Optional.of(user.hasSingleText() ? user.singleText() : "");
    }
}
