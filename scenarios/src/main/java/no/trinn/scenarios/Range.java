package no.trinn.scenarios;

/**
 * A closed interval of a named parameter's values.
 *
 * @param min lowest value, inclusive
 * @param max highest value, inclusive; not below {@code min}
 */
public record Range(double min, double max) {
    /** The full range of a behaviour or temperament parameter. */
    public static final Range UNIT = new Range(0.0, 1.0);

    public Range {
        if (!(min <= max)) {
            throw new IllegalArgumentException("range min " + min + " is above max " + max);
        }
    }

    /** Whether {@code value} lies inside. */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** {@code value} moved into the range. */
    public double clamp(double value) {
        return Math.max(min, Math.min(max, value));
    }
}
