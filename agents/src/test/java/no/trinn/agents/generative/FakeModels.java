package no.trinn.agents.generative;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import no.trinn.testkit.StubInferenceServer;

/**
 * In-process fake language models: they record each request and answer what a function of the request says, a
 * streaming one in chunks, optionally only after a gate opens (a slow model). They honour cancellation.
 */
final class FakeModels {
    private FakeModels() {
    }

    /** A reply that says {@code say} and moves to the last state the request's schema allows. */
    static Function<ChatRequest, String> forward(String say) {
        return request -> {
            JsonObjectSchema root = (JsonObjectSchema) request.parameters().responseFormat().jsonSchema()
                    .rootElement();
            List<String> allowed = ((JsonEnumSchema) root.properties().get("nextState")).enumValues();
            return StubInferenceServer.reply(say, "warm", List.of(), allowed.getLast());
        };
    }

    /** A streaming fake. */
    static final class Streaming implements StreamingChatModel {
        private final Function<ChatRequest, String> brain;
        private final int chunkChars;
        private final Optional<CountDownLatch> gate;
        private final List<ChatRequest> requests = new ArrayList<>();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final CountDownLatch called = new CountDownLatch(1);

        Streaming(Function<ChatRequest, String> brain, int chunkChars, Optional<CountDownLatch> gate) {
            this.brain = brain;
            this.chunkChars = chunkChars;
            this.gate = gate;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            synchronized (this) {
                requests.add(request);
            }
            called.countDown();
            try {
                if (gate.isPresent() && !gate.get().await(30, TimeUnit.SECONDS)) {
                    handler.onError(new IllegalStateException("the fake model's gate never opened"));
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            AtomicBoolean thisCall = new AtomicBoolean();
            StreamingHandle handle = new StreamingHandle() {
                @Override
                public void cancel() {
                    thisCall.set(true);
                    cancelled.set(true);
                }

                @Override
                public boolean isCancelled() {
                    return thisCall.get();
                }
            };
            String text = brain.apply(request);
            for (int i = 0; i < text.length(); i += chunkChars) {
                if (thisCall.get()) {
                    return;
                }
                handler.onPartialResponse(new PartialResponse(text.substring(i, Math.min(text.length(),
                        i + chunkChars))), new PartialResponseContext(handle));
            }
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(text)).build());
        }

        synchronized List<ChatRequest> requests() {
            return List.copyOf(requests);
        }

        /** Whether any call was cancelled. */
        boolean cancelled() {
            return cancelled.get();
        }

        void awaitCalled() throws InterruptedException {
            if (!called.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the fake model was never called");
            }
        }
    }

    /** A blocking fake. */
    static final class Blocking implements ChatModel {
        private final Function<ChatRequest, String> brain;
        private final List<ChatRequest> requests = new ArrayList<>();

        Blocking(Function<ChatRequest, String> brain) {
            this.brain = brain;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            synchronized (this) {
                requests.add(request);
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(brain.apply(request))).build();
        }

        synchronized List<ChatRequest> requests() {
            return List.copyOf(requests);
        }
    }
}
