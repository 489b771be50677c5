package no.trinn.app.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.trinn.core.Require;

/**
 * An axis of a chart: its title, its unit and the range it shows. Values outside the range are drawn clipped.
 *
 * @param title what the axis shows, in words a therapist reads, e.g. "True level"
 * @param unit the unit, e.g. "ms", "share of turns", "0 = easiest, 1 = hardest"; may be empty
 * @param min the lowest value shown; finite
 * @param max the highest value shown; finite and above {@code min}
 */
public record ChartAxis(String title, String unit, double min, double max) {
    public ChartAxis {
        Require.nonBlank(title, "title");
        Require.nonNull(unit, "unit");
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("min and max must be finite, were " + min + " and " + max);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("max must be above min, were " + min + " and " + max);
        }
    }

    /** The axis label: the title, then the unit in parentheses if there is one. */
    public String label() {
        return unit.isBlank() ? title : title + " (" + unit + ")";
    }

    /** Tick values at a round step (1, 2 or 5 times a power of ten) giving four to ten ticks within the range. */
    public List<Double> ticks() {
        double step = step();
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(min / step - 1e-9);
        for (long i = first; i * step <= max + step * 1e-9; i++) {
            ticks.add(i * step);
        }
        return List.copyOf(ticks);
    }

    /** A tick value as printed on the axis: as many decimals as the step needs, no more. */
    public String tickLabel(double value) {
        double step = step();
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return new BigDecimal(text).signum() == 0 ? String.format(Locale.ROOT, "%." + decimals + "f", 0.0) : text;
    }

    private double step() {
        double rough = (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double norm = rough / magnitude;
        double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
        return nice * magnitude;
    }
}
