package no.trinn.scenarios;

import java.util.Map;
import no.trinn.core.Require;

/**
 * An authored line a character may say, with the conditions under which it fits.
 *
 * @param text the words; never blank
 * @param when parameter name to the range its value must lie in for this line to fit (temperament or behaviour
 *     parameters, or {@code difficulty}); empty means it always fits
 */
public record Line(String text, Map<String, Range> when) {
    public Line {
        Require.nonBlank(text, "text");
        when = Map.copyOf(Require.nonNull(when, "when"));
    }

    /** A line that always fits. */
    public static Line of(String text) {
        return new Line(text, Map.of());
    }

    /** Whether every condition holds for {@code values}; a condition on a parameter not in {@code values} fails. */
    public boolean fits(Map<String, Double> values) {
        for (Map.Entry<String, Range> c : when.entrySet()) {
            Double v = values.get(c.getKey());
            if (v == null || !c.getValue().contains(v)) {
                return false;
            }
        }
        return true;
    }
}
