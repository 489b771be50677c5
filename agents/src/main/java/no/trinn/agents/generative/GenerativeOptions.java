package no.trinn.agents.generative;

import java.time.Duration;
import no.trinn.core.Require;

/**
 * How the generative engine behaves. Immutable; start from {@link #defaults()} and change what differs.
 *
 * @param latencyBudget how long the first speakable sentence may take before the latency guard acts (default
 *     1.5 s); measured from the start of the model call
 * @param latencyMode what the latency guard does when the budget has passed
 * @param timeout how long a whole reply may take, retry included, before the scripted line is used (default 45 s)
 * @param maxSentences the most sentences of one reply that are said; the rest is cut (default 4: the prompt asks
 *     for one or two, but short spoken fragments such as "Sure. Straight on." count as sentences too)
 * @param maxChars the most characters of one reply that are said; the rest is cut (default 280)
 * @param temperature sampling temperature sent to the model (default 0.7)
 * @param maxOutputTokens the most tokens the model may generate for one reply (default 220)
 * @param examplesPerIntent how many example utterances of each intent the prompt shows (default 3)
 * @param turnNote where the turn part of the prompt goes (default {@link TurnNote#AFTER_CONVERSATION})
 */
public record GenerativeOptions(Duration latencyBudget, LatencyMode latencyMode, Duration timeout, int maxSentences,
        int maxChars, double temperature, int maxOutputTokens, int examplesPerIntent, TurnNote turnNote) {
    /**
     * What the latency guard does when the first sentence is not ready within the budget.
     */
    public enum LatencyMode {
        /**
         * The character says an authored filler that fits its temperament ("Hmm, let me think...") as the first
         * partial response of a streamed reply, then the generated reply when it comes. A blocking call has nobody
         * to say a filler to, so there it does nothing.
         */
        FILLER,
        /** The scripted engine's line is said at once and the generation is cancelled (a blocking call: the whole
         * reply must be ready within the budget). */
        HYBRID,
        /** Nothing: the client waits for the model, up to the time-out. */
        OFF
    }

    /**
     * Where the part of the prompt that changes every turn (state, behaviour, what may follow) goes. The stable part
     * is always the first system message, so a model's prompt cache can keep it.
     */
    public enum TurnNote {
        /** A second system message after the conversation: nearest to the reply, and the cache keeps the rest. */
        AFTER_CONVERSATION,
        /** Joined to the first system message: for chat templates that accept only one system message. */
        IN_SYSTEM_MESSAGE,
        /**
         * After the client's words in the last user message: for models that join every system message into one at
         * the start (the local llama.cpp model does), so the conversation before it stays cached.
         */
        IN_USER_MESSAGE
    }

    public GenerativeOptions {
        Require.nonNull(latencyBudget, "latencyBudget");
        Require.nonNull(turnNote, "turnNote");
        Require.nonNull(latencyMode, "latencyMode");
        Require.nonNull(timeout, "timeout");
        if (latencyBudget.isNegative() || latencyBudget.isZero()) {
            throw new IllegalArgumentException("latencyBudget must be positive: " + latencyBudget);
        }
        if (timeout.compareTo(latencyBudget) < 0) {
            throw new IllegalArgumentException("timeout " + timeout + " must not be below latencyBudget "
                    + latencyBudget);
        }
        Require.inRange(maxSentences, 1, 10, "maxSentences");
        Require.inRange(maxChars, 20, 2_000, "maxChars");
        Require.inRange(temperature, 0.0, 2.0, "temperature");
        Require.inRange(maxOutputTokens, 16, 4_096, "maxOutputTokens");
        Require.inRange(examplesPerIntent, 1, 20, "examplesPerIntent");
    }

    /** The defaults: 1.5 s budget with a filler, 45 s time-out, 4 sentences, 280 characters, 0.7, 220 tokens. */
    public static GenerativeOptions defaults() {
        return new GenerativeOptions(Duration.ofMillis(1_500), LatencyMode.FILLER, Duration.ofSeconds(45), 4, 280,
                0.7, 220, 3, TurnNote.AFTER_CONVERSATION);
    }

    /** These options with another latency budget. */
    public GenerativeOptions withLatencyBudget(Duration budget) {
        return new GenerativeOptions(budget, latencyMode, timeout, maxSentences, maxChars, temperature,
                maxOutputTokens, examplesPerIntent, turnNote);
    }

    /** These options with another latency mode. */
    public GenerativeOptions withLatencyMode(LatencyMode mode) {
        return new GenerativeOptions(latencyBudget, mode, timeout, maxSentences, maxChars, temperature,
                maxOutputTokens, examplesPerIntent, turnNote);
    }

    /** These options with another time-out. */
    public GenerativeOptions withTimeout(Duration t) {
        return new GenerativeOptions(latencyBudget, latencyMode, t, maxSentences, maxChars, temperature,
                maxOutputTokens, examplesPerIntent, turnNote);
    }

    /** These options with other length caps. */
    public GenerativeOptions withLengthCap(int sentences, int chars) {
        return new GenerativeOptions(latencyBudget, latencyMode, timeout, sentences, chars, temperature,
                maxOutputTokens, examplesPerIntent, turnNote);
    }

    /** These options with another sampling temperature and output-token limit. */
    public GenerativeOptions withSampling(double t, int tokens) {
        return new GenerativeOptions(latencyBudget, latencyMode, timeout, maxSentences, maxChars, t, tokens,
                examplesPerIntent, turnNote);
    }

    /** These options with the turn part of the prompt placed at {@code placement}. */
    public GenerativeOptions withTurnNote(TurnNote placement) {
        return new GenerativeOptions(latencyBudget, latencyMode, timeout, maxSentences, maxChars, temperature,
                maxOutputTokens, examplesPerIntent, placement);
    }
}
