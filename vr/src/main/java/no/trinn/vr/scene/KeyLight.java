package no.trinn.vr.scene;

import no.trinn.core.Require;
import no.trinn.vr.math.Vec3;

/**
 * The one directional light of a scene.
 *
 * @param direction the direction the light travels in (not normalised by the caller; the renderer normalises)
 * @param colour its colour and strength
 */
public record KeyLight(Vec3 direction, Rgb colour) {
    public KeyLight {
        Require.nonNull(direction, "direction");
        Require.nonNull(colour, "colour");
        if (direction.length() < 1e-6) {
            throw new IllegalArgumentException("direction must not be the zero vector");
        }
    }
}
