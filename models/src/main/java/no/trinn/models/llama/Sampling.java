package no.trinn.models.llama;

import java.util.List;
import java.util.OptionalInt;
import no.trinn.core.Require;

/**
 * Sampling settings of one generation.
 *
 * @param temperature      0 for greedy decoding
 * @param topP             nucleus sampling threshold in (0, 1]
 * @param topK             candidates kept before sampling; 0 keeps all
 * @param frequencyPenalty OpenAI-style frequency penalty
 * @param presencePenalty  OpenAI-style presence penalty
 * @param maxTokens        most tokens to generate
 * @param stop             strings that end the reply (not included in it)
 * @param seed             sampler seed; empty for a random one
 */
record Sampling(double temperature, double topP, int topK, double frequencyPenalty, double presencePenalty,
                int maxTokens, List<String> stop, OptionalInt seed) {
    Sampling {
        Require.inRange(temperature, 0, 5, "temperature");
        Require.inRange(topP, 0, 1, "topP");
        Require.inRange(topK, 0, 1_000_000, "topK");
        Require.inRange(frequencyPenalty, -2, 2, "frequencyPenalty");
        Require.inRange(presencePenalty, -2, 2, "presencePenalty");
        Require.inRange(maxTokens, 1, 1 << 20, "maxTokens");
        stop = List.copyOf(Require.nonNull(stop, "stop"));
        Require.nonNull(seed, "seed");
    }
}
