package no.trinn.app.eval;

/**
 * One data point of a chart series.
 *
 * @param x the value on the horizontal axis; finite
 * @param y the value on the vertical axis; finite
 */
public record ChartPoint(double x, double y) {
    public ChartPoint {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, was " + x);
        }
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("y must be finite, was " + y);
        }
    }
}
