package no.trinn.models.llama;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * LangChain4j {@link ChatModel} over a local GGUF model in a {@link LlamaRuntime}. Contract:
 * <ul>
 *   <li>The prompt is rendered with the chat template stored in the GGUF; system messages are joined into one system
 *       text at the start, user and AI messages become turns in order; tools, tool results and non-text content are
 *       rejected with {@link dev.langchain4j.exception.UnsupportedFeatureException}.</li>
 *   <li>Temperature, top-p, top-k, penalties, maximum output tokens and stop sequences come from the request,
 *       falling back to {@link LocalChatOptions}.</li>
 *   <li>A JSON response format forces JSON through a llama.cpp grammar built from its schema: every property is
 *       required, strings and arrays are bounded (see {@link LocalChatOptions}), so the reply parses.</li>
 *   <li>The call blocks until the reply ends; {@link #cancel()} from another thread ends it early (finish reason
 *       OTHER, {@link GenerationTimings#cancelled()} true, text produced so far).</li>
 *   <li>The response metadata is a {@link LocalChatResponseMetadata} with the call's {@link GenerationTimings}.</li>
 * </ul>
 * Thread-safe; calls are served one at a time (see {@link LlamaRuntime}). The model does not own the runtime.
 */
public final class LocalChatModel implements ChatModel {
    private final ChatEngine engine;
    private final Set<AtomicBoolean> inFlight = ConcurrentHashMap.newKeySet();

    /** A chat model on {@code runtime} with {@link LocalChatOptions#defaults()}. */
    public LocalChatModel(LlamaRuntime runtime) {
        this(runtime, LocalChatOptions.defaults());
    }

    /** A chat model on {@code runtime} with {@code options}. */
    public LocalChatModel(LlamaRuntime runtime, LocalChatOptions options) {
        this.engine = new ChatEngine(runtime, options);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatEngine.Prepared prepared = engine.prepare(request);
        AtomicBoolean cancelled = new AtomicBoolean();
        inFlight.add(cancelled);
        try {
            return engine.response(engine.generate(prepared, cancelled::get, text -> { }));
        } finally {
            inFlight.remove(cancelled);
        }
    }

    /** Cancels every call of this model in progress; returns whether there was one. Callable from any thread. */
    public boolean cancel() {
        boolean any = false;
        for (AtomicBoolean c : inFlight) {
            c.set(true);
            any = true;
        }
        return any;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return engine.defaultParameters();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }
}
