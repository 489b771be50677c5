package no.trinn.console.charts;

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
 * @param step the distance between ticks, e.g. 1 for session numbers; 0 chooses a round step (see {@link #ticks()})
 */
public record ChartAxis(String title, String unit, double min, double max, double step) {
    public ChartAxis {
        Require.nonBlank(title, "title");
        Require.nonNull(unit, "unit");
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("min and max must be finite, were " + min + " and " + max);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("max must be above min, were " + min + " and " + max);
        }
        if (!Double.isFinite(step) || step < 0 || (step > 0 && (max - min) / step > 200)) {
            throw new IllegalArgumentException("step must be 0 or a positive step giving at most 200 ticks, was "
                    + step);
        }
    }

    /** An axis whose ticks are at a round step chosen for its range. */
    public ChartAxis(String title, String unit, double min, double max) {
        this(title, unit, min, max, 0);
    }

    /** The axis label: the title, then the unit in parentheses if there is one. */
    public String label() {
        return unit.isBlank() ? title : title + " (" + unit + ")";
    }

    /**
     * Tick values within the range: multiples of {@link #step()} when it is set, else at a round step (1, 2 or 5
     * times a power of ten) giving four to ten ticks.
     */
    public List<Double> ticks() {
        double step = tickStep();
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(min / step - 1e-9);
        for (long i = first; i * step <= max + step * 1e-9; i++) {
            ticks.add(i * step);
        }
        return List.copyOf(ticks);
    }

    /** A tick value as printed on the axis: as many decimals as the step needs, no more. */
    public String tickLabel(double value) {
        double step = tickStep();
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return new BigDecimal(text).signum() == 0 ? String.format(Locale.ROOT, "%." + decimals + "f", 0.0) : text;
    }

    private double tickStep() {
        if (step > 0) {
            return step;
        }
        double rough = (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double norm = rough / magnitude;
        double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
        return nice * magnitude;
    }
}
