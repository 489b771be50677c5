package no.trinn.agents.dialogue;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * LangChain4j request parameters that carry a {@link TurnContext} to a character engine. The usual parameters
 * (temperature, maximum tokens, ...) are delegated; merging with a model's defaults keeps the turn context, which
 * LangChain4j's own parameter classes would drop.
 */
public final class TurnRequestParameters implements ChatRequestParameters {
    private final ChatRequestParameters delegate;
    private final Optional<TurnContext> context;

    private TurnRequestParameters(ChatRequestParameters delegate, Optional<TurnContext> context) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Parameters for one turn, with LangChain4j's defaults for everything else. */
    public static TurnRequestParameters of(TurnContext context) {
        return new TurnRequestParameters(DefaultChatRequestParameters.EMPTY, Optional.of(context));
    }

    /** Parameters without a turn context: the default parameters of a character engine. */
    public static TurnRequestParameters none() {
        return new TurnRequestParameters(DefaultChatRequestParameters.EMPTY, Optional.empty());
    }

    /** The turn context, if the request carries one. */
    public Optional<TurnContext> context() {
        return context;
    }

    /** The turn context a request must carry; an {@link no.trinn.agents.AgentException} naming the engine if not. */
    public static TurnContext require(ChatRequestParameters parameters, String engine) {
        if (parameters instanceof TurnRequestParameters t && t.context.isPresent()) {
            return t.context.get();
        }
        throw new no.trinn.agents.AgentException("the " + engine + " engine needs a turn context: build the request"
                + " with TurnRequestParameters.of(context)");
    }

    @Override
    public ChatRequestParameters overrideWith(ChatRequestParameters that) {
        if (that instanceof TurnRequestParameters t) {
            return new TurnRequestParameters(delegate.overrideWith(t.delegate), t.context.or(() -> context));
        }
        return new TurnRequestParameters(delegate.overrideWith(that), context);
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public Double temperature() {
        return delegate.temperature();
    }

    @Override
    public Double topP() {
        return delegate.topP();
    }

    @Override
    public Integer topK() {
        return delegate.topK();
    }

    @Override
    public Double frequencyPenalty() {
        return delegate.frequencyPenalty();
    }

    @Override
    public Double presencePenalty() {
        return delegate.presencePenalty();
    }

    @Override
    public Integer maxOutputTokens() {
        return delegate.maxOutputTokens();
    }

    @Override
    public List<String> stopSequences() {
        return delegate.stopSequences();
    }

    @Override
    public List<ToolSpecification> toolSpecifications() {
        return delegate.toolSpecifications();
    }

    @Override
    public ToolChoice toolChoice() {
        return delegate.toolChoice();
    }

    @Override
    public ResponseFormat responseFormat() {
        return delegate.responseFormat();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TurnRequestParameters t && t.delegate.equals(delegate) && t.context.equals(context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(delegate, context);
    }

    @Override
    public String toString() {
        // never the scenario's text: only where the turn stands
        return "TurnRequestParameters{state=" + context.map(TurnContext::stateId).orElse("-") + "}";
    }
}
