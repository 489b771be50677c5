package no.trinn.console.charts;

import no.trinn.core.Require;

/**
 * Where the data go inside a chart's SVG canvas, in SVG user units (pixels), and how values map onto it: the
 * horizontal axis runs left to right, the vertical axis bottom to top.
 *
 * @param left the plot area's left edge
 * @param top its top edge
 * @param width its width; above 0
 * @param height its height; above 0
 */
public record PlotArea(double left, double top, double width, double height) {
    /** Width of the whole canvas. */
    public static final int CANVAS_WIDTH = 1100;
    /** Height of the whole canvas. */
    public static final int CANVAS_HEIGHT = 680;
    /** The area every chart here uses: room for the title above, axis labels left and below, the legend right. */
    public static final PlotArea STANDARD = new PlotArea(130, 80, 660, 480);

    public PlotArea {
        if (!(width > 0) || !(height > 0)) {
            throw new IllegalArgumentException("width and height must be above 0, were " + width + " and " + height);
        }
    }

    /** The horizontal coordinate of {@code value} on {@code axis}. */
    public double x(ChartAxis axis, double value) {
        Require.nonNull(axis, "axis");
        return left + (value - axis.min()) / (axis.max() - axis.min()) * width;
    }

    /** The vertical coordinate of {@code value} on {@code axis}. */
    public double y(ChartAxis axis, double value) {
        Require.nonNull(axis, "axis");
        return top + height - (value - axis.min()) / (axis.max() - axis.min()) * height;
    }

    /** The bottom edge. */
    public double bottom() {
        return top + height;
    }

    /** The right edge. */
    public double right() {
        return left + width;
    }
}
