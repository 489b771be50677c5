package no.trinn.agents.generative;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.trinn.agents.TestScenarios;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.dialogue.CharacterReplyMetadata;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.agents.dialogue.TurnRequestParameters;
import no.trinn.scenarios.Scenario;

/** Requests and a streaming collector for the generative engine's tests. */
final class Turns {
    private Turns() {
    }

    static TurnContext context(String state) {
        return context(TestScenarios.kiosk(), state, TestScenarios.easy());
    }

    static TurnContext context(Scenario scenario, String state, Map<String, Double> behaviour) {
        return new TurnContext(scenario, state, behaviour, List.of(), Optional.empty(), 0);
    }

    /** A client turn in the kiosk at {@code state}, after the opening line. */
    static ChatRequest request(String state, String clientText) {
        return request(context(state), clientText);
    }

    static ChatRequest request(TurnContext ctx, String clientText) {
        return ChatRequest.builder()
                .messages(SystemMessage.from(ctx.scenario().setting()), AiMessage.from("Hello! What can I get you?"),
                        UserMessage.from(clientText))
                .parameters(TurnRequestParameters.of(ctx)).build();
    }

    static CharacterReply reply(ChatResponse response) {
        return CharacterReplyMetadata.from(response).orElseThrow();
    }

    /** A streamed call in progress: the pieces so far and the complete response to come. */
    static final class Streamed implements StreamingChatResponseHandler {
        private final List<String> pieces = new ArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        static Streamed start(StreamingChatModel model, ChatRequest request) {
            Streamed s = new Streamed();
            model.chat(request, s);
            return s;
        }

        @Override
        public synchronized void onPartialResponse(String partial) {
            pieces.add(partial);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        synchronized List<String> pieces() {
            return List.copyOf(pieces);
        }

        ChatResponse response() throws Exception {
            return done.get(20, TimeUnit.SECONDS);
        }

        /** Waits until at least {@code n} pieces have arrived. */
        void awaitPieces(int n) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (pieces().size() < n) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("got " + pieces() + ", expected " + n + " pieces");
                }
                Thread.sleep(5);
            }
        }
    }
}
