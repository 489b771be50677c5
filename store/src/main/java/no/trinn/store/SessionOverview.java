package no.trinn.store;

import java.time.Duration;
import java.time.Instant;
import no.trinn.core.Require;

/**
 * One line of a client's session list: what was practised, when, for how long, how it stands and went.
 *
 * @param id the session id
 * @param scenarioId the scenario practised
 * @param startedAt when it started
 * @param duration from the start to the end, or, for a session that has not ended (active or interrupted), to the
 *     last event recorded for it; never negative (a wall clock set back gives zero)
 * @param status how the session stands
 * @param turns number of client turns recorded
 * @param goalMet whether the session ended with its learning goal met; false when it has not ended
 * @param safetyEvents number of safety events recorded
 */
public record SessionOverview(String id, String scenarioId, Instant startedAt, Duration duration,
        SessionStatus status, int turns, boolean goalMet, int safetyEvents) {
    public SessionOverview {
        Require.nonBlank(id, "id");
        Require.nonBlank(scenarioId, "scenarioId");
        Require.nonNull(startedAt, "startedAt");
        Require.nonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        Require.nonNull(status, "status");
        Require.inRange(turns, 0, Integer.MAX_VALUE, "turns");
        if (goalMet && status != SessionStatus.ENDED) {
            throw new IllegalArgumentException("goalMet can only be true for an ended session, status was "
                    + status);
        }
        Require.inRange(safetyEvents, 0, Integer.MAX_VALUE, "safetyEvents");
    }
}
