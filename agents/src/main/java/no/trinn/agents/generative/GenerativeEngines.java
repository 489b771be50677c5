package no.trinn.agents.generative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import no.trinn.agents.AgentException;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.core.Clock;
import no.trinn.core.Require;
import no.trinn.core.TrinnException;
import no.trinn.models.llama.LlamaRuntime;
import no.trinn.models.llama.LocalChatModel;
import no.trinn.models.llama.LocalChatOptions;
import no.trinn.models.llama.LocalStreamingChatModel;

/**
 * Factories of generative engines for the command line and the configuration file. Each engine falls back to a
 * scripted engine and checks with guard rails (its {@link Parts}), which the caller builds once per process from the
 * sentence-embedding model.
 */
public final class GenerativeEngines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenerativeEngines() {
    }

    /**
     * What every generative engine is built with besides its model.
     *
     * @param scripted the scripted engine: metrics of the client's words, authored turns, fallback lines
     * @param guardRails the guard rails
     * @param timer the timer of the latency guard and time-out
     * @param clock the clock timings are measured with
     * @param onTurn receives a report of every turn (reason codes and timings)
     */
    public record Parts(ScriptedEngine scripted, GuardRails guardRails, TurnTimer timer, Clock clock,
            Consumer<TurnReport> onTurn) {
        public Parts {
            Require.nonNull(scripted, "scripted");
            Require.nonNull(guardRails, "guardRails");
            Require.nonNull(timer, "timer");
            Require.nonNull(clock, "clock");
            Require.nonNull(onTurn, "onTurn");
        }

        /** Parts on the system timer and clock, with no turn listener. */
        public static Parts of(ScriptedEngine scripted, GuardRails guardRails) {
            return new Parts(scripted, guardRails, TurnTimer.system(), Clock.system(), r -> { });
        }

        GenerativeEngine.Builder builder() {
            return GenerativeEngine.builder(scripted, guardRails).timer(timer).clock(clock).onTurn(onTurn);
        }
    }

    /**
     * An engine over an OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio, ...): blocking calls
     * use {@code /chat/completions} without streaming, streamed calls with {@code stream=true}; the reply format is
     * sent as a JSON schema ({@code response_format}). Nothing is sent until the first turn; a server that cannot be
     * reached then gives the scripted line and an {@link AgentException} naming the URL in the turn report. Use
     * {@link #serverModels} to check a server first.
     *
     * @param baseUrl the API's base URL, e.g. {@code http://localhost:11434/v1} (Ollama) or
     *     {@code http://localhost:8080/v1} (llama.cpp server)
     * @param model the model name the server knows, e.g. {@code qwen2.5:1.5b-instruct}
     * @param apiKey a key, sent as a bearer token, if the server wants one (never logged or shown)
     * @throws AgentException naming the URL if it is no http(s) URL
     */
    public static GenerativeEngine server(String baseUrl, String model, Optional<String> apiKey,
            GenerativeOptions options, Parts parts) {
        String url = normalise(baseUrl);
        Require.nonBlank(model, "model");
        Require.nonNull(apiKey, "apiKey");
        Require.nonNull(options, "options");
        Require.nonNull(parts, "parts");
        String key = apiKey.filter(k -> !k.isBlank()).orElse(null);
        OpenAiChatModel blocking = OpenAiChatModel.builder().baseUrl(url).modelName(model).apiKey(key)
                .timeout(options.timeout()).maxRetries(0).strictJsonSchema(true).logRequests(false)
                .logResponses(false).build();
        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(url).modelName(model)
                .apiKey(key).timeout(options.timeout()).strictJsonSchema(true).logRequests(false)
                .logResponses(false).build();
        return parts.builder().chatModel(blocking).streamingChatModel(streaming)
                .description("server " + url + " (model " + model + ")").options(options).build();
    }

    /**
     * An engine over a local GGUF chat model run by llama.cpp ({@link LocalChatModel} for blocking calls,
     * {@link LocalStreamingChatModel} for streamed ones), with {@link LlamaRuntime.Options#defaults()}.
     *
     * @see #local(Path, LlamaRuntime.Options, GenerativeOptions, Parts)
     */
    public static GenerativeEngine local(Path gguf, GenerativeOptions options, Parts parts) {
        return local(gguf, LlamaRuntime.Options.defaults(), options, parts);
    }

    /**
     * An engine over a local GGUF chat model run by llama.cpp. The model is loaded now, once per process
     * ({@link LlamaRuntime#shared}: every engine on the same file shares it, and calls are served one at a time);
     * the process releases it with {@link LlamaRuntime#closeAll()} and must end with {@link LlamaRuntime#exit} (a
     * native thread would keep it alive). The reply format is forced by a grammar made from the JSON schema. The
     * local model joins every system message into one at the start, so a turn note asked to go after the
     * conversation goes into the last user message instead ({@link GenerativeOptions.TurnNote#IN_USER_MESSAGE}),
     * which keeps the conversation before it in the prompt cache.
     *
     * @throws AgentException naming the file if it is missing or cannot be loaded as a chat model
     */
    public static GenerativeEngine local(Path gguf, LlamaRuntime.Options runtimeOptions, GenerativeOptions options,
            Parts parts) {
        Require.nonNull(gguf, "gguf");
        Require.nonNull(runtimeOptions, "runtimeOptions");
        Require.nonNull(options, "options");
        Require.nonNull(parts, "parts");
        LlamaRuntime runtime;
        try {
            runtime = LlamaRuntime.shared(gguf, runtimeOptions);
        } catch (TrinnException | UnsatisfiedLinkError e) {
            throw new AgentException("cannot load the local chat model " + gguf.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        LocalChatOptions local = LocalChatOptions.defaults().withMaxOutputTokens(options.maxOutputTokens())
                .withMaxJsonStringLength(options.maxChars() + 40);
        GenerativeOptions adapted = options.turnNote() == GenerativeOptions.TurnNote.AFTER_CONVERSATION
                ? options.withTurnNote(GenerativeOptions.TurnNote.IN_USER_MESSAGE) : options;
        return parts.builder().chatModel(new LocalChatModel(runtime, local))
                .streamingChatModel(new LocalStreamingChatModel(runtime, local))
                .description("local model " + gguf.toAbsolutePath()).options(adapted).build();
    }

    /**
     * The model names an OpenAI-compatible server offers ({@code GET <baseUrl>/models}), to check before a session
     * that it is up and has the model.
     *
     * @throws AgentException naming the URL if the server cannot be reached, refuses, or answers something else
     */
    public static List<String> serverModels(String baseUrl, Optional<String> apiKey, Duration timeout) {
        String url = normalise(baseUrl) + "/models";
        Require.nonNull(apiKey, "apiKey");
        Require.nonNull(timeout, "timeout");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        apiKey.filter(k -> !k.isBlank()).ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build()) {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AgentException("cannot reach the inference server at " + url + ": " + Turn.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while asking the inference server at " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new AgentException("the inference server at " + url + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 || response.statusCode() == 403 ? " (check the API key)" : ""));
        }
        try {
            JsonNode data = JSON.readTree(response.body()).path("data");
            List<String> ids = new ArrayList<>();
            data.forEach(m -> {
                if (m.path("id").isTextual()) {
                    ids.add(m.path("id").asText());
                }
            });
            if (!data.isArray()) {
                throw new AgentException("the inference server at " + url + " answered without a 'data' list of"
                        + " models; is it OpenAI-compatible?");
            }
            return List.copyOf(ids);
        } catch (IOException e) {
            throw new AgentException("the inference server at " + url + " answered something that is not JSON",
                    e);
        }
    }

    /** {@code baseUrl} without a trailing slash; an {@link AgentException} if it is no http(s) URL. */
    static String normalise(String baseUrl) {
        Require.nonNull(baseUrl, "baseUrl");
        String url = baseUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new AgentException("the inference server URL '" + baseUrl + "' must be an http or https URL,"
                        + " e.g. http://localhost:11434/v1");
            }
        } catch (URISyntaxException e) {
            throw new AgentException("the inference server URL '" + baseUrl + "' is not a URL: " + e.getMessage(),
                    e);
        }
        return url;
    }
}
