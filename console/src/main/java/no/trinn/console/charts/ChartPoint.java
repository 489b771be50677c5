package no.trinn.console.charts;

/**
 * One data point of a chart series, with an optional error (e.g. a standard deviation) that a line chart draws as an
 * error bar from {@code y - error} to {@code y + error}.
 *
 * @param x the value on the horizontal axis; finite
 * @param y the value on the vertical axis; finite
 * @param error the half-height of the error bar; finite and at least 0; 0 draws none
 */
public record ChartPoint(double x, double y, double error) {
    public ChartPoint {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, was " + x);
        }
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("y must be finite, was " + y);
        }
        if (!Double.isFinite(error) || error < 0) {
            throw new IllegalArgumentException("error must be finite and at least 0, was " + error);
        }
    }

    /** A point without an error bar. */
    public ChartPoint(double x, double y) {
        this(x, y, 0);
    }
}
