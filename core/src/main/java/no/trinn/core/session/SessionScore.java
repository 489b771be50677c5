package no.trinn.core.session;

import no.trinn.core.Require;

/**
 * How a session went, in numbers the difficulty controller and the progress views use.
 *
 * @param goalScore the score of the session's learning goal, in [0, 1]
 * @param successRate the mean success of the client's turns, in [0, 1]
 * @param meanResponseMillis the mean time the client took to answer, in milliseconds (0 without turns)
 * @param startDifficulty the difficulty the character started at, in [0, 1]
 * @param endDifficulty the difficulty the character ended at, in [0, 1]
 */
public record SessionScore(double goalScore, double successRate, double meanResponseMillis, double startDifficulty,
        double endDifficulty) {
    public SessionScore {
        Require.inRange(goalScore, 0.0, 1.0, "goalScore");
        Require.inRange(successRate, 0.0, 1.0, "successRate");
        Require.inRange(meanResponseMillis, 0.0, Double.MAX_VALUE, "meanResponseMillis");
        Require.inRange(startDifficulty, 0.0, 1.0, "startDifficulty");
        Require.inRange(endDifficulty, 0.0, 1.0, "endDifficulty");
    }
}
