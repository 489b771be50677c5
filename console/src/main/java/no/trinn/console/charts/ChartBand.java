package no.trinn.console.charts;

import no.trinn.core.Require;

/**
 * A horizontal band shaded across a line chart, e.g. the target band of success 0.70 to 0.85.
 *
 * @param from the band's lower value on the vertical axis; finite
 * @param to the band's upper value; above {@code from}
 * @param label what the band means, written inside it, e.g. "target: 70-85% of turns succeed"
 */
public record ChartBand(double from, double to, String label) {
    public ChartBand {
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(to > from)) {
            throw new IllegalArgumentException("from and to must be finite with to above from, were " + from
                    + " and " + to);
        }
        Require.nonBlank(label, "label");
    }
}
