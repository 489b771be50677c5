package no.trinn.console.charts;

import java.util.List;
import no.trinn.core.Require;

/**
 * A scatter chart as a standalone SVG document, e.g. each simulated client's true level against the controller's
 * estimate: one marker per point, series told apart by colour, axes with round ticks and titles with units, a legend
 * and a title, and optionally the diagonal {@code y = x} where a perfect estimate would lie. Each series is one
 * {@code <g class="series" data-series="NAME">} of {@code <circle>} markers at {@link PlotArea#STANDARD}'s
 * coordinates of the data, in order. Immutable.
 *
 * @param title the chart's title
 * @param x the horizontal axis
 * @param y the vertical axis
 * @param series the series, drawn in order
 * @param diagonal whether to draw the line {@code y = x} (labelled with {@code diagonalLabel})
 * @param diagonalLabel the diagonal's label, e.g. "estimate = true level"; unused without the diagonal
 */
public record ScatterChart(String title, ChartAxis x, ChartAxis y, List<ChartSeries> series, boolean diagonal,
        String diagonalLabel) {
    public ScatterChart {
        series = Svg.checked(title, x, y, series);
        Require.nonNull(diagonalLabel, "diagonalLabel");
        if (diagonal) {
            Require.nonBlank(diagonalLabel, "diagonalLabel");
        }
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
        double from = Math.max(x.min(), y.min());
        double to = Math.min(x.max(), y.max());
        PlotArea a = PlotArea.STANDARD;
        svg.axes(a, x, y);
        if (diagonal && to > from) {
            svg.raw("<line class=\"diagonal\" x1=\"" + Svg.n(a.x(x, from)) + "\" y1=\"" + Svg.n(a.y(y, from))
                    + "\" x2=\"" + Svg.n(a.x(x, to)) + "\" y2=\"" + Svg.n(a.y(y, to))
                    + "\" stroke=\"#777777\" stroke-width=\"2\" stroke-dasharray=\"8 6\"/>\n");
            svg.text(a.x(x, to) - 8, a.y(y, to) + Svg.TICK_SIZE + 6, Svg.TICK_SIZE, "end", "diagonal-label",
                    diagonalLabel, "");
        }
        return svg.data(a, series, false, (s, i) -> {
            svg.raw("<g class=\"series\" data-series=\"" + Svg.escape(s.name()) + "\">\n");
            svg.markers(a, x, y, s, i, false);
            svg.raw("</g>\n");
        });
    }
}
