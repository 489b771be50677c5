package no.trinn.core;

import java.util.Collection;

/** Argument checks for record constructors; each failure names the field. */
public final class Require {
    private Require() {
    }

    /** Returns {@code value}, or throws naming {@code field} if it is null. */
    public static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code field} if it is null or blank. */
    public static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code field} if it lies outside [min, max]. */
    public static double inRange(double value, double min, double max, String field) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must lie in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code field} if it lies outside [min, max]. */
    public static long inRange(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must lie in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code field} if it is null or empty. */
    public static <C extends Collection<?>> C nonEmpty(C value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }
}
