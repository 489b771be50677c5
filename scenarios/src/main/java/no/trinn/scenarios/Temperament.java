package no.trinn.scenarios;

import no.trinn.core.Require;

/**
 * One named temperament parameter of a character: its authored value and how far a therapist or the difficulty
 * controller may move it.
 *
 * @param value the authored value, inside {@code range}
 * @param range the allowed values, inside [0, 1]
 */
public record Temperament(double value, Range range) {
    public Temperament {
        Require.nonNull(range, "range");
        Require.inRange(range.min(), 0.0, 1.0, "range.min");
        Require.inRange(range.max(), 0.0, 1.0, "range.max");
        Require.inRange(value, range.min(), range.max(), "value");
    }
}
