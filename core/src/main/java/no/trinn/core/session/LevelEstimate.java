package no.trinn.core.session;

import no.trinn.core.Require;

/**
 * The client model's estimate of a client's level on one scale: a tier of the ladder ({@code tier1} ..
 * {@code tier4}) or a skill a scenario names ({@code skill:refusal}). The level is on the difficulty scale [0, 1]: a
 * client at level 0.6 succeeds about as often as not when the character behaves at difficulty 0.6.
 *
 * @param scale the scale's key: {@code tier1}..{@code tier4} or {@code skill:NAME}
 * @param mean the estimated level, in [0, 1]
 * @param sd the estimate's standard deviation (its uncertainty), in (0, 1]
 * @param observations how many turns have been taken into account
 */
public record LevelEstimate(String scale, double mean, double sd, int observations) {
    public LevelEstimate {
        Require.nonBlank(scale, "scale");
        if (!scale.matches("tier[1-4]|skill:[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("scale: must be tier1..tier4 or skill:NAME, was '" + scale + "'");
        }
        Require.inRange(mean, 0.0, 1.0, "mean");
        if (!(sd > 0 && sd <= 1)) {
            throw new IllegalArgumentException("sd: must lie in (0, 1], was " + sd);
        }
        Require.inRange(observations, 0, Integer.MAX_VALUE, "observations");
    }

    /** The key of tier {@code tier} (1..4). */
    public static String tier(int tier) {
        Require.inRange(tier, 1, 4, "tier");
        return "tier" + tier;
    }
}
