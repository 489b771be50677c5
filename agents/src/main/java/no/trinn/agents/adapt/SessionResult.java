package no.trinn.agents.adapt;

import no.trinn.core.Require;

/**
 * What one past session of a client gave, as the {@link LadderPolicy} reads it.
 *
 * @param scenarioId the scenario practised
 * @param difficulty the difficulty the session ended at, in [0, 1]
 * @param goalScore the session's goal score ({@link SessionAssessment#goalScore()}), in [0, 1]
 * @param completed whether every goal step was reached
 */
public record SessionResult(String scenarioId, double difficulty, double goalScore, boolean completed) {
    public SessionResult {
        Require.nonBlank(scenarioId, "scenarioId");
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        Require.inRange(goalScore, 0.0, 1.0, "goalScore");
    }

    /** The result of an assessed session that ended at {@code difficulty}. */
    public static SessionResult of(SessionAssessment assessment, double difficulty) {
        Require.nonNull(assessment, "assessment");
        return new SessionResult(assessment.scenarioId(), difficulty, assessment.goalScore(), assessment.completed());
    }
}
