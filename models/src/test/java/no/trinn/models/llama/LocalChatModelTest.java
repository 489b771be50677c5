package no.trinn.models.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.trinn.models.gguf.GgufWriter;
import no.trinn.models.gguf.ModelShape;
import no.trinn.models.gguf.WeightType;
import no.trinn.testkit.StreamCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole local path on a tiny random-weight model written by the test: a few hundred KB, no download. */
class LocalChatModelTest {
    private static final String SYSTEM = "You are Marit, a friendly pharmacist. Answer in one short sentence.";

    @TempDir
    static Path dir;
    static Path file;
    static LlamaRuntime runtime;

    @BeforeAll
    static void load() {
        file = GgufWriter.write(dir.resolve("tiny.gguf"), ModelShape.tiny(), WeightType.Q8_0, 11);
        runtime = LlamaRuntime.shared(file, new LlamaRuntime.Options(2, 2048, 512, false, true));
    }

    @AfterAll
    static void close() {
        runtime.close();
    }

    private static LocalChatOptions options(int maxTokens) {
        return LocalChatOptions.defaults().withMaxOutputTokens(maxTokens).withSeed(5);
    }

    private static GenerationTimings timings(ChatResponse r) {
        return assertInstanceOf(LocalChatResponseMetadata.class, r.metadata()).timings();
    }

    @Test
    void loadsTheModelOnce() {
        assertTrue(runtime.isOpen());
        assertEquals("llama", runtime.info().architecture());
        assertEquals(2048, runtime.contextSize());
        assertTrue(runtime.loadTime().toNanos() > 0);
        assertEquals(GgufWriter.CHAT_TEMPLATE, runtime.chatTemplate().orElseThrow());
        try (LlamaRuntime again = LlamaRuntime.shared(file, runtime.options())) {
            assertTrue(again.model() == runtime.model(), "one native model per file");
        }
        assertTrue(runtime.isOpen(), "closing one handle keeps the model for the others");
    }

    @Test
    void promptIsRenderedWithTheTemplateInTheGguf() {
        String prompt = new ChatEngine(runtime, options(8)).prompt(List.of(SystemMessage.from(SYSTEM),
                UserMessage.from("Hello"), AiMessage.from("Hi there"), UserMessage.from("A coffee, please")));
        assertEquals("<|im_start|>system\n" + SYSTEM + "<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
                + "<|im_start|>assistant\nHi there<|im_end|>\n<|im_start|>user\nA coffee, please<|im_end|>\n"
                + "<|im_start|>assistant\n", prompt);
    }

    @Test
    void blockingReplyIsNonEmptyWithTimings() {
        ChatResponse r = new LocalChatModel(runtime, options(16)).chat(List.of(SystemMessage.from(SYSTEM),
                UserMessage.from("Hello")));
        assertFalse(r.aiMessage().text().isEmpty());
        GenerationTimings t = timings(r);
        assertTrue(t.promptTokens() > 10);
        assertTrue(t.generatedTokens() > 0 && t.generatedTokens() <= 16);
        assertTrue(t.firstText().isPresent());
        assertFalse(t.cancelled());
        assertTrue(t.llamaCpp().isPresent(), "native timings were asked for");
        assertEquals(t.promptTokens(), r.tokenUsage().inputTokenCount());
        assertEquals("tiny.gguf", r.modelName());
    }

    @Test
    void streamedPiecesConcatenateToTheCompleteText() throws Exception {
        Thread caller = Thread.currentThread();
        StreamCollector stream = StreamCollector.start(new LocalStreamingChatModel(runtime, options(24)),
                ChatRequest.builder().messages(UserMessage.from("Tell me a story")).build());
        ChatResponse r = stream.response();
        List<String> pieces = stream.pieces();
        assertFalse(pieces.isEmpty());
        assertTrue(pieces.stream().noneMatch(String::isEmpty));
        assertEquals(String.join("", pieces), r.aiMessage().text());
        assertTrue(stream.threads().stream().noneMatch(t -> t == caller), "streams on its own thread");
        assertTrue(List.of(FinishReason.STOP, FinishReason.LENGTH).contains(r.finishReason()));
    }

