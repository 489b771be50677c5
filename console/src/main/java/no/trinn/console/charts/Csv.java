package no.trinn.console.charts;

import java.util.List;
import java.util.Locale;
import no.trinn.core.Require;

/**
 * Comma-separated values as RFC 4180 writes them: rows end in CRLF; a field holding a comma, a double quote, a line
 * break, or leading or trailing spaces is put in double quotes, with each double quote inside doubled.
 */
public final class Csv {
    private Csv() {
    }

    /** {@code field} as one CSV field, quoted when it must be. */
    public static String field(String field) {
        Require.nonNull(field, "field");
        boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || (!field.isEmpty() && (Character.isWhitespace(field.charAt(0))
                        || Character.isWhitespace(field.charAt(field.length() - 1))));
        return quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    /** One row, with its line end. */
    public static String row(List<String> fields) {
        Require.nonNull(fields, "fields");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(Require.nonNull(fields.get(i), "fields[" + i + "]")));
        }
        return b.append("\r\n").toString();
    }

    /**
     * A whole table: the header row, then the rows.
     *
     * @throws IllegalArgumentException if a row has a different number of fields than the header
     */
    public static String table(List<String> header, List<? extends List<String>> rows) {
        Require.nonEmpty(header, "header");
        Require.nonNull(rows, "rows");
        StringBuilder b = new StringBuilder(row(header));
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = Require.nonNull(rows.get(i), "rows[" + i + "]");
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("rows[" + i + "]: has " + r.size() + " fields, the header "
                        + header.size());
            }
            b.append(row(r));
        }
        return b.toString();
    }

    /** A number as a field: a point as decimal separator whatever the locale, no exponent, no trailing zeros. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        String s = new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s.toLowerCase(Locale.ROOT);
    }
}
