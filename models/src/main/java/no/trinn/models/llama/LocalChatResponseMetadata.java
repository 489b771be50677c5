package no.trinn.models.llama;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.Objects;
import no.trinn.core.Require;

/**
 * Metadata of a reply from a local model: LangChain4j's (model name = the GGUF file name, token usage = prompt
 * tokens and generated tokens, finish reason) plus the {@link GenerationTimings} of the call.
 */
public final class LocalChatResponseMetadata extends ChatResponseMetadata {
    private final GenerationTimings timings;

    private LocalChatResponseMetadata(Builder builder) {
        super(builder);
        this.timings = Require.nonNull(builder.timings, "timings");
    }

    /** What the call cost. */
    public GenerationTimings timings() {
        return timings;
    }

    @Override
    public Builder toBuilder() {
        Builder b = new Builder();
        toBuilder(b);
        return b.timings(timings);
    }

    /** A builder; {@link Builder#timings(GenerationTimings)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalChatResponseMetadata other && super.equals(other) && timings.equals(other.timings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), timings);
    }

    @Override
    public String toString() {
        return "LocalChatResponseMetadata{" + super.toString() + ", timings=" + timings + "}";
    }

    /** Builds {@link LocalChatResponseMetadata}. */
    public static final class Builder extends ChatResponseMetadata.Builder<Builder> {
        private GenerationTimings timings;

        /** Sets the timings of the call. */
        public Builder timings(GenerationTimings timings) {
            this.timings = timings;
            return this;
        }

        @Override
        public LocalChatResponseMetadata build() {
            return new LocalChatResponseMetadata(this);
        }
    }
}
