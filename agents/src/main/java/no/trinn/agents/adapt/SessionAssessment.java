package no.trinn.agents.adapt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;

/**
 * The assessment of one session against its scenario's single learning goal.
 *
 * <p>{@code stepFraction} is the share of the goal's steps reached in any turn; {@code meanSuccess} the mean turn
 * success; {@code goalScore = 0.7 stepFraction + 0.3 meanSuccess}, so a completed goal scores at least 0.7 and a
 * fluent, completed one 1. A session without turns scores 0 everywhere.
 *
 * @param scenarioId the scenario practised
 * @param scales the client-model scales the goal score applies to ({@link ClientModel#scales(Scenario)})
 * @param turns how many client turns were assessed, at least 0
 * @param stepFraction the share of the goal's steps reached, in [0, 1]
 * @param completed whether every goal step was reached
 * @param meanSuccess the mean turn success, in [0, 1]
 * @param successRate the share of turns with success of at least 0.5, in [0, 1]
 * @param meanResponseMillis the mean response time, at least 0
 * @param goalScore the score of the learning goal, in [0, 1]
 */
public record SessionAssessment(String scenarioId, List<String> scales, int turns, double stepFraction,
        boolean completed, double meanSuccess, double successRate, double meanResponseMillis, double goalScore) {
    /** Weight of the goal steps reached in the goal score; the rest is mean turn success. */
    public static final double STEP_WEIGHT = 0.7;

    public SessionAssessment {
        Require.nonBlank(scenarioId, "scenarioId");
        scales = List.copyOf(Require.nonEmpty(scales, "scales"));
        Require.inRange(turns, 0, Integer.MAX_VALUE, "turns");
        Require.inRange(stepFraction, 0.0, 1.0, "stepFraction");
        Require.inRange(meanSuccess, 0.0, 1.0, "meanSuccess");
        Require.inRange(successRate, 0.0, 1.0, "successRate");
        Require.inRange(meanResponseMillis, 0.0, Double.MAX_VALUE, "meanResponseMillis");
        Require.inRange(goalScore, 0.0, 1.0, "goalScore");
    }

    /** The assessment of a session of {@code scenario} with the given turns, in order. */
    public static SessionAssessment of(Scenario scenario, List<TurnAssessment> turns) {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(turns, "turns");
        Set<String> goal = new HashSet<>();
        scenario.goal().steps().forEach(s -> goal.add(s.id()));
        Set<String> reached = new HashSet<>();
        double success = 0;
        int succeeded = 0;
        double response = 0;
        for (TurnAssessment t : turns) {
            Require.nonNull(t, "turns item");
            t.goalSteps().stream().filter(goal::contains).forEach(reached::add);
            success += t.success();
            succeeded += t.success() >= 0.5 ? 1 : 0;
            response += t.responseMillis();
        }
        int n = turns.size();
        double fraction = (double) reached.size() / goal.size();
        double mean = n == 0 ? 0 : Math.min(1, success / n);
        double score = n == 0 ? 0 : Math.min(1, STEP_WEIGHT * fraction + (1 - STEP_WEIGHT) * mean);
        return new SessionAssessment(scenario.id(), ClientModel.scales(scenario), n, fraction,
                reached.size() == goal.size(), mean, n == 0 ? 0 : (double) succeeded / n, n == 0 ? 0 : response / n,
                score);
    }
}
