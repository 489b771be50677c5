package no.trinn.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import no.trinn.core.Require;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionScore;

/**
 * How one of a client's sessions went, for the ladder, the follow-up question and progress views.
 *
 * @param id the session id
 * @param scenarioId the scenario practised
 * @param startedAt when it started
 * @param status how the session stands
 * @param endReason why it ended ("completed", "stopped", "quit"), if it ended
 * @param goalMet whether it ended with its learning goal met
 * @param score its score, if it was assessed
 * @param confidenceBefore the client's confidence rating (1-5) before it, if given
 * @param confidenceAfter the rating after it, if given
 * @param realWorldTask the real-world task it set, if it ended
 * @param taskOutcome how the previous session's task went, as told at the start of this one
 */
public record SessionResult(String id, String scenarioId, Instant startedAt, SessionStatus status,
        Optional<String> endReason, boolean goalMet, Optional<SessionScore> score, OptionalInt confidenceBefore,
        OptionalInt confidenceAfter, Optional<String> realWorldTask, Optional<SessionEvent.TaskOutcome> taskOutcome) {
    public SessionResult {
        Require.nonBlank(id, "id");
        Require.nonBlank(scenarioId, "scenarioId");
        Require.nonNull(startedAt, "startedAt");
        Require.nonNull(status, "status");
        Require.nonNull(endReason, "endReason");
        Require.nonNull(score, "score");
        Require.nonNull(confidenceBefore, "confidenceBefore");
        Require.nonNull(confidenceAfter, "confidenceAfter");
        Require.nonNull(realWorldTask, "realWorldTask");
        Require.nonNull(taskOutcome, "taskOutcome");
    }
}
