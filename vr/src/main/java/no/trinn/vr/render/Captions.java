package no.trinn.vr.render;

import java.util.List;
import no.trinn.core.Require;

/**
 * The captions of one frame, drawn in a band at the bottom, oldest first; nothing is drawn when not {@code visible}
 * (the client turned captions off) or when there are no lines.
 *
 * @param lines the lines, oldest first; at most the last {@link #MAX_LINES} are drawn
 * @param visible whether captions are switched on
 */
public record Captions(List<Caption> lines, boolean visible) {
    /** The most caption lines drawn at once. */
    public static final int MAX_LINES = 2;

    public Captions {
        lines = List.copyOf(Require.nonNull(lines, "lines"));
    }

    /** No captions. */
    public static Captions none() {
        return new Captions(List.of(), true);
    }

    /** {@code lines}, shown. */
    public static Captions of(Caption... lines) {
        return new Captions(List.of(lines), true);
    }

    /** These captions, switched on or off. */
    public Captions withVisible(boolean on) {
        return new Captions(lines, on);
    }
}
