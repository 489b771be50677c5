package no.trinn.console.web;

import java.util.Locale;
import no.trinn.core.JsonText;

/**
 * A minimal streaming JSON writer for the export: objects, arrays, strings, numbers, booleans and null. Strings are
 * escaped by {@link JsonText#quoteForHtml}, so the text may also stand inside a page.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder(4096);
    private boolean first = true;

    JsonWriter begin() {
        return open('{');
    }

    JsonWriter end() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    private JsonWriter open(char bracket) {
        comma();
        out.append(bracket);
        first = true;
        return this;
    }

    private JsonWriter close(char bracket) {
        out.append(bracket);
        first = false;
        return this;
    }

    /** The key of the next value in an object. */
    JsonWriter key(String key) {
        comma();
        JsonText.quoteForHtml(out, key);
        out.append(':');
        first = true;
        return this;
    }

    JsonWriter value(String v) {
        comma();
        if (v == null) {
            out.append("null");
        } else {
            JsonText.quoteForHtml(out, v);
        }
        first = false;
        return this;
    }

    JsonWriter value(double v) {
        return scalar(Double.isFinite(v)
                ? v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v)
                : "null");
    }

    JsonWriter value(long v) {
        return scalar(Long.toString(v));
    }

    JsonWriter value(boolean v) {
        return scalar(Boolean.toString(v));
    }

    JsonWriter nullValue() {
        return scalar("null");
    }

    /** A value written as {@code text}. */
    private JsonWriter scalar(String text) {
        comma();
        out.append(text);
        first = false;
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void comma() {
        if (!first) {
            out.append(',');
        }
        first = true;
    }
}
