package no.trinn.agents.adapt;

import no.trinn.core.Require;

/**
 * How the {@link DifficultyController} steers within a session.
 *
 * @param bandLow the lower edge of the target band of smoothed success, in (0, 1)
 * @param bandHigh the upper edge, in ({@code bandLow}, 1)
 * @param smoothing the weight of the newest turn in the smoothed success (EWMA), in (0, 1]
 * @param gain the step per unit of distance outside the band, in (0, 10]
 * @param maxStep the largest change of difficulty in one decision, in (0, 1]
 * @param minTurnsBetweenMoves how many turns must pass after a change (or the start) before the next, at least 1
 * @param damping the factor the step's scale is multiplied by after a change of direction, in (0, 1)
 * @param minStepScale the smallest the step's scale may get through damping, in (0, 1]
 * @param recovery the factor the step's scale is multiplied by (up to 1) when a change goes the same way as the one
 *     before, in [1, 10]; below {@code 1 / damping}, so that an oscillation still damps out
 */
public record ControllerSettings(double bandLow, double bandHigh, double smoothing, double gain, double maxStep,
        int minTurnsBetweenMoves, double damping, double minStepScale, double recovery) {
    /**
     * Band 0.70-0.85, EWMA weight 0.3, gain 0.5, at most 0.1 per decision, 2 turns apart, halving after a reversal
     * down to 1/8, recovering by 1.25 per change in the same direction.
     */
    public static final ControllerSettings DEFAULT = new ControllerSettings(0.70, 0.85, 0.3, 0.5, 0.1, 2, 0.5, 0.125,
            1.25);

    public ControllerSettings {
        if (!(bandLow > 0 && bandLow < 1)) {
            throw new IllegalArgumentException("bandLow must lie in (0, 1), was " + bandLow);
        }
        if (!(bandHigh > bandLow && bandHigh < 1)) {
            throw new IllegalArgumentException("bandHigh must lie in (bandLow, 1), was " + bandHigh);
        }
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("smoothing must lie in (0, 1], was " + smoothing);
        }
        if (!(gain > 0 && gain <= 10)) {
            throw new IllegalArgumentException("gain must lie in (0, 10], was " + gain);
        }
        if (!(maxStep > 0 && maxStep <= 1)) {
            throw new IllegalArgumentException("maxStep must lie in (0, 1], was " + maxStep);
        }
        Require.inRange(minTurnsBetweenMoves, 1, 1000, "minTurnsBetweenMoves");
        if (!(damping > 0 && damping < 1)) {
            throw new IllegalArgumentException("damping must lie in (0, 1), was " + damping);
        }
        if (!(minStepScale > 0 && minStepScale <= 1)) {
            throw new IllegalArgumentException("minStepScale must lie in (0, 1], was " + minStepScale);
        }
        if (!(recovery >= 1 && recovery <= 10 && recovery * damping < 1)) {
            throw new IllegalArgumentException("recovery must lie in [1, 10] and below 1 / damping, was " + recovery);
        }
    }

    /** These settings with the target band {@code low}-{@code high}. */
    public ControllerSettings withBand(double low, double high) {
        return new ControllerSettings(low, high, smoothing, gain, maxStep, minTurnsBetweenMoves, damping,
                minStepScale, recovery);
    }

    /** The band's centre: the success the starting difficulty aims at. */
    public double bandCentre() {
        return (bandLow + bandHigh) / 2;
    }
}
