package no.trinn.models.llama;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import no.trinn.core.Require;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LangChain4j {@link StreamingChatModel} over a local GGUF model in a {@link LlamaRuntime}; maps requests as
 * {@link LocalChatModel} does. Contract:
 * <ul>
 *   <li>{@code chat} returns at once; the reply is generated on another thread (a new daemon thread per call unless
 *       an executor is given) and streamed through
 *       {@link StreamingChatResponseHandler#onPartialResponse(PartialResponse, PartialResponseContext)}, one call per
 *       non-empty piece of text (a piece may hold several tokens); the pieces concatenated equal the text of the
 *       {@link ChatResponse} passed to {@code onCompleteResponse}, whose metadata is a
 *       {@link LocalChatResponseMetadata}.</li>
 *   <li>Cancelling, through the {@link StreamingHandle} of the partial-response context or through {@link #cancel()}
 *       from any thread (barge-in), stops generation before the next piece of text; after it the handler gets no
 *       further call, neither partial nor complete nor error (LangChain4j's convention). The model is free for the
 *       next call within about one token's time.</li>
 *   <li>An exception thrown by {@code onPartialResponse} is passed to {@code onError} and streaming goes on; one
 *       thrown by {@code onCompleteResponse} is passed to {@code onError}; failures of the model end the call with
 *       {@code onError}.</li>
 * </ul>
 * The model does not own the runtime.
 */
public final class LocalStreamingChatModel implements StreamingChatModel {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStreamingChatModel.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ChatEngine engine;
    private final Executor executor;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

    /** A streaming model on {@code runtime} with {@link LocalChatOptions#defaults()}. */
    public LocalStreamingChatModel(LlamaRuntime runtime) {
        this(runtime, LocalChatOptions.defaults());
    }

    /** A streaming model on {@code runtime} with {@code options}, generating on a new daemon thread per call. */
    public LocalStreamingChatModel(LlamaRuntime runtime, LocalChatOptions options) {
        this(runtime, options, task -> {
            Thread t = new Thread(task, "trinn-llama-stream-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * A streaming model on {@code runtime} with {@code options}, generating on {@code executor} (which must not run
     * tasks on the calling thread if callers expect {@code chat} to return at once).
     */
    public LocalStreamingChatModel(LlamaRuntime runtime, LocalChatOptions options, Executor executor) {
        this.engine = new ChatEngine(runtime, options);
        this.executor = Require.nonNull(executor, "executor");
    }

    /** One streaming call; its handle cancels it. */
    private static final class Call implements StreamingHandle {
        private volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatEngine.Prepared prepared;
        try {
            prepared = engine.prepare(request);
        } catch (RuntimeException e) {
            error(handler, e);
            return;
        }
        Call call = new Call();
        inFlight.add(call);
        try {
            executor.execute(() -> stream(prepared, call, handler));
        } catch (RejectedExecutionException e) {
            inFlight.remove(call);
            error(handler, e);
        }
    }

    private void stream(ChatEngine.Prepared prepared, Call call, StreamingChatResponseHandler handler) {
        try {
            PartialResponseContext context = new PartialResponseContext(call);
            Completion c = engine.generate(prepared, call::isCancelled, text -> {
                try {
                    handler.onPartialResponse(new PartialResponse(text), context);
                } catch (RuntimeException e) {
                    error(handler, e);
                }
            });
            if (call.isCancelled() || c.finish() == Completion.Finish.CANCELLED) {
                return;
            }
            ChatResponse response = engine.response(c);
            try {
                handler.onCompleteResponse(response);
            } catch (RuntimeException e) {
                error(handler, e);
            }
        } catch (RuntimeException | Error e) {
            if (!call.isCancelled()) {
                error(handler, e);
            }
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            inFlight.remove(call);
        }
    }

    private static void error(StreamingChatResponseHandler handler, Throwable e) {
        try {
            handler.onError(e);
        } catch (RuntimeException ignored) {
            LOG.debug("onError of a streaming handler threw; ignored", ignored);
        }
    }

    /**
     * Cancels every streaming call of this model in progress, from any thread (barge-in); returns whether there was
     * one. Returns at once; generation stops before its next piece of text.
     */
    public boolean cancel() {
        boolean any = false;
        for (Call c : inFlight) {
            c.cancel();
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
