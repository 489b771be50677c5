package no.trinn.agents.dialogue;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import java.util.Objects;
import java.util.Optional;

/**
 * LangChain4j response metadata carrying the {@link CharacterReply} of a character engine, so the structured part
 * of an answer travels beside the spoken text through the ordinary {@code ChatModel} API.
 */
public final class CharacterReplyMetadata extends ChatResponseMetadata {
    private final CharacterReply reply;

    private CharacterReplyMetadata(Builder builder) {
        super(builder);
        this.reply = Objects.requireNonNull(builder.reply, "reply");
    }

    /** The structured reply. */
    public CharacterReply reply() {
        return reply;
    }

    /** Metadata for {@code reply} from the engine called {@code engine}. */
    public static CharacterReplyMetadata of(CharacterReply reply, String engine) {
        Builder b = new Builder();
        b.reply = reply;
        return b.modelName(engine).finishReason(FinishReason.STOP).build();
    }

    /** The character reply inside a chat response, if a character engine made it. */
    public static Optional<CharacterReply> from(ChatResponse response) {
        return response.metadata() instanceof CharacterReplyMetadata m ? Optional.of(m.reply) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharacterReplyMetadata m && super.equals(o) && m.reply.equals(reply);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + reply.hashCode();
    }

    @Override
    public String toString() {
        return "CharacterReplyMetadata{state=" + reply.nextState() + ", intent=" + reply.intent().orElse("-") + "}";
    }

    /** Builder; use {@link #of}. */
    public static final class Builder extends ChatResponseMetadata.Builder<Builder> {
        private CharacterReply reply;

        @Override
        public CharacterReplyMetadata build() {
            return new CharacterReplyMetadata(this);
        }
    }
}
