package no.trinn.vr.scene;

import java.util.Locale;
import no.trinn.core.Require;

/**
 * A colour with channels in [0, 1], as authored (sRGB values used directly).
 *
 * @param r red
 * @param g green
 * @param b blue
 */
public record Rgb(double r, double g, double b) {
    public Rgb {
        Require.inRange(r, 0, 1, "r");
        Require.inRange(g, 0, 1, "g");
        Require.inRange(b, 0, 1, "b");
    }

    /** Parses {@code #rrggbb}; throws naming the text when it is not that form. */
    public static Rgb hex(String text) {
        Require.nonNull(text, "text");
        if (!text.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("a colour must look like #rrggbb, was \"" + text + "\"");
        }
        int v = Integer.parseInt(text.substring(1), 16);
        return new Rgb(((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0);
    }

    /** This colour with every channel multiplied by {@code f} and clamped to [0, 1]. */
    public Rgb scaled(double f) {
        return new Rgb(clamp(r * f), clamp(g * f), clamp(b * f));
    }

    /** The colour {@code t} of the way from this one to {@code o}. */
    public Rgb mix(Rgb o, double t) {
        return new Rgb(clamp(r + (o.r - r) * t), clamp(g + (o.g - g) * t), clamp(b + (o.b - b) * t));
    }

    /** The {@code #rrggbb} form. */
    public String toHex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(r * 255), Math.round(g * 255),
                Math.round(b * 255));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
