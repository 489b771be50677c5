package no.trinn.vr.model;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.scene.Rgb;

/**
 * A user-supplied 3D model as the renderer draws it: triangle pieces in the model's own space (node transforms
 * already applied, metres, +y up, facing +z as glTF prescribes), each with one colour. Read by {@link GltfReader}.
 * Immutable by contract: the arrays of a piece are never changed after loading.
 *
 * @param source the file it was read from, for messages
 * @param pieces what to draw; at least one
 * @param headPivot where the node named {@code head} sits, when the model has one; pieces under it turn about it
 * @param min the lower corner of the model's bounds
 * @param max the upper corner of the model's bounds
 */
public record Model(String source, List<Piece> pieces, Optional<Vec3> headPivot, Vec3 min, Vec3 max) {
    public Model {
        Require.nonBlank(source, "source");
        pieces = List.copyOf(Require.nonEmpty(pieces, "pieces"));
        Require.nonNull(headPivot, "headPivot");
        Require.nonNull(min, "min");
        Require.nonNull(max, "max");
    }

    /** The number of vertices over all pieces. */
    public int vertexCount() {
        return pieces.stream().mapToInt(Piece::vertexCount).sum();
    }

    /**
     * One primitive of one node: an indexed triangle list.
     *
     * @param name the node's name (or {@code node-N}), for tests and debugging
     * @param vertices position x, y, z then normal x, y, z per vertex, model space
     * @param indices three per triangle, counter-clockwise seen from the front
     * @param colour the material's base colour factor, converted from linear to sRGB (textures are not used)
     * @param head whether the piece belongs to the head node's subtree
     */
    public record Piece(String name, float[] vertices, int[] indices, Rgb colour, boolean head) {
        public Piece {
            Require.nonBlank(name, "name");
            Require.nonNull(vertices, "vertices");
            Require.nonNull(indices, "indices");
            Require.nonNull(colour, "colour");
            if (vertices.length % 6 != 0 || indices.length % 3 != 0 || indices.length == 0) {
                throw new IllegalArgumentException("piece " + name + " must have whole vertices and triangles");
            }
        }

        /** The number of vertices. */
        public int vertexCount() {
            return vertices.length / 6;
        }
    }
}
