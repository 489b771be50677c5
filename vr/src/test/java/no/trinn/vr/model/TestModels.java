package no.trinn.vr.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes small glTF files for tests: every node is a unit cube with its own material colour. */
public final class TestModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One node: a unit cube scaled by {@code size} around {@code at} (relative to the parent), coloured {@code rgba}
     * (linear), child of node {@code parent} (or a root when negative).
     */
    public record Node(String name, double[] at, double[] size, double[] rgba, int parent) {
    }

    private TestModels() {
    }

    /** A single coloured cube of edge {@code edge}, as {@code .gltf} + {@code .bin} or {@code .glb}. */
    public static Path cube(Path file, double edge, double... rgba) {
        return write(file, List.of(new Node("cube", new double[] {0, 0, 0}, new double[] {edge, edge, edge}, rgba,
                -1)));
    }

    /** A figure: a body and a child node named {@code head} at head height, all in {@code rgba}. */
    public static Path person(Path file, double... rgba) {
        return write(file, List.of(
                new Node("body", new double[] {0, 0.75, 0}, new double[] {0.42, 1.5, 0.26}, rgba, -1),
                new Node("head", new double[] {0, 0.85, 0}, new double[] {0.26, 0.3, 0.26}, rgba, 0)));
    }

    /** Writes {@code nodes}; a file name ending in {@code .glb} gives a binary file, else JSON beside a .bin. */
    public static Path write(Path file, List<Node> nodes) {
        boolean glb = file.toString().endsWith(".glb");
        byte[] bin = cubeBuffer();
        ObjectNode root = JSON.createObjectNode();
        root.putObject("asset").put("version", "2.0");
        root.put("scene", 0);
        ArrayNode sceneNodes = root.putArray("scenes").addObject().putArray("nodes");
        ObjectNode buffer = root.putArray("buffers").addObject().put("byteLength", bin.length);
        String binName = file.getFileName().toString().replaceAll("\\.gltf$", "") + ".bin";
        if (!glb) {
            buffer.put("uri", binName);
        }
        ArrayNode views = root.putArray("bufferViews");
        views.addObject().put("buffer", 0).put("byteOffset", 0).put("byteLength", 288);
        views.addObject().put("buffer", 0).put("byteOffset", 288).put("byteLength", 288);
        views.addObject().put("buffer", 0).put("byteOffset", 576).put("byteLength", 72);
        ArrayNode accessors = root.putArray("accessors");
        ObjectNode pos = accessors.addObject().put("bufferView", 0).put("componentType", 5126).put("count", 24)
                .put("type", "VEC3");
        pos.putArray("min").add(-0.5).add(-0.5).add(-0.5);
        pos.putArray("max").add(0.5).add(0.5).add(0.5);
        accessors.addObject().put("bufferView", 1).put("componentType", 5126).put("count", 24).put("type", "VEC3");
        accessors.addObject().put("bufferView", 2).put("componentType", 5123).put("count", 36).put("type", "SCALAR");
        ArrayNode meshes = root.putArray("meshes");
        ArrayNode materials = root.putArray("materials");
        ArrayNode out = root.putArray("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            ArrayNode factor = materials.addObject().putObject("pbrMetallicRoughness").putArray("baseColorFactor");
            for (double c : n.rgba()) {
                factor.add(c);
            }
            ObjectNode prim = meshes.addObject().putArray("primitives").addObject().put("material", i)
                    .put("indices", 2);
            prim.putObject("attributes").put("POSITION", 0).put("NORMAL", 1);
            // the cube's node carries the size; a wrapper node carries the offset, so children are not scaled
            ObjectNode holder = out.addObject().put("name", n.name());
            holder.putArray("translation").add(n.at()[0]).add(n.at()[1]).add(n.at()[2]);
            holder.putArray("children").add(nodes.size() + i);
            if (n.parent() < 0) {
                sceneNodes.add(i);
            } else {
                ((ArrayNode) out.get(n.parent()).get("children")).add(i);
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            ObjectNode shape = out.addObject().put("name", n.name() + "-shape").put("mesh", i);
            shape.putArray("scale").add(n.size()[0]).add(n.size()[1]).add(n.size()[2]);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] json = JSON.writeValueAsBytes(root);
            if (glb) {
                int jsonPadded = (json.length + 3) & ~3;
                ByteBuffer b = ByteBuffer.allocate(12 + 8 + jsonPadded + 8 + bin.length).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(0x46546C67).putInt(2).putInt(b.capacity());
                b.putInt(jsonPadded).putInt(0x4E4F534A).put(json);
                for (int k = json.length; k < jsonPadded; k++) {
                    b.put((byte) ' ');
                }
                b.putInt(bin.length).putInt(0x004E4942).put(bin);
                Files.write(file, b.array());
            } else {
                Files.write(file, json);
                Files.write(file.resolveSibling(binName), bin);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes {@code text} as {@code file}. */
    public static Path text(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 24 positions, 24 normals (float VEC3) and 36 unsigned short indices of a unit cube, outward CCW faces. */
    private static byte[] cubeBuffer() {
        ByteBuffer p = ByteBuffer.allocate(648).order(ByteOrder.LITTLE_ENDIAN);
        float[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        float[] positions = new float[72];
        float[] normals = new float[72];
        short[] idx = new short[36];
        int v = 0;
        int t = 0;
        for (int axis = 0; axis < 3; axis++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                float[] n = {axes[axis][0] * sign, axes[axis][1] * sign, axes[axis][2] * sign};
                float[] u = axes[(axis + 1) % 3];
                float[] w = {n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]};
                int base = v;
                for (float[] c : new float[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}) {
                    for (int k = 0; k < 3; k++) {
                        positions[v * 3 + k] = 0.5f * (n[k] + c[0] * u[k] + c[1] * w[k]);
                        normals[v * 3 + k] = n[k];
                    }
                    v++;
                }
                for (int k : new int[] {0, 1, 2, 0, 2, 3}) {
                    idx[t++] = (short) (base + k);
                }
            }
        }
        for (float f : positions) {
            p.putFloat(f);
        }
        for (float f : normals) {
            p.putFloat(f);
        }
        for (short s : idx) {
            p.putShort(s);
        }
        return p.array();
    }
}
