package no.trinn.vr.render;

import no.trinn.core.Require;

/**
 * One caption line on screen.
 *
 * @param side who said it
 * @param speaker the label shown before the text ("Priya", "You")
 * @param text what was said
 */
public record Caption(Side side, String speaker, String text) {
    /** Who a caption belongs to: the character or the client; each side has its own colour. */
    public enum Side {
        CHARACTER, CLIENT
    }

    public Caption {
        Require.nonNull(side, "side");
        Require.nonBlank(speaker, "speaker");
        Require.nonBlank(text, "text");
    }
}
