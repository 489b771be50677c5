package no.trinn.agents.simulate;

import java.util.List;
import no.trinn.core.Require;
import no.trinn.core.session.Decision;

/**
 * One session of a simulated client in an {@link Evaluation}, with what the coach estimated and what was true.
 *
 * @param client the client's profile name
 * @param number the session's number for this client, from 1
 * @param trueLevels the client's hidden levels of tiers 1 to 4 during the session (before it learned from it)
 * @param scenarioId the scenario the ladder chose
 * @param tier the scenario's tier, 1 to 4
 * @param rung the scenario's rung on the ladder, from 1
 * @param startDifficulty the difficulty the session started at (the ladder's, inside the therapist's settings)
 * @param endDifficulty the difficulty it ended at
 * @param goalScore the session's goal score, in [0, 1]
 * @param completed whether the conversation reached an end state (else it hit the turn limit)
 * @param goalMet whether every goal step was reached
 * @param estimateMean the client model's estimate of the tier's level after the session (posterior mean)
 * @param estimateSd its posterior standard deviation
 * @param turns the session's client turns, in order
 * @param decisions every decision the session published: one per turn the controller saw, then the ladder's
 */
public record EvaluatedSession(String client, int number, List<Double> trueLevels, String scenarioId, int tier,
        int rung, double startDifficulty, double endDifficulty, double goalScore, boolean completed, boolean goalMet,
        double estimateMean, double estimateSd, List<EvaluatedTurn> turns, List<Decision> decisions) {
    public EvaluatedSession {
        Require.nonBlank(client, "client");
        Require.inRange(number, 1, Integer.MAX_VALUE, "number");
        trueLevels = List.copyOf(Require.nonNull(trueLevels, "trueLevels"));
        if (trueLevels.size() != 4) {
            throw new IllegalArgumentException("trueLevels: must hold 4 levels, held " + trueLevels.size());
        }
        Require.nonBlank(scenarioId, "scenarioId");
        Require.inRange(tier, 1, 4, "tier");
        Require.inRange(rung, 1, Integer.MAX_VALUE, "rung");
        Require.inRange(startDifficulty, 0.0, 1.0, "startDifficulty");
        Require.inRange(endDifficulty, 0.0, 1.0, "endDifficulty");
        Require.inRange(goalScore, 0.0, 1.0, "goalScore");
        Require.inRange(estimateMean, 0.0, 1.0, "estimateMean");
        Require.inRange(estimateSd, 0.0, 1.0, "estimateSd");
        turns = List.copyOf(Require.nonNull(turns, "turns"));
        decisions = List.copyOf(Require.nonNull(decisions, "decisions"));
    }

    /** The true level of the session's tier. */
    public double trueLevel() {
        return trueLevels.get(tier - 1);
    }

    /** The estimate's error: {@code |estimateMean - trueLevel|}. */
    public double error() {
        return Math.abs(estimateMean - trueLevel());
    }

    /**
     * The share of turns whose true success chance lay in the controller's band [{@code low}, {@code high}]; 0
     * without turns.
     */
    public double trueInBand(double low, double high) {
        return turns.isEmpty() ? 0 : turns.stream().filter(t -> inBand(t.trueSuccess(), low, high)).count()
                / (double) turns.size();
    }

    /**
     * The share of the turns the controller saw whose smoothed success after the turn lay in [{@code low},
     * {@code high}]; 0 without such turns.
     */
    public double observedInBand(double low, double high) {
        List<Double> seen = turns.stream().flatMap(t -> t.smoothedSuccess().stream()).toList();
        return seen.isEmpty() ? 0 : seen.stream().filter(v -> inBand(v, low, high)).count() / (double) seen.size();
    }

    /**
     * Direction reversals of the difficulty within the session: among the controller's changes of difficulty (up or
     * down, holds skipped), how many go the other way from the change before.
     */
    public int reversals() {
        int count = 0;
        int last = 0;
        for (Decision d : decisions) {
            if (d.scope() != Decision.Scope.WITHIN_SESSION) {
                continue;
            }
            double delta = d.after().getOrDefault(Evaluation.DIFFICULTY, 0.0)
                    - d.before().getOrDefault(Evaluation.DIFFICULTY, 0.0);
            int direction = delta > 1e-9 ? 1 : delta < -1e-9 ? -1 : 0;
            if (direction != 0) {
                count += last != 0 && direction != last ? 1 : 0;
                last = direction;
            }
        }
        return count;
    }

    static boolean inBand(double v, double low, double high) {
        return v >= low && v <= high;
    }
}
