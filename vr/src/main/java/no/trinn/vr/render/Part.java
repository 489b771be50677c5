package no.trinn.vr.render;

import no.trinn.core.Require;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.scene.Rgb;

/**
 * One lit, coloured piece of geometry to draw: a unit mesh placed by a model matrix.
 *
 * @param name what it is ("head", "mouth-inner", "counter"), for tests and debugging
 * @param mesh the unit mesh
 * @param model places the unit mesh in the world
 * @param colour its colour
 * @param shine 0 matte .. 1 glossy
 */
public record Part(String name, MeshKind mesh, Mat4 model, Rgb colour, double shine) {
    /**
     * The unit meshes: a cube and an upright cylinder spanning [-0.5, 0.5] on every axis, and a sphere of radius 1.
     */
    public enum MeshKind {
        BOX, CYLINDER, SPHERE
    }

    public Part {
        Require.nonBlank(name, "name");
        Require.nonNull(mesh, "mesh");
        Require.nonNull(model, "model");
        Require.nonNull(colour, "colour");
        Require.inRange(shine, 0, 1, "shine");
    }
}
