package no.trinn.vr.scene;

import no.trinn.core.Require;
import no.trinn.vr.math.Vec3;

/**
 * Where the client's eyes are and what they look at.
 *
 * @param eye the eye position, metres
 * @param target the point looked at; differs from {@code eye}
 * @param fovDegrees vertical field of view in (10, 120)
 */
public record CameraPose(Vec3 eye, Vec3 target, double fovDegrees) {
    public CameraPose {
        Require.nonNull(eye, "eye");
        Require.nonNull(target, "target");
        Require.inRange(fovDegrees, 10, 120, "fovDegrees");
        if (eye.minus(target).length() < 1e-6) {
            throw new IllegalArgumentException("target must differ from eye");
        }
    }
}
