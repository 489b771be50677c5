package no.trinn.console.charts;

import java.util.List;
import java.util.Locale;
import java.util.function.ObjIntConsumer;
import no.trinn.core.Require;

/**
 * Builds the SVG text of a chart: the canvas, title, axes with ticks and labels, and legend that every chart shares,
 * with text escaped for XML. Large fonts and a colour-blind-safe palette (Okabe and Ito) with a dash pattern per
 * series, so series differ in more than colour.
 */
final class Svg {
    static final String FONT = "DejaVu Sans, Arial, Helvetica, sans-serif";
    static final int TITLE_SIZE = 28;
    static final int LABEL_SIZE = 22;
    static final int TICK_SIZE = 19;
    static final int LEGEND_SIZE = 20;
    static final List<String> COLOURS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#000000", "#F0E442");
    static final List<String> DASHES = List.of("", "10 6", "3 5", "14 5 3 5", "6 6", "2 3", "16 8", "8 3 2 3");

    /** The width of a legend character, as a share of its font size (a generous average for sans-serif). */
    private static final double CHAR_WIDTH = 0.62;

    private final StringBuilder out = new StringBuilder(8192);
    private final String prefix;

    /** A standalone chart document titled {@code title}, its canvas wide enough for the legend names of series. */
    Svg(String title, List<ChartSeries> series) {
        this(title, series, "");
    }

