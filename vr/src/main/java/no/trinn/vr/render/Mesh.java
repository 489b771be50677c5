package no.trinn.vr.render;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.system.MemoryUtil;

/** A static indexed triangle mesh with positions and normals (locations 0 and 1) in one VAO. */
final class Mesh implements AutoCloseable {
    private final int vao;
    private final int vbo;
    private final int ebo;
    private final int count;

    private Mesh(String what, float[] vertices, int[] indices) {
        vao = Gl.created(glGenVertexArrays(), "glGenVertexArrays (" + what + ")");
        vbo = Gl.created(glGenBuffers(), "glGenBuffers (" + what + ")");
        ebo = Gl.created(glGenBuffers(), "glGenBuffers (" + what + ")");
        glBindVertexArray(vao);
        FloatBuffer v = MemoryUtil.memAllocFloat(vertices.length).put(vertices).flip();
        IntBuffer i = MemoryUtil.memAllocInt(indices.length).put(indices).flip();
        try {
            glBindBuffer(GL_ARRAY_BUFFER, vbo);
            glBufferData(GL_ARRAY_BUFFER, v, GL_STATIC_DRAW);
            glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo);
            glBufferData(GL_ELEMENT_ARRAY_BUFFER, i, GL_STATIC_DRAW);
        } finally {
            MemoryUtil.memFree(v);
            MemoryUtil.memFree(i);
        }
        glVertexAttribPointer(0, 3, GL_FLOAT, false, 24, 0);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(1, 3, GL_FLOAT, false, 24, 12);
        glEnableVertexAttribArray(1);
        glBindVertexArray(0);
        count = indices.length;
        Gl.check("uploading the " + what + " mesh");
    }

    /** A mesh of interleaved position and normal ({@code vertices}, 6 floats each) and triangle {@code indices}. */
    static Mesh of(String what, float[] vertices, int[] indices) {
        return new Mesh(what, vertices, indices);
    }

    void draw() {
        glBindVertexArray(vao);
        glDrawElements(GL_TRIANGLES, count, GL_UNSIGNED_INT, 0);
    }

    @Override
    public void close() {
        glDeleteBuffers(ebo);
        glDeleteBuffers(vbo);
        glDeleteVertexArrays(vao);
    }

    /** A cube spanning [-0.5, 0.5]. */
    static Mesh box() {
        Builder b = new Builder();
        float[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int axis = 0; axis < 3; axis++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                float[] n = scale(axes[axis], sign);
                float[] u = scale(axes[(axis + 1) % 3], 1);
                float[] v = cross(n, u);
                int base = b.size();
                for (float[] c : new float[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}) {
                    b.vertex(0.5f * (n[0] + c[0] * u[0] + c[1] * v[0]), 0.5f * (n[1] + c[0] * u[1] + c[1] * v[1]),
                            0.5f * (n[2] + c[0] * u[2] + c[1] * v[2]), n[0], n[1], n[2]);
                }
                b.triangle(base, base + 1, base + 2);
                b.triangle(base, base + 2, base + 3);
            }
        }
        return b.build("box");
    }

    /** An upright cylinder of diameter 1 and height 1 centred on the origin, with caps. */
    static Mesh cylinder(int slices) {
        Builder b = new Builder();
        for (int j = 0; j <= slices; j++) {
            double phi = 2 * Math.PI * j / slices;
            float x = (float) Math.sin(phi);
            float z = (float) Math.cos(phi);
            b.vertex(0.5f * x, 0.5f, 0.5f * z, x, 0, z);
            b.vertex(0.5f * x, -0.5f, 0.5f * z, x, 0, z);
        }
        for (int j = 0; j < slices; j++) {
            int a = 2 * j;
            b.triangle(a, a + 1, a + 3);
            b.triangle(a, a + 3, a + 2);
        }
        for (int sign = 1; sign >= -1; sign -= 2) {
            int centre = b.size();
            b.vertex(0, 0.5f * sign, 0, 0, sign, 0);
            for (int j = 0; j <= slices; j++) {
                double phi = 2 * Math.PI * j / slices;
                b.vertex(0.5f * (float) Math.sin(phi), 0.5f * sign, 0.5f * (float) Math.cos(phi), 0, sign, 0);
            }
            for (int j = 0; j < slices; j++) {
                if (sign > 0) {
                    b.triangle(centre, centre + 1 + j, centre + 2 + j);
                } else {
                    b.triangle(centre, centre + 2 + j, centre + 1 + j);
                }
            }
        }
        return b.build("cylinder");
    }

    /** A sphere of radius 1. */
    static Mesh sphere(int stacks, int slices) {
        Builder b = new Builder();
        for (int i = 0; i <= stacks; i++) {
            double theta = Math.PI * i / stacks;
            for (int j = 0; j <= slices; j++) {
                double phi = 2 * Math.PI * j / slices;
                float x = (float) (Math.sin(theta) * Math.sin(phi));
                float y = (float) Math.cos(theta);
                float z = (float) (Math.sin(theta) * Math.cos(phi));
                b.vertex(x, y, z, x, y, z);
            }
        }
        int row = slices + 1;
        for (int i = 0; i < stacks; i++) {
            for (int j = 0; j < slices; j++) {
                int a = i * row + j;
                int bl = a + row;
                b.triangle(a, bl, bl + 1);
                b.triangle(a, bl + 1, a + 1);
            }
        }
        return b.build("sphere");
    }

    private static float[] scale(float[] v, float s) {
        return new float[] {v[0] * s, v[1] * s, v[2] * s};
    }

    private static float[] cross(float[] a, float[] b) {
        return new float[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static final class Builder {
        private final List<float[]> vertices = new ArrayList<>();
        private final List<int[]> triangles = new ArrayList<>();

        int size() {
            return vertices.size();
        }

        void vertex(float x, float y, float z, float nx, float ny, float nz) {
            vertices.add(new float[] {x, y, z, nx, ny, nz});
        }

        void triangle(int a, int b, int c) {
            triangles.add(new int[] {a, b, c});
        }

        Mesh build(String what) {
            float[] v = new float[vertices.size() * 6];
            for (int k = 0; k < vertices.size(); k++) {
                System.arraycopy(vertices.get(k), 0, v, k * 6, 6);
            }
            int[] i = new int[triangles.size() * 3];
            for (int k = 0; k < triangles.size(); k++) {
                System.arraycopy(triangles.get(k), 0, i, k * 3, 3);
            }
            return new Mesh(what, v, i);
        }
    }
}
