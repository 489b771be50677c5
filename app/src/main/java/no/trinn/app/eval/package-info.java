/**
 * Output of {@code trinn eval}: dependency-free SVG charts meant for therapists ({@link no.trinn.app.eval.LineChart},
 * {@link no.trinn.app.eval.ScatterChart}) and CSV tables ({@link no.trinn.app.eval.Csv}).
 */
package no.trinn.app.eval;
