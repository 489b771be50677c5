package no.trinn.vr.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.vr.VrException;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.scene.Rgb;

/**
 * Reads glTF 2.0 models ({@code .gltf} JSON with external or embedded {@code data:} buffers, and binary {@code .glb})
 * into a {@link Model}: triangle meshes (modes 4, 5, 6; points and lines are skipped) with float positions, normals
 * (computed when absent) and 8/16/32-bit indices, the node hierarchy's matrices or TRS baked into the vertices, and
 * each material's base colour factor. Textures, vertex colours, skins, morph targets and animations are ignored; a
 * file that requires any extension (Draco, meshopt, mesh quantization ...) or uses sparse accessors is refused. Every
 * failure is one {@link VrException} line naming the file; nothing is returned half-read. Stateless and thread-safe.
 */
public final class GltfReader {
    /** The most vertices one model may have, after node instancing. */
    public static final int MAX_VERTICES = 300_000;
    private static final int GLB_MAGIC = 0x46546C67;
    private static final int CHUNK_JSON = 0x4E4F534A;
    private static final int CHUNK_BIN = 0x004E4942;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GltfReader() {
    }

    /**
     * Reads the model in {@code file}.
     *
     * @throws VrException one line naming the file: missing, not glTF, unsupported feature, too many vertices, broken
     */
    public static Model read(Path file) {
        Require.nonNull(file, "file");
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new VrException(name + ": model file not found");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new VrException(name + ": cannot read the model file: " + e.getMessage(), e);
        }
        try {
            return new Reading(file, bytes).model();
        } catch (VrException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VrException(name + ": not a valid glTF 2.0 file: " + e, e);
        }
    }

    /** The state of reading one file. */
    private static final class Reading {
        private final Path file;
        private final String name;
        private final JsonNode root;
        private final List<ByteBuffer> buffers = new ArrayList<>();
        private final List<Model.Piece> pieces = new ArrayList<>();
        private Optional<Vec3> headPivot = Optional.empty();
        private int vertices;
        private final double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        private final double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};

        Reading(Path file, byte[] bytes) {
            this.file = file;
            this.name = file.toString();
            ByteBuffer glbBin = null;
            String json;
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.length >= 12 && in.getInt(0) == GLB_MAGIC) {
                int version = in.getInt(4);
                if (version != 2) {
                    throw fail("GLB container version " + version + " is not supported (glTF 2.0 only)");
                }
                int length = Math.min(in.getInt(8), bytes.length);
                String text = null;
                int at = 12;
                while (at + 8 <= length) {
                    int chunkLength = in.getInt(at);
                    int type = in.getInt(at + 4);
                    if (chunkLength < 0 || at + 8 + chunkLength > length) {
                        throw fail("GLB chunk at byte " + at + " runs past the end of the file");
                    }
                    if (type == CHUNK_JSON && text == null) {
                        text = new String(bytes, at + 8, chunkLength, StandardCharsets.UTF_8);
                    } else if (type == CHUNK_BIN && glbBin == null) {
                        glbBin = ByteBuffer.wrap(bytes, at + 8, chunkLength).slice().order(ByteOrder.LITTLE_ENDIAN);
                    }
                    at += 8 + ((chunkLength + 3) & ~3);
                }
                if (text == null) {
                    throw fail("GLB file has no JSON chunk");
                }
                json = text;
            } else {
                json = new String(bytes, StandardCharsets.UTF_8);
                if (!json.stripLeading().startsWith("{")) {
                    throw fail("not a glTF file (neither glTF JSON nor a binary .glb)");
                }
            }
            try {
                root = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw fail("not a glTF file: invalid JSON: " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject() || !root.path("asset").isObject()) {
                throw fail("not a glTF file: no \"asset\" object");
            }
            String version = root.path("asset").path("version").asText("");
            if (!version.startsWith("2.")) {
                throw fail("glTF version \"" + version + "\" is not supported (glTF 2.0 only)");
            }
            for (JsonNode ext : root.path("extensionsRequired")) {
                throw fail("requires the glTF extension " + ext.asText() + ", which is not supported"
                        + (ext.asText().contains("draco") ? " (Draco-compressed meshes: export without compression)"
                                : ""));
            }
            int i = 0;
            for (JsonNode b : root.path("buffers")) {
                buffers.add(buffer(i++, b, glbBin));
            }
        }

        private VrException fail(String message) {
            return new VrException(name + ": " + message);
        }

        private ByteBuffer buffer(int index, JsonNode b, ByteBuffer glbBin) {
            int length = b.path("byteLength").asInt(-1);
            ByteBuffer data;
            if (!b.has("uri")) {
                if (glbBin == null || index != 0) {
                    throw fail("buffer " + index + " has no uri and there is no GLB binary chunk");
                }
                data = glbBin;
            } else {
                String uri = b.get("uri").asText();
                if (uri.startsWith("data:")) {
                    int comma = uri.indexOf(',');
                    if (comma < 0 || !uri.substring(0, comma).endsWith(";base64")) {
                        throw fail("buffer " + index + ": only base64 data URIs are supported");
                    }
                    data = ByteBuffer.wrap(Base64.getDecoder().decode(uri.substring(comma + 1)));
                } else {
                    if (uri.contains("://")) {
                        throw fail("buffer " + index + " refers to " + uri + "; only files next to the model load");
                    }
                    Path dir = file.toAbsolutePath().getParent();
                    Path bin = dir.resolve(java.net.URLDecoder.decode(uri.replace("+", "%2B"),
                            StandardCharsets.UTF_8)).normalize();
                    if (!Files.isRegularFile(bin)) {
                        throw fail("buffer file " + uri + " is missing (looked for " + bin + ")");
                    }
                    try {
                        data = ByteBuffer.wrap(Files.readAllBytes(bin));
                    } catch (IOException e) {
                        throw new VrException(name + ": cannot read buffer file " + bin + ": " + e.getMessage(), e);
                    }
                }
            }
            if (length < 0 || data.remaining() < length) {
                throw fail("buffer " + index + " is shorter (" + data.remaining() + " bytes) than its byteLength "
                        + length);
            }
            return data.order(ByteOrder.LITTLE_ENDIAN);
        }

        Model model() {
            JsonNode nodes = root.path("nodes");
            List<Integer> roots = new ArrayList<>();
            JsonNode scenes = root.path("scenes");
            if (scenes.isArray() && !scenes.isEmpty()) {
                JsonNode scene = scenes.get(root.path("scene").asInt(0));
                if (scene == null) {
                    throw fail("scene " + root.path("scene").asInt() + " does not exist");
                }
                scene.path("nodes").forEach(n -> roots.add(n.asInt()));
            } else {
                Set<Integer> children = new HashSet<>();
                nodes.forEach(n -> n.path("children").forEach(c -> children.add(c.asInt())));
                for (int n = 0; n < nodes.size(); n++) {
                    if (!children.contains(n)) {
                        roots.add(n);
                    }
                }
            }
            for (int n : roots) {
                node(n, IDENTITY, false, new HashSet<>());
            }
            if (pieces.isEmpty()) {
                throw fail("contains no triangle meshes to draw");
            }
            return new Model(name, pieces, headPivot, new Vec3(min[0], min[1], min[2]),
                    new Vec3(max[0], max[1], max[2]));
        }

        private static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

        private void node(int index, double[] parent, boolean underHead, Set<Integer> path) {
            JsonNode node = root.path("nodes").get(index);
            if (node == null) {
                throw fail("node " + index + " does not exist");
            }
            if (!path.add(index)) {
                throw fail("node " + index + " is its own ancestor");
            }
            double[] world = mul(parent, local(index, node));
            String nodeName = node.path("name").asText("node-" + index);
            boolean head = underHead;
            String lower = nodeName.toLowerCase(Locale.ROOT);
            if (!underHead && headPivot.isEmpty() && (lower.equals("head") || lower.endsWith(":head"))) {
                head = true;
                headPivot = Optional.of(new Vec3(world[12], world[13], world[14]));
            }
            if (node.has("mesh")) {
                mesh(node.get("mesh").asInt(), nodeName, world, head);
            }
            for (JsonNode c : node.path("children")) {
                node(c.asInt(), world, head, path);
            }
            path.remove(index);
        }

        private double[] local(int index, JsonNode node) {
            if (node.has("matrix")) {
                JsonNode m = node.get("matrix");
                if (m.size() != 16) {
                    throw fail("node " + index + ": matrix must have 16 numbers");
                }
                double[] out = new double[16];
                for (int k = 0; k < 16; k++) {
                    out[k] = m.get(k).asDouble();
                }
                return out;
            }
            double[] t = numbers(node.path("translation"), new double[] {0, 0, 0});
            double[] q = numbers(node.path("rotation"), new double[] {0, 0, 0, 1});
            double[] s = numbers(node.path("scale"), new double[] {1, 1, 1});
            double x = q[0];
            double y = q[1];
            double z = q[2];
            double w = q[3];
            double n = Math.sqrt(x * x + y * y + z * z + w * w);
            if (n > 1e-12) {
                x /= n;
                y /= n;
                z /= n;
                w /= n;
            }
            return new double[] {
                (1 - 2 * (y * y + z * z)) * s[0], 2 * (x * y + w * z) * s[0], 2 * (x * z - w * y) * s[0], 0,
                2 * (x * y - w * z) * s[1], (1 - 2 * (x * x + z * z)) * s[1], 2 * (y * z + w * x) * s[1], 0,
                2 * (x * z + w * y) * s[2], 2 * (y * z - w * x) * s[2], (1 - 2 * (x * x + y * y)) * s[2], 0,
                t[0], t[1], t[2], 1};
        }

        private static double[] numbers(JsonNode n, double[] otherwise) {
            if (!n.isArray() || n.size() != otherwise.length) {
                return otherwise;
            }
            double[] out = new double[otherwise.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = n.get(k).asDouble();
            }
            return out;
        }

        private static double[] mul(double[] a, double[] b) {
            double[] r = new double[16];
            for (int c = 0; c < 4; c++) {
                for (int row = 0; row < 4; row++) {
                    double sum = 0;
                    for (int k = 0; k < 4; k++) {
                        sum += a[k * 4 + row] * b[c * 4 + k];
                    }
                    r[c * 4 + row] = sum;
                }
            }
            return r;
        }

        private void mesh(int index, String nodeName, double[] world, boolean head) {
            JsonNode mesh = root.path("meshes").get(index);
            if (mesh == null) {
                throw fail("mesh " + index + " does not exist");
            }
            int p = 0;
            for (JsonNode prim : mesh.path("primitives")) {
                String where = "mesh " + index + " primitive " + p++;
                int mode = prim.path("mode").asInt(4);
                if (mode < 4 || mode > 6) {
                    continue;
                }
                if (prim.path("extensions").has("KHR_draco_mesh_compression")) {
                    throw fail(where + " is Draco-compressed, which is not supported; export without compression");
                }
                JsonNode attrs = prim.path("attributes");
                if (!attrs.has("POSITION")) {
                    throw fail(where + " has no POSITION attribute");
                }
                float[] pos = floats(attrs.get("POSITION").asInt(), 3, where + " POSITION");
                int count = pos.length / 3;
                vertices += count;
                if (vertices > MAX_VERTICES) {
                    throw fail("has more than " + MAX_VERTICES + " vertices, the limit; decimate the model (e.g."
                            + " Blender's Decimate modifier) and export again");
                }
                float[] nrm = attrs.has("NORMAL") ? floats(attrs.get("NORMAL").asInt(), 3, where + " NORMAL") : null;
                if (nrm != null && nrm.length != pos.length) {
                    throw fail(where + ": NORMAL and POSITION have different counts");
                }
                int[] idx = prim.has("indices") ? indices(prim.get("indices").asInt(), where) : sequence(count);
                for (int v : idx) {
                    if (v < 0 || v >= count) {
                        throw fail(where + ": index " + v + " is out of range (" + count + " vertices)");
                    }
                }
                idx = triangles(idx, mode);
                if (idx.length == 0) {
                    continue;
                }
                if (nrm == null) {
                    nrm = smoothNormals(pos, idx);
                }
                pieces.add(bake(nodeName, pos, nrm, idx, world, colour(prim), head));
            }
        }

        private Rgb colour(JsonNode prim) {
            if (!prim.has("material")) {
                return new Rgb(1, 1, 1);
            }
            JsonNode material = root.path("materials").get(prim.get("material").asInt());
            if (material == null) {
                throw fail("material " + prim.get("material").asInt() + " does not exist");
            }
            double[] f = numbers(material.path("pbrMetallicRoughness").path("baseColorFactor"),
                    new double[] {1, 1, 1, 1});
            return new Rgb(srgb(f[0]), srgb(f[1]), srgb(f[2]));
        }

        private static double srgb(double linear) {
            double c = Math.max(0, Math.min(1, linear));
            double s = c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
            return Math.max(0, Math.min(1, Math.round(s * 1e6) / 1e6));
        }

        private Model.Piece bake(String nodeName, float[] pos, float[] nrm, int[] idx, double[] m, Rgb colour,
                boolean head) {
            int count = pos.length / 3;
            float[] out = new float[count * 6];
            double[] nm = normalMatrix(m);
            for (int v = 0; v < count; v++) {
                double x = pos[v * 3];
                double y = pos[v * 3 + 1];
                double z = pos[v * 3 + 2];
                double wx = m[0] * x + m[4] * y + m[8] * z + m[12];
                double wy = m[1] * x + m[5] * y + m[9] * z + m[13];
                double wz = m[2] * x + m[6] * y + m[10] * z + m[14];
                out[v * 6] = (float) wx;
                out[v * 6 + 1] = (float) wy;
                out[v * 6 + 2] = (float) wz;
                min[0] = Math.min(min[0], wx);
                min[1] = Math.min(min[1], wy);
                min[2] = Math.min(min[2], wz);
                max[0] = Math.max(max[0], wx);
                max[1] = Math.max(max[1], wy);
                max[2] = Math.max(max[2], wz);
                double nx = nrm[v * 3];
                double ny = nrm[v * 3 + 1];
                double nz = nrm[v * 3 + 2];
                double tx = nm[0] * nx + nm[3] * ny + nm[6] * nz;
                double ty = nm[1] * nx + nm[4] * ny + nm[7] * nz;
                double tz = nm[2] * nx + nm[5] * ny + nm[8] * nz;
                double len = Math.sqrt(tx * tx + ty * ty + tz * tz);
                if (len > 1e-12) {
                    tx /= len;
                    ty /= len;
                    tz /= len;
                }
                out[v * 6 + 3] = (float) tx;
                out[v * 6 + 4] = (float) ty;
                out[v * 6 + 5] = (float) tz;
            }
            if (nm[9] < 0) {
                // a mirroring transform turns the winding; swap two corners so front faces stay counter-clockwise
                idx = idx.clone();
                for (int t = 0; t < idx.length; t += 3) {
                    int a = idx[t + 1];
                    idx[t + 1] = idx[t + 2];
                    idx[t + 2] = a;
                }
            }
            return new Model.Piece(nodeName, out, idx, colour, head);
        }

        /** The inverse transpose of the upper 3x3 (column-major in [0..8]) and the determinant's sign in [9]. */
        private static double[] normalMatrix(double[] m) {
            double a = m[0], b = m[4], c = m[8], d = m[1], e = m[5], f = m[9], g = m[2], h = m[6], i = m[10];
            double co00 = e * i - f * h;
            double co01 = -(d * i - f * g);
            double co02 = d * h - e * g;
            double det = a * co00 + b * co01 + c * co02;
            double inv = det == 0 ? 0 : 1 / det;
            return new double[] {co00 * inv, -(b * i - c * h) * inv, (b * f - c * e) * inv,
                co01 * inv, (a * i - c * g) * inv, -(a * f - c * d) * inv,
                co02 * inv, -(a * h - b * g) * inv, (a * e - b * d) * inv, Math.signum(det)};
        }

        private static int[] sequence(int n) {
            int[] out = new int[n];
            for (int k = 0; k < n; k++) {
                out[k] = k;
            }
            return out;
        }

        private static int[] triangles(int[] idx, int mode) {
            if (mode == 4) {
                return java.util.Arrays.copyOf(idx, idx.length - idx.length % 3);
            }
            int n = Math.max(0, idx.length - 2);
            int[] out = new int[n * 3];
            for (int k = 0; k < n; k++) {
                if (mode == 5) {
                    boolean even = k % 2 == 0;
                    out[k * 3] = idx[k];
                    out[k * 3 + 1] = even ? idx[k + 1] : idx[k + 2];
                    out[k * 3 + 2] = even ? idx[k + 2] : idx[k + 1];
                } else {
                    out[k * 3] = idx[0];
                    out[k * 3 + 1] = idx[k + 1];
                    out[k * 3 + 2] = idx[k + 2];
                }
            }
            return out;
        }

        private static float[] smoothNormals(float[] pos, int[] idx) {
            float[] n = new float[pos.length];
            for (int t = 0; t < idx.length; t += 3) {
                int a = idx[t] * 3;
                int b = idx[t + 1] * 3;
                int c = idx[t + 2] * 3;
                float ux = pos[b] - pos[a], uy = pos[b + 1] - pos[a + 1], uz = pos[b + 2] - pos[a + 2];
                float vx = pos[c] - pos[a], vy = pos[c + 1] - pos[a + 1], vz = pos[c + 2] - pos[a + 2];
                float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
                for (int v : new int[] {a, b, c}) {
                    n[v] += nx;
                    n[v + 1] += ny;
                    n[v + 2] += nz;
                }
            }
            return n;
        }

        /** The accessor's view: the buffer, the first byte and the stride. */
        private record View(ByteBuffer data, int start, int stride, int componentType, int count) {
        }

        private View view(int index, int components, String what) {
            JsonNode acc = root.path("accessors").get(index);
            if (acc == null) {
                throw fail(what + ": accessor " + index + " does not exist");
            }
            if (acc.has("sparse")) {
                throw fail(what + ": sparse accessors are not supported");
            }
            int count = acc.path("count").asInt(-1);
            String type = acc.path("type").asText();
            int expected = switch (type) {
                case "SCALAR" -> 1;
                case "VEC2" -> 2;
                case "VEC3" -> 3;
                case "VEC4" -> 4;
                default -> -1;
            };
            if (expected != components || count < 0) {
                throw fail(what + ": accessor " + index + " has type " + type + " and count " + count);
            }
            int componentType = acc.path("componentType").asInt();
            int size = switch (componentType) {
                case 5120, 5121 -> 1;
                case 5122, 5123 -> 2;
                case 5125, 5126 -> 4;
                default -> throw fail(what + ": accessor " + index + " has unknown componentType " + componentType);
            };
            if (!acc.has("bufferView")) {
                throw fail(what + ": accessor " + index + " has no bufferView");
            }
            JsonNode bv = root.path("bufferViews").get(acc.get("bufferView").asInt());
            if (bv == null) {
                throw fail(what + ": bufferView " + acc.get("bufferView").asInt() + " does not exist");
            }
            int buffer = bv.path("buffer").asInt(-1);
            if (buffer < 0 || buffer >= buffers.size()) {
                throw fail(what + ": buffer " + buffer + " does not exist");
            }
            ByteBuffer data = buffers.get(buffer);
            int element = size * components;
            int stride = bv.path("byteStride").asInt(element);
            long start = bv.path("byteOffset").asLong(0) + acc.path("byteOffset").asLong(0);
            long end = count == 0 ? start : start + (long) stride * (count - 1) + element;
            long viewEnd = bv.path("byteOffset").asLong(0) + bv.path("byteLength").asLong(0);
            if (end > viewEnd || viewEnd > data.limit() || stride < element) {
                throw fail(what + ": accessor " + index + " reads past the end of its buffer");
            }
            return new View(data, (int) start, stride, componentType, count);
        }

        private float[] floats(int accessor, int components, String what) {
            View v = view(accessor, components, what);
            if (v.componentType() != 5126) {
                throw fail(what + ": only float vertex data is supported (componentType " + v.componentType()
                        + " needs an extension)");
            }
            float[] out = new float[v.count() * components];
            for (int k = 0; k < v.count(); k++) {
                for (int c = 0; c < components; c++) {
                    float f = v.data().getFloat(v.start() + k * v.stride() + c * 4);
                    if (!Float.isFinite(f)) {
                        throw fail(what + ": value " + f + " is not a finite number");
                    }
                    out[k * components + c] = f;
                }
            }
            return out;
        }

        private int[] indices(int accessor, String where) {
            View v = view(accessor, 1, where + " indices");
            int[] out = new int[v.count()];
            for (int k = 0; k < v.count(); k++) {
                int at = v.start() + k * v.stride();
                out[k] = switch (v.componentType()) {
                    case 5121 -> v.data().get(at) & 0xff;
                    case 5123 -> v.data().getShort(at) & 0xffff;
                    case 5125 -> v.data().getInt(at);
                    default -> throw fail(where + ": indices must be unsigned byte, short or int");
                };
            }
            return out;
        }
    }
}
