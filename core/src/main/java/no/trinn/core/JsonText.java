package no.trinn.core;

import java.util.Locale;
import java.util.Objects;

/**
 * JSON string literals: the one escaping that the modules writing JSON share. Quotes and backslashes are escaped,
 * control characters too ({@code \n}, {@code \r}, {@code \t}, {@code \b} and {@code \f} in their short forms, the
 * others as {@code \}{@code u00XX}), and lone surrogates as {@code \}{@code uXXXX} so that they survive UTF-8.
 */
public final class JsonText {
    private JsonText() {
    }

    /** {@code value} as a JSON string literal, quotes included. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        quote(out, value);
        return out.toString();
    }

    /** Appends {@code value} to {@code out} as a JSON string literal, quotes included. */
    public static void quote(StringBuilder out, String value) {
        append(out, value, false);
    }

    /**
     * Appends {@code value} to {@code out} as a JSON string literal that may also stand inside an HTML
     * {@code <script>} element or a JavaScript source: as {@link #quote(StringBuilder, String)}, and {@code <},
     * {@code >}, U+2028 and U+2029 are escaped as well.
     */
    public static void quoteForHtml(StringBuilder out, String value) {
        append(out, value, true);
    }

    private static void append(StringBuilder out, String value, boolean forHtml) {
        Objects.requireNonNull(value, "value");
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                            && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0
                                    && Character.isHighSurrogate(value.charAt(i - 1)));
                    boolean html = forHtml && (c == '<' || c == '>' || c == '\u2028' || c == '\u2029');
                    if (c < 0x20 || loneSurrogate || html) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
