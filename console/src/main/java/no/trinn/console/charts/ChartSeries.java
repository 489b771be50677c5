package no.trinn.app.eval;

import java.util.List;
import no.trinn.core.Require;

/**
 * A named series of points, drawn in one colour and named in the legend.
 *
 * @param name the legend's name for it; not blank
 * @param points the points, in drawing order (a line chart joins them in this order)
 */
public record ChartSeries(String name, List<ChartPoint> points) {
    public ChartSeries {
        Require.nonBlank(name, "name");
        points = List.copyOf(Require.nonNull(points, "points"));
    }
}
