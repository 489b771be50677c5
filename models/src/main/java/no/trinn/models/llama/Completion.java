package no.trinn.models.llama;

import no.trinn.core.Require;

/**
 * The outcome of one generation.
 *
 * @param text    everything generated (for a cancelled generation: what was produced before it stopped)
 * @param finish  why it ended
 * @param timings what it cost
 */
record Completion(String text, Finish finish, GenerationTimings timings) {
    /** Why a generation ended. */
    enum Finish {
        /** The model ended its reply or a stop string came. */
        STOP,
        /** The token limit was reached. */
        LENGTH,
        /** It was cancelled. */
        CANCELLED
    }

    Completion {
        Require.nonNull(text, "text");
        Require.nonNull(finish, "finish");
        Require.nonNull(timings, "timings");
    }
}
