package no.trinn.agents.generative;

import java.time.Duration;
import java.util.Optional;
import no.trinn.agents.AgentException;
import no.trinn.core.Require;

/**
 * What happened in one turn of the generative engine, for metrics, benchmarks and tests: reason codes and timings
 * only, never text.
 *
 * @param fallback the reply's fallback reason code, if authored words replaced or cut the model's
 *     ({@code invalid_output}, {@code unavailable}, {@code timeout}, {@code latency}, {@code guard:*},
 *     {@code deflection:*})
 * @param modelCalls how many times the model was called (0 for deflections and authored turns, 2 after a retry)
 * @param filler whether a filler was said
 * @param firstPiece time from the start of the turn until its first words went out, if any did
 * @param total time from the start of the turn until the reply was complete
 * @param error what went wrong with the model, if it failed; its message names the engine (server URL or file)
 */
public record TurnReport(Optional<String> fallback, int modelCalls, boolean filler, Optional<Duration> firstPiece,
        Duration total, Optional<AgentException> error) {
    public TurnReport {
        Require.nonNull(fallback, "fallback");
        Require.inRange(modelCalls, 0, 2, "modelCalls");
        Require.nonNull(firstPiece, "firstPiece");
        Require.nonNull(total, "total");
        Require.nonNull(error, "error");
    }
}
