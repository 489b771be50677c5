package no.trinn.vr.avatar;

import no.trinn.core.Require;
import no.trinn.vr.Viseme;

/**
 * How the mouth is formed at one instant.
 *
 * @param open 0 lips together .. 1 jaw wide open
 * @param width 0 narrow .. 1 spread; 0.5 at rest
 * @param round 0 flat .. 1 rounded and pushed forward
 */
public record MouthShape(double open, double width, double round) {
    public static final MouthShape REST = new MouthShape(0, 0.5, 0);

    public MouthShape {
        Require.inRange(open, 0, 1, "open");
        Require.inRange(width, 0, 1, "width");
        Require.inRange(round, 0, 1, "round");
    }

    /** The shape of {@code viseme}. */
    public static MouthShape of(Viseme viseme) {
        return switch (viseme) {
            case REST -> REST;
            case CLOSED -> new MouthShape(0, 0.45, 0.1);
            case LIP_TEETH -> new MouthShape(0.1, 0.5, 0);
            case TONGUE_TEETH -> new MouthShape(0.2, 0.5, 0);
            case NARROW -> new MouthShape(0.25, 0.5, 0);
            case OPEN -> new MouthShape(0.9, 0.6, 0.05);
            case SPREAD -> new MouthShape(0.4, 0.85, 0);
            case ROUND -> new MouthShape(0.55, 0.25, 0.9);
        };
    }
}