    /**
     * A chart titled {@code title}, its canvas wide enough for the legend names of {@code series}. With an empty
     * {@code id} a standalone document (XML declaration, ids {@code chart-title} and {@code plot}); otherwise an
     * {@code <svg class="chart" id="ID">} element to embed in an HTML page, its ids prefixed with {@code ID-} so
     * several charts can share a page, scaled by the page's style sheet through its {@code viewBox}.
     */
    Svg(String title, List<ChartSeries> series, String id) {
        this.prefix = id.isEmpty() ? "" : id + "-";
        int longest = series.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        int width = (int) Math.max(PlotArea.CANVAS_WIDTH, Math.ceil(PlotArea.STANDARD.right() + 82
                + longest * LEGEND_SIZE * CHAR_WIDTH + 20));
        if (id.isEmpty()) {
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
        if (!id.isEmpty()) {
            out.append(" class=\"chart\" id=\"").append(escape(id)).append('"');
        }
        out.append(" width=\"").append(width)
                .append("\" height=\"").append(PlotArea.CANVAS_HEIGHT).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(PlotArea.CANVAS_HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(escape(prefix))
                .append("chart-title\" font-family=\"").append(FONT).append("\">\n");
        out.append("<title id=\"").append(escape(prefix)).append("chart-title\">").append(escape(title))
                .append("</title>\n");
        out.append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(width / 2.0, 46, TITLE_SIZE, "middle", "title", title, "font-weight=\"bold\"");
    }

    /**
     * Checks the parts every chart has: a non-blank title, both axes and the series.
     *
     * @return an unmodifiable copy of {@code series}
     */
    static List<ChartSeries> checked(String title, ChartAxis x, ChartAxis y, List<ChartSeries> series) {
        Require.nonBlank(title, "title");
        Require.nonNull(x, "x");
        Require.nonNull(y, "y");
        return List.copyOf(Require.nonNull(series, "series"));
    }

    /**
     * The data group clipped to the plot area, in which {@code drawSeries} draws each series with its index in turn;
     * then the legend ({@link #legend}); then the finished document.
     */
    String data(PlotArea a, List<ChartSeries> series, boolean lines, ObjIntConsumer<ChartSeries> drawSeries) {
        out.append("<g class=\"data\" clip-path=\"").append(clip()).append("\">\n");
        for (int i = 0; i < series.size(); i++) {
            drawSeries.accept(series.get(i), i);
        }
        out.append("</g>\n");
        legend(a, series, lines);
        return finish();
    }

    /**
     * A marker ({@link #marker}) for each point of {@code s}, series {@code index}, its tooltip the series name and
     * the point's coordinates, with {@code errors} and an error also "± error".
     */
    void markers(PlotArea a, ChartAxis x, ChartAxis y, ChartSeries s, int index, boolean errors) {
        for (ChartPoint p : s.points()) {
            marker(a.x(x, p.x()), a.y(y, p.y()), index, s.name() + ": " + x.tickLabel(p.x()) + ", "
                    + y.tickLabel(p.y()) + (errors && p.error() > 0 ? " \u00b1 " + y.tickLabel(p.error()) : ""));
        }
    }

    /** The value of a {@code clip-path} attribute that clips to the plot area. */
    String clip() {
        return "url(#" + escape(prefix) + "plot)";
    }

    /** Grid lines, ticks, tick labels and axis titles of both axes, and the clip path of the plot area. */
    void axes(PlotArea a, ChartAxis x, ChartAxis y) {
        out.append("<defs><clipPath id=\"").append(escape(prefix)).append("plot\"><rect x=\"").append(n(a.left()))
                .append("\" y=\"").append(n(a.top()))
                .append("\" width=\"").append(n(a.width())).append("\" height=\"").append(n(a.height()))
                .append("\"/></clipPath></defs>\n");
        out.append("<g class=\"axes\" stroke=\"#444444\" stroke-width=\"1\">\n");
        for (double t : y.ticks()) {
            double py = a.y(y, t);
            line(a.left(), py, a.right(), py, "#dddddd");
            line(a.left() - 8, py, a.left(), py, "#444444");
        }
        for (double t : x.ticks()) {
            double px = a.x(x, t);
            line(px, a.top(), px, a.bottom(), "#dddddd");
            line(px, a.bottom(), px, a.bottom() + 8, "#444444");
        }
        out.append("<rect x=\"").append(n(a.left())).append("\" y=\"").append(n(a.top())).append("\" width=\"")
                .append(n(a.width())).append("\" height=\"").append(n(a.height()))
                .append("\" fill=\"none\" stroke=\"#444444\" stroke-width=\"2\"/>\n");
        out.append("</g>\n");
        for (double t : y.ticks()) {
            text(a.left() - 14, a.y(y, t) + TICK_SIZE / 3.0, TICK_SIZE, "end", "tick-y", y.tickLabel(t), "");
        }
        for (double t : x.ticks()) {
            text(a.x(x, t), a.bottom() + 12 + TICK_SIZE, TICK_SIZE, "middle", "tick-x", x.tickLabel(t), "");
        }
        text(a.left() + a.width() / 2, a.bottom() + 40 + LABEL_SIZE + 10, fitting(x.label(), a.width() + 100),
                "middle", "axis-x", x.label(), "");
        double cx = 36;
        double cy = a.top() + a.height() / 2;
        text(cx, cy, fitting(y.label(), a.height() + 100), "middle", "axis-y", y.label(), "transform=\"rotate(-90 "
                + n(cx) + " " + n(cy) + ")\"");
    }

    /** An axis title's font size: {@link #LABEL_SIZE}, or smaller (down to 12) so {@code label} fits {@code room}. */
    private static int fitting(String label, double room) {
        return (int) Math.max(12, Math.min(LABEL_SIZE, Math.floor(room / (label.length() * CHAR_WIDTH))));
    }

    /** The legend right of the plot area: one swatch (line and marker) and name per series. */
    void legend(PlotArea a, List<ChartSeries> series, boolean lines) {
        double x = a.right() + 30;
        double y = a.top() + 10;
        out.append("<g class=\"legend\">\n");
        for (int i = 0; i < series.size(); i++) {
            double row = y + i * (LEGEND_SIZE + 16);
            if (lines && series.get(i).joined()) {
                out.append("<line x1=\"").append(n(x)).append("\" y1=\"").append(n(row)).append("\" x2=\"")
                        .append(n(x + 40)).append("\" y2=\"").append(n(row)).append("\" stroke=\"").append(colour(i))
                        .append("\" stroke-width=\"4\"").append(dash(i)).append("/>\n");
            }
            marker(x + 20, row, i, "");
            text(x + 52, row + LEGEND_SIZE / 3.0, LEGEND_SIZE, "start", "legend-name", series.get(i).name(), "");
        }
        out.append("</g>\n");
    }

    /** An error bar of series {@code index} from {@code low} to {@code high} at {@code cx}, with caps. */
    void errorBar(double cx, double low, double high, int index) {
        out.append("<path class=\"error-bar\" d=\"M").append(n(cx)).append(' ').append(n(low)).append('V')
                .append(n(high)).append('M').append(n(cx - 7)).append(' ').append(n(low)).append('H').append(n(cx + 7))
                .append('M').append(n(cx - 7)).append(' ').append(n(high)).append('H').append(n(cx + 7))
                .append("\" fill=\"none\" stroke=\"").append(colour(index)).append("\" stroke-width=\"2\"/>\n");
    }

    /** A point marker of series {@code index}: a circle with a tooltip. */
    void marker(double cx, double cy, int index, String tooltip) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"6\" fill=\"")
                .append(colour(index)).append("\" stroke=\"#ffffff\" stroke-width=\"1.5\"");
        if (tooltip.isEmpty()) {
            out.append("/>\n");
        } else {
            out.append("><title>").append(escape(tooltip)).append("</title></circle>\n");
        }
    }

    void text(double x, double y, int size, String anchor, String cls, String text, String extra) {
        out.append("<text class=\"").append(cls).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" font-size=\"").append(size).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"#222222\"");
        if (!extra.isEmpty()) {
            out.append(' ').append(extra);
        }
        out.append('>').append(escape(text)).append("</text>\n");
    }

    void line(double x1, double y1, double x2, double y2, String stroke) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\"/>\n");
    }

    /** Appends raw SVG markup; the caller escapes any text in it. */
    Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    static String colour(int index) {
        return COLOURS.get(index % COLOURS.size());
    }

    static String dash(int index) {
        String d = DASHES.get(index % DASHES.size());
        return d.isEmpty() ? "" : " stroke-dasharray=\"" + d + "\"";
    }

    /** {@code id} if it is a letter followed by letters, digits and hyphens. */
    static String requireId(String id) {
        if (id == null || !id.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("id must be a letter followed by letters, digits and hyphens, was "
                    + id);
        }
        return id;
    }

    /** A coordinate with two decimals, never in exponent notation. */
    static String n(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * {@code text} made safe inside XML text and attribute values: markup characters as entities, characters XML
     * 1.0 does not allow (most control characters, lone surrogates) as U+FFFD.
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        b.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
