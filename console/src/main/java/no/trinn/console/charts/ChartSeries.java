package no.trinn.console.charts;

import java.util.List;
import no.trinn.core.Require;

/**
 * A named series of points, drawn in one colour and named in the legend.
 *
 * @param name the legend's name for it; not blank
 * @param points the points, in drawing order (a line chart joins them in this order)
 * @param joined whether a line chart joins the points by a line; false draws markers only (e.g. a yes/no per
 *     session), as {@code <g class="series" data-series="NAME">} of {@code <circle>} markers
 */
public record ChartSeries(String name, List<ChartPoint> points, boolean joined) {
    public ChartSeries {
        Require.nonBlank(name, "name");
        points = List.copyOf(Require.nonNull(points, "points"));
    }

    /** A series a line chart joins by a line. */
    public ChartSeries(String name, List<ChartPoint> points) {
        this(name, points, true);
    }
}
