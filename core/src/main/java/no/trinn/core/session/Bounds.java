package no.trinn.core.session;

import no.trinn.core.Require;

/**
 * A closed interval inside [0, 1], e.g. a therapist's cap on a behaviour parameter.
 *
 * @param min the lowest allowed value
 * @param max the highest allowed value, at least {@code min}
 */
public record Bounds(double min, double max) {
    /** The whole scale. */
    public static final Bounds FULL = new Bounds(0, 1);

    public Bounds {
        Require.inRange(min, 0.0, 1.0, "min");
        Require.inRange(max, 0.0, 1.0, "max");
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " lies above max " + max);
        }
    }

    /** {@code value} moved into the interval. */
    public double clamp(double value) {
        return Math.max(min, Math.min(max, value));
    }

    /** Whether {@code value} lies inside. */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** The part both intervals share; empty intervals are refused. */
    public Bounds intersect(Bounds other) {
        double lo = Math.max(min, other.min);
        double hi = Math.min(max, other.max);
        if (lo > hi) {
            throw new IllegalArgumentException("intervals [" + min + ", " + max + "] and [" + other.min + ", "
                    + other.max + "] do not overlap");
        }
        return new Bounds(lo, hi);
    }
}
