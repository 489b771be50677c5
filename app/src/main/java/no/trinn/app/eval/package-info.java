/**
 * Output of {@code trinn eval}: the report files (CSV tables and SVG charts meant for therapists), drawn with the
 * console's chart writer ({@link no.trinn.console.charts}), which the therapist console's progress pages share.
 */
package no.trinn.app.eval;
