/**
 * A dependency-free SVG chart writer meant for therapists, shared by the console's progress pages and
 * {@code trinn eval}: {@link no.trinn.console.charts.LineChart} (with optional error bars per point and a shaded
 * band) and {@link no.trinn.console.charts.ScatterChart}, large fonts, axis titles with units, a legend, a
 * colour-blind-safe palette with a dash pattern per series, and presentation attributes only (no {@code style}
 * attribute, no script), so a chart can be embedded in a page whose Content-Security-Policy forbids inline styles;
 * and CSV tables ({@link no.trinn.console.charts.Csv}).
 */
package no.trinn.console.charts;
