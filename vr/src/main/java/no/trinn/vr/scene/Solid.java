package no.trinn.vr.scene;

import no.trinn.core.Require;
import no.trinn.vr.math.Vec3;

/**
 * One piece of generated geometry in a scene: a box or an upright cylinder.
 *
 * @param name what it is, for error messages and authors ("counter", "shelf-1")
 * @param shape its shape
 * @param centre its centre, metres
 * @param size its extent along x, y, z, metres; a cylinder's diameter is x (and z), its height y
 * @param yawDegrees rotation about the vertical axis
 * @param colour its colour
 */
public record Solid(String name, Shape shape, Vec3 centre, Vec3 size, double yawDegrees, Rgb colour) {
    /** The generated shapes a scene may use. */
    public enum Shape {
        BOX, CYLINDER
    }

    public Solid {
        Require.nonBlank(name, "name");
        Require.nonNull(shape, "shape");
        Require.nonNull(centre, "centre");
        Require.nonNull(size, "size");
        Require.nonNull(colour, "colour");
        if (size.x() <= 0 || size.y() <= 0 || size.z() <= 0) {
            throw new IllegalArgumentException("size of " + name + " must be positive on every axis, was " + size);
        }
    }
}
