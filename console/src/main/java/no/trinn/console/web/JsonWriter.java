package no.trinn.console.web;

import java.util.Locale;

/** A minimal streaming JSON writer for the export: objects, arrays, strings, numbers, booleans and null. */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder(4096);
    private boolean first = true;

    JsonWriter begin() {
        comma();
        out.append('{');
        first = true;
        return this;
    }

    JsonWriter end() {
        out.append('}');
        first = false;
        return this;
    }

    JsonWriter beginArray() {
        comma();
        out.append('[');
        first = true;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        first = false;
        return this;
    }

    /** The key of the next value in an object. */
    JsonWriter key(String key) {
        comma();
        string(key);
        out.append(':');
        first = true;
        return this;
    }

    JsonWriter value(String v) {
        comma();
        if (v == null) {
            out.append("null");
        } else {
            string(v);
        }
        first = false;
        return this;
    }

    JsonWriter value(double v) {
        comma();
        if (Double.isFinite(v)) {
            out.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v)
                    : Double.toString(v));
        } else {
            out.append("null");
        }
        first = false;
        return this;
    }

    JsonWriter value(long v) {
        comma();
        out.append(v);
        first = false;
        return this;
    }

    JsonWriter value(boolean v) {
        comma();
        out.append(v);
        first = false;
        return this;
    }

    JsonWriter nullValue() {
        comma();
        out.append("null");
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

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>') {
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
