package no.trinn.models.llama;

import de.kherud.llama.LlamaModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import no.trinn.core.Require;
import no.trinn.models.ModelsException;

/**
 * What both local chat models share: LangChain4j request to templated prompt, sampling settings and grammar; the
 * generation; the completion back to a LangChain4j response.
 */
final class ChatEngine {
    private static final int GRAMMAR_CACHE = 32;

    private final LlamaRuntime runtime;
    private final LocalChatOptions options;
    private final JsonSchemaText schemas;
    private final Map<String, String> grammars = new ConcurrentHashMap<>();

    /** A request made ready for llama.cpp. */
    record Prepared(String prompt, Sampling sampling, Optional<String> grammar) {
    }

    ChatEngine(LlamaRuntime runtime, LocalChatOptions options) {
        this.runtime = Require.nonNull(runtime, "runtime");
        this.options = Require.nonNull(options, "options");
        this.schemas = new JsonSchemaText(options.maxJsonStringLength(), options.maxJsonArrayItems());
    }

    LlamaRuntime runtime() {
        return runtime;
    }

    ChatRequestParameters defaultParameters() {
        return DefaultChatRequestParameters.builder()
                .temperature(options.temperature())
                .topP(options.topP())
                .topK(options.topK())
                .maxOutputTokens(options.maxOutputTokens())
                .build();
    }

    /** Maps {@code request}; throws {@link UnsupportedFeatureException} for tools and non-text content. */
    Prepared prepare(ChatRequest request) {
        ChatRequestParameters p = request.parameters();
        if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
            throw new UnsupportedFeatureException("tools are not supported by the local llama.cpp model");
        }
        String prompt = prompt(request.messages());
        Sampling sampling = new Sampling(
                or(p.temperature(), options.temperature()),
                or(p.topP(), options.topP()),
                p.topK() != null ? p.topK() : options.topK(),
                or(p.frequencyPenalty(), 0.0),
                or(p.presencePenalty(), 0.0),
                p.maxOutputTokens() != null ? p.maxOutputTokens() : options.maxOutputTokens(),
                p.stopSequences() == null ? List.of() : p.stopSequences(),
                options.seed());
        return new Prepared(prompt, sampling, grammar(p.responseFormat()));
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }

    /** The prompt for {@code messages}: system messages joined, then the turns, through the GGUF's chat template. */
    String prompt(List<ChatMessage> messages) {
        StringBuilder system = new StringBuilder();
        List<NativeModel.Turn> turns = new ArrayList<>();
        for (ChatMessage m : messages) {
            switch (m) {
                case SystemMessage s -> {
                    if (!system.isEmpty()) {
                        system.append("\n\n");
                    }
                    system.append(s.text());
                }
                case UserMessage u -> turns.add(new NativeModel.Turn(true, text(u)));
                case AiMessage a -> {
                    if (a.hasToolExecutionRequests()) {
                        throw new UnsupportedFeatureException("tool calls are not supported by the local model");
                    }
                    turns.add(new NativeModel.Turn(false, a.text() == null ? "" : a.text()));
                }
                default -> throw new UnsupportedFeatureException(m.type() + " messages are not supported by the "
                        + "local llama.cpp model");
            }
        }
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one user or AI message");
        }
        return runtime.model().applyTemplate(system.isEmpty() ? Optional.empty() : Optional.of(system.toString()),
                turns);
    }

    private static String text(UserMessage u) {
        if (u.hasSingleText()) {
            return u.singleText();
        }
        StringBuilder sb = new StringBuilder();
        for (Content c : u.contents()) {
            if (!(c instanceof TextContent t)) {
                throw new UnsupportedFeatureException(c.type() + " content is not supported by the local model");
            }
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    private Optional<String> grammar(ResponseFormat format) {
        if (format == null || format.type() != ResponseFormatType.JSON) {
            return Optional.empty();
        }
        String schema = format.jsonSchema() == null || format.jsonSchema().rootElement() == null
                ? JsonSchemaText.anyObject()
                : schemas.write(format.jsonSchema().rootElement());
        String cached = grammars.get(schema);
        if (cached != null) {
            return Optional.of(cached);
        }
        String grammar;
        try {
            grammar = LlamaModel.jsonSchemaToGrammar(schema);
        } catch (RuntimeException e) {
            throw new ModelsException("llama.cpp could not turn the JSON schema "
                    + (format.jsonSchema() == null ? "" : "'" + format.jsonSchema().name() + "' ")
                    + "into a grammar: " + e.getMessage(), e);
        }
        if (grammars.size() >= GRAMMAR_CACHE) {
            grammars.clear();
        }
        grammars.put(schema, grammar);
        return Optional.of(grammar);
    }

    Completion generate(Prepared prepared, BooleanSupplier cancelled, Consumer<String> onText) {
        return runtime.model().generate(prepared.prompt(), prepared.sampling(), prepared.grammar(), cancelled,
                onText);
    }

    ChatResponse response(Completion c) {
        FinishReason reason = switch (c.finish()) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            case CANCELLED -> FinishReason.OTHER;
        };
        GenerationTimings t = c.timings();
        LocalChatResponseMetadata metadata = LocalChatResponseMetadata.builder()
                .modelName(runtime.modelPath().getFileName().toString())
                .tokenUsage(new TokenUsage(t.promptTokens(), t.generatedTokens()))
                .finishReason(reason)
                .timings(t)
                .build();
        return ChatResponse.builder().aiMessage(AiMessage.from(c.text())).metadata(metadata).build();
    }
}
