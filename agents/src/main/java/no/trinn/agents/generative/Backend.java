package no.trinn.agents.generative;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import no.trinn.core.Require;

/**
 * The model under the generative engine, called asynchronously: text arrives in pieces (one piece for a blocking
 * model), then the whole answer or an error. Calls run on a shared pool of daemon threads, never on the caller's,
 * so the latency guard and the time-out can act while a model computes.
 */
interface Backend {
    /** Receives one call's output; called from the backend's threads. */
    interface Sink {
        void text(String piece);

        void done(String whole);

        void failed(Throwable error);
    }

    /** Starts a call; the returned action cancels it as far as the model allows (its output is ignored anyway). */
    Runnable start(ChatRequest request, Sink sink);

    /** What the model is, for messages: e.g. {@code server http://host:8080/v1 (model qwen2.5)}. */
    String description();

    /** Runs model calls. */
    ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trinn-generative-call");
        t.setDaemon(true);
        return t;
    });

    /** A backend over a streaming model. */
    static Backend streaming(StreamingChatModel model, String description) {
        Require.nonNull(model, "model");
        Require.nonBlank(description, "description");
        return new Backend() {
            @Override
            public Runnable start(ChatRequest request, Sink sink) {
                AtomicBoolean cancelled = new AtomicBoolean();
                AtomicReference<StreamingHandle> handle = new AtomicReference<>();
                CALLS.execute(() -> {
                    try {
                        model.chat(request, new StreamingChatResponseHandler() {
                            @Override
                            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                                handle.set(context.streamingHandle());
                                if (cancelled.get()) {
                                    context.streamingHandle().cancel();
                                    return;
                                }
                                sink.text(partial.text());
                            }

                            @Override
                            public void onPartialResponse(String partial) {
                                if (!cancelled.get()) {
                                    sink.text(partial);
                                }
                            }

                            @Override
                            public void onCompleteResponse(ChatResponse response) {
                                String text = response.aiMessage() == null ? null : response.aiMessage().text();
                                sink.done(text == null ? "" : text);
                            }

                            @Override
                            public void onError(Throwable error) {
                                sink.failed(error);
                            }
                        });
                    } catch (RuntimeException e) {
                        sink.failed(e);
                    }
                });
                return () -> {
                    cancelled.set(true);
                    StreamingHandle h = handle.get();
                    if (h != null && !h.isCancelled()) {
                        h.cancel();
                    }
                };
            }

            @Override
            public String description() {
                return description;
            }
        };
    }

    /** A backend over a blocking model: the whole answer arrives as one piece. */
    static Backend blocking(ChatModel model, String description) {
        Require.nonNull(model, "model");
        Require.nonBlank(description, "description");
        return new Backend() {
            @Override
            public Runnable start(ChatRequest request, Sink sink) {
                CALLS.execute(() -> {
                    String text;
                    try {
                        ChatResponse response = model.chat(request);
                        text = response.aiMessage() == null ? null : response.aiMessage().text();
                    } catch (RuntimeException e) {
                        sink.failed(e);
                        return;
                    }
                    String whole = text == null ? "" : text;
                    sink.text(whole);
                    sink.done(whole);
                });
                return () -> { };
            }

            @Override
            public String description() {
                return description;
            }
        };
    }
}
