package no.trinn.models.llama;

import java.util.OptionalInt;
import no.trinn.core.Require;

/**
 * Defaults of the local chat models, used where a request leaves a value unset, and the limits put on forced JSON.
 *
 * @param temperature         sampling temperature (0: greedy)
 * @param topP                nucleus sampling threshold in (0, 1]
 * @param topK                candidates kept before sampling (0: all)
 * @param maxOutputTokens     most tokens in one reply
 * @param maxJsonStringLength most characters in any string of a JSON reply forced by a schema (keeps a wandering
 *                            model from filling the whole token budget inside one string)
 * @param maxJsonArrayItems   most items in any array of a JSON reply forced by a schema
 * @param seed                sampler seed for reproducible replies; empty for a random seed per reply
 */
public record LocalChatOptions(double temperature, double topP, int topK, int maxOutputTokens,
                               int maxJsonStringLength, int maxJsonArrayItems, OptionalInt seed) {
    public LocalChatOptions {
        Require.inRange(temperature, 0, 5, "temperature");
        Require.inRange(topP, 0.000001, 1, "topP");
        Require.inRange(topK, 0, 1_000_000, "topK");
        Require.inRange(maxOutputTokens, 1, 1 << 20, "maxOutputTokens");
        Require.inRange(maxJsonStringLength, 1, 1 << 20, "maxJsonStringLength");
        Require.inRange(maxJsonArrayItems, 1, 10_000, "maxJsonArrayItems");
        Require.nonNull(seed, "seed");
    }

    /** Temperature 0.7, top-p 0.9, top-k 40, 256 tokens, JSON strings up to 400 characters and arrays up to 8 items. */
    public static LocalChatOptions defaults() {
        return new LocalChatOptions(0.7, 0.9, 40, 256, 400, 8, OptionalInt.empty());
    }

    /** These options with a fixed sampler seed. */
    public LocalChatOptions withSeed(int seed) {
        return new LocalChatOptions(temperature, topP, topK, maxOutputTokens, maxJsonStringLength,
                maxJsonArrayItems, OptionalInt.of(seed));
    }

    /** These options with at most {@code maxOutputTokens} tokens per reply. */
    public LocalChatOptions withMaxOutputTokens(int maxOutputTokens) {
        return new LocalChatOptions(temperature, topP, topK, maxOutputTokens, maxJsonStringLength,
                maxJsonArrayItems, seed);
    }

    /** These options with JSON strings of at most {@code maxJsonStringLength} characters. */
    public LocalChatOptions withMaxJsonStringLength(int maxJsonStringLength) {
        return new LocalChatOptions(temperature, topP, topK, maxOutputTokens, maxJsonStringLength,
                maxJsonArrayItems, seed);
    }
}
