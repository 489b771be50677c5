package no.trinn.agents.adapt;

import no.trinn.core.Require;

/**
 * When the {@link LadderPolicy} moves a client up or down the ladder.
 *
 * @param masteryScore the goal score that counts as mastery, in (0, 1]
 * @param masteryDifficulty the difficulty at or above which mastery counts, in [0, 1]; when the therapist caps the
 *     difficulty lower, the cap counts instead
 * @param masterySessions how many of the latest sessions of the scenario must show mastery to climb, at least 1
 * @param struggleScore a goal score below this is struggling, in (0, 1]
 * @param struggleSessions how many of the latest sessions of the scenario must show struggling at the lowest
 *     difficulty to step back, at least 1
 * @param lowestMargin how close to the lowest allowed difficulty a session must have been to count as "at the lowest",
 *     in [0, 1]
 */
public record LadderSettings(double masteryScore, double masteryDifficulty, int masterySessions,
        double struggleScore, int struggleSessions, double lowestMargin) {
    /** Mastery: goal score 0.8 at difficulty 0.5, twice; step back: below 0.4 at the lowest (+0.05), twice. */
    public static final LadderSettings DEFAULT = new LadderSettings(0.8, 0.5, 2, 0.4, 2, 0.05);

    public LadderSettings {
        if (!(masteryScore > 0 && masteryScore <= 1)) {
            throw new IllegalArgumentException("masteryScore must lie in (0, 1], was " + masteryScore);
        }
        Require.inRange(masteryDifficulty, 0.0, 1.0, "masteryDifficulty");
        Require.inRange(masterySessions, 1, 100, "masterySessions");
        if (!(struggleScore > 0 && struggleScore <= 1)) {
            throw new IllegalArgumentException("struggleScore must lie in (0, 1], was " + struggleScore);
        }
        Require.inRange(struggleSessions, 1, 100, "struggleSessions");
        Require.inRange(lowestMargin, 0.0, 1.0, "lowestMargin");
    }
}