    @Test
    void cancellingThroughTheHandleStopsTheStream() throws Exception {
        int max = 1500;
        AtomicInteger pieces = new AtomicInteger();
        AtomicInteger afterCancel = new AtomicInteger();
        CountDownLatch cancelled = new CountDownLatch(1);
        CompletableFuture<Object> ended = new CompletableFuture<>();
        LocalStreamingChatModel model = new LocalStreamingChatModel(runtime, options(max));
        model.chat(List.of(UserMessage.from("Talk for a long time")), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                if (context.streamingHandle().isCancelled()) {
                    afterCancel.incrementAndGet();
                }
                if (pieces.incrementAndGet() == 3) {
                    context.streamingHandle().cancel();
                    cancelled.countDown();
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                ended.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(error);
            }
        });
        assertTrue(cancelled.await(60, TimeUnit.SECONDS));
        // the model is free again once the cancelled generation stopped: a new call gets its full answer
        ChatResponse next = new LocalChatModel(runtime, options(4)).chat(List.of(UserMessage.from("Hi")));
        assertFalse(next.aiMessage().text().isEmpty());
        assertEquals(3, pieces.get(), "no piece after the cancel");
        assertEquals(0, afterCancel.get());
        assertFalse(ended.isDone(), "no completion and no error after a cancel: " + ended.getNow(null));
    }

    @Test
    void cancelFromAnotherThreadStopsGenerationEarly() throws Exception {
        int max = 1500;
        LocalStreamingChatModel model = new LocalStreamingChatModel(runtime, options(max));
        CountDownLatch firstPiece = new CountDownLatch(1);
        AtomicInteger pieces = new AtomicInteger();
        model.chat(List.of(UserMessage.from("Talk for a long time")), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                pieces.incrementAndGet();
                firstPiece.countDown();
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
            }

            @Override
            public void onError(Throwable error) {
            }
        });
        assertTrue(firstPiece.await(60, TimeUnit.SECONDS));
        Thread bargeIn = new Thread(model::cancel);
        bargeIn.start();
        bargeIn.join();
        ChatResponse next = new LocalChatModel(runtime, options(4)).chat(List.of(UserMessage.from("Hi")));
        assertFalse(next.aiMessage().text().isEmpty());
        assertTrue(pieces.get() < max, "stopped after " + pieces.get() + " pieces");

        // the same, measured at the runtime: the cancelled generation reports fewer tokens than its limit
        AtomicInteger seen = new AtomicInteger();
        Completion c = runtime.model().generate(new ChatEngine(runtime, options(max))
                        .prompt(List.of(UserMessage.from("Talk"))),
                new Sampling(0.8, 0.95, 40, 0, 0, max, List.of(), OptionalInt.of(3)), Optional.empty(),
                () -> seen.get() >= 5, text -> seen.incrementAndGet());
        assertEquals(Completion.Finish.CANCELLED, c.finish());
        assertTrue(c.timings().cancelled());
        assertTrue(c.timings().generatedTokens() < max, "generated " + c.timings().generatedTokens());
        assertEquals(5, seen.get());
    }

    @Test
    void blockingCallCancelledFromAnotherThreadReturnsWhatItHad() throws Exception {
        LocalChatModel model = new LocalChatModel(runtime, options(1500));
        CompletableFuture<ChatResponse> reply = CompletableFuture.supplyAsync(
                () -> model.chat(List.of(UserMessage.from("Talk for a long time"))));
        while (!reply.isDone() && !model.cancel()) {
            Thread.sleep(1);
        }
        ChatResponse r = reply.get(60, TimeUnit.SECONDS);
        assertTrue(timings(r).cancelled());
        assertEquals(FinishReason.OTHER, r.finishReason());
        assertTrue(timings(r).generatedTokens() < 1500);
    }

    @Test
    void followUpTurnReusesThePromptCache() {
        LocalChatModel model = new LocalChatModel(runtime, options(6));
        String system = SYSTEM + " Today is a quiet day at the pharmacy on the main street of the town, and the "
                + "queue is short. " + System.nanoTime();
        List<ChatMessage> first = List.of(SystemMessage.from(system), UserMessage.from("Hello, I need help."));
        ChatResponse r1 = model.chat(first);
        List<ChatMessage> second = new ArrayList<>(first);
        second.add(AiMessage.from("Of course."));
        second.add(UserMessage.from("Thanks."));
        ChatResponse r2 = model.chat(second);
        int evaluated1 = timings(r1).promptTokensEvaluated().orElseThrow();
        int evaluated2 = timings(r2).promptTokensEvaluated().orElseThrow();
        assertTrue(evaluated1 > timings(r1).promptTokens() / 2, "first turn evaluates its prompt: " + evaluated1);
        assertTrue(evaluated2 < timings(r2).promptTokens() / 2, "follow-up evaluated " + evaluated2 + " of "
                + timings(r2).promptTokens());
        assertTrue(evaluated2 < evaluated1, evaluated2 + " < " + evaluated1);
    }

    @Test
    void jsonSchemaForcesParseableJsonWithEveryField() throws Exception {
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("say", new JsonStringSchema())
                .addProperty("affect", JsonEnumSchema.builder().enumValues("calm", "happy", "annoyed").build())
                .addProperty("goalMet", new JsonBooleanSchema())
                .addProperty("step", new JsonIntegerSchema())
                .addProperty("gestures", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                .required("say", "affect")
                .build();
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("reply").rootElement(root).build()).build();
        LocalChatModel model = new LocalChatModel(runtime, LocalChatOptions.defaults().withMaxOutputTokens(400)
                .withMaxJsonStringLength(12).withSeed(9));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 3; i++) {
            ChatResponse r = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from(SYSTEM), UserMessage.from("Reply in JSON " + i))
                    .responseFormat(format).build());
            JsonNode node = json.readTree(r.aiMessage().text());
            assertTrue(node.get("say").isTextual(), r.aiMessage().text());
            assertTrue(Set.of("calm", "happy", "annoyed").contains(node.get("affect").asText()));
            assertTrue(node.get("goalMet").isBoolean());
            assertTrue(node.get("step").isIntegralNumber());
            assertTrue(node.get("gestures").isArray());
            assertEquals(FinishReason.STOP, r.finishReason());
        }
    }

    @Test
    void twoThreadsSharingOneModelBothGetAnswers() throws Exception {
        List<CompletableFuture<ChatResponse>> replies = new ArrayList<>();
        List<LlamaRuntime> handles = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            LlamaRuntime handle = LlamaRuntime.shared(file, runtime.options());
            handles.add(handle);
            LocalChatModel model = new LocalChatModel(handle, options(12));
            String text = "Session " + i + " says hello";
            replies.add(CompletableFuture.supplyAsync(() -> model.chat(List.of(UserMessage.from(text)))));
        }
        for (CompletableFuture<ChatResponse> reply : replies) {
            ChatResponse r = reply.get(60, TimeUnit.SECONDS);
            assertNotNull(r.aiMessage().text());
            assertFalse(r.aiMessage().text().isEmpty());
        }
        handles.forEach(LlamaRuntime::close);
        assertTrue(runtime.isOpen());
    }
}
