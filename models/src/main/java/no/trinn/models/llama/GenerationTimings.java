package no.trinn.models.llama;

import java.time.Duration;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * What one call to the local model cost, measured by the project around the native calls, with llama.cpp's own
 * figures beside them when the runtime was opened with {@link LlamaRuntime.Options#nativeTimings()}.
 *
 * @param promptTokens    tokens in the whole templated prompt (cached or not)
 * @param generatedTokens tokens generated: llama.cpp's count when known, otherwise the reply re-tokenized
 * @param waited          time spent waiting for the model (one generation at a time per process)
 * @param firstText       from the call to the first non-empty piece of text, if any text came
 * @param total           from the call until generation ended
 * @param cancelled       whether the generation was cancelled before it ended by itself
 * @param llamaCpp        llama.cpp's own timings of the same generation, if they were asked for and printed
 */
public record GenerationTimings(int promptTokens, int generatedTokens, Duration waited, Optional<Duration> firstText,
                                Duration total, boolean cancelled, Optional<LlamaCppTimings> llamaCpp) {
    public GenerationTimings {
        Require.inRange(promptTokens, 0, Integer.MAX_VALUE, "promptTokens");
        Require.inRange(generatedTokens, 0, Integer.MAX_VALUE, "generatedTokens");
        Require.nonNull(waited, "waited");
        Require.nonNull(firstText, "firstText");
        Require.nonNull(total, "total");
        Require.nonNull(llamaCpp, "llamaCpp");
    }

    /** Prompt tokens llama.cpp evaluated (the rest came from its prompt cache), when its timings are known. */
    public Optional<Integer> promptTokensEvaluated() {
        return llamaCpp.map(LlamaCppTimings::promptTokens);
    }
}
