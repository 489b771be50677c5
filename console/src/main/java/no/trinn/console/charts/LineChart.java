package no.trinn.console.charts;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * A line chart as a standalone SVG document: several series joined by lines with a marker at each point, axes with
 * round ticks and titles with units, a legend and a title, and optionally a shaded horizontal band (e.g. the target
 * band of achievable challenge). A point with an error draws an error bar ({@code <path class="error-bar">}) under its
 * marker. Each joined series is one {@code <polyline class="series" data-series="NAME">} whose
 * points are {@link PlotArea#STANDARD}'s coordinates of the data, in order. Immutable.
 *
 * @param title the chart's title
 * @param x the horizontal axis
 * @param y the vertical axis
 * @param series the series, drawn in order; at most 8 are told apart by colour and dash pattern
 * @param band a band to shade, if any
 */
public record LineChart(String title, ChartAxis x, ChartAxis y, List<ChartSeries> series, Optional<ChartBand> band) {
    public LineChart {
        series = Svg.checked(title, x, y, series);
        Require.nonNull(band, "band");
    }

    /** The SVG document. */
    public String svg() {
        return draw(new Svg(title, series));
    }

    /**
     * The chart as an {@code <svg class="chart" id="ID">} element to embed in an HTML page: no XML declaration, its
     * ids prefixed with {@code id} so several charts can share a page, no script and no {@code style} attribute.
     *
     * @param id the element's id: a letter, then letters, digits and hyphens
     */
    public String svgElement(String id) {
        return draw(new Svg(title, series, Svg.requireId(id)));
    }

    private String draw(Svg svg) {
        PlotArea a = PlotArea.STANDARD;
        band.ifPresent(b -> {
            double top = a.y(y, Math.min(b.to(), y.max()));
            double bottom = a.y(y, Math.max(b.from(), y.min()));
            if (bottom > top) {
                svg.raw("<rect class=\"band\" x=\"" + Svg.n(a.left()) + "\" y=\"" + Svg.n(top) + "\" width=\""
                        + Svg.n(a.width()) + "\" height=\"" + Svg.n(bottom - top)
                        + "\" fill=\"#009E73\" fill-opacity=\"0.18\"/>\n");
                svg.text(a.right() - 10, top + Svg.TICK_SIZE + 4, Svg.TICK_SIZE, "end", "band-label", b.label(), "");
            }
        });
        svg.axes(a, x, y);
        return svg.data(a, series, true, (s, i) -> {
            if (s.joined()) {
                StringBuilder points = new StringBuilder();
                for (ChartPoint p : s.points()) {
                    if (!points.isEmpty()) {
                        points.append(' ');
                    }
                    points.append(Svg.n(a.x(x, p.x()))).append(',').append(Svg.n(a.y(y, p.y())));
                }
                svg.raw("<polyline class=\"series\" data-series=\"" + Svg.escape(s.name()) + "\" points=\"" + points
                        + "\" fill=\"none\" stroke=\"" + Svg.colour(i) + "\" stroke-width=\"3.5\"" + Svg.dash(i)
                        + " stroke-linejoin=\"round\"/>\n");
            } else {
                svg.raw("<g class=\"series\" data-series=\"" + Svg.escape(s.name()) + "\">\n");
            }
            for (ChartPoint p : s.points()) {
                if (p.error() > 0) {
                    svg.errorBar(a.x(x, p.x()), a.y(y, p.y() - p.error()), a.y(y, p.y() + p.error()), i);
                }
            }
            svg.markers(a, x, y, s, i, true);
            if (!s.joined()) {
                svg.raw("</g>\n");
            }
        });
    }
}
