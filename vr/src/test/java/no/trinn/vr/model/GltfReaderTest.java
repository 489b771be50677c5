package no.trinn.vr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.trinn.vr.VrException;
import no.trinn.vr.scene.Rgb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads glTF files the test writes itself; every failure is one line naming the file. */
class GltfReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsGltfWithSeparateBin() {
        Path file = TestModels.cube(dir.resolve("crate.gltf"), 0.5, 1, 0, 0, 1);
        assertTrue(Files.exists(dir.resolve("crate.bin")));
        Model model = GltfReader.read(file);
        assertEquals(1, model.pieces().size());
        assertEquals(24, model.vertexCount());
        assertEquals(36, model.pieces().getFirst().indices().length);
        assertEquals(new Rgb(1, 0, 0), model.pieces().getFirst().colour());
        assertEquals(-0.25, model.min().x(), 1e-6);
        assertEquals(0.25, model.max().y(), 1e-6);
        assertTrue(model.headPivot().isEmpty());
    }

    @Test
    void readsGlbWithNodeHierarchyAndHead() {
        Model model = GltfReader.read(TestModels.person(dir.resolve("person.glb"), 0, 0, 1, 1));
        assertEquals(2, model.pieces().size());
        assertEquals(1.6, model.headPivot().orElseThrow().y(), 1e-6);
        assertFalse(model.pieces().get(0).head());
        assertTrue(model.pieces().get(1).head());
        assertEquals(0, model.min().y(), 1e-6);
        assertEquals(1.75, model.max().y(), 1e-6);
        // normals stay unit length under the non-uniform node scale
        float[] v = model.pieces().get(0).vertices();
        assertEquals(1, Math.sqrt(v[3] * v[3] + v[4] * v[4] + v[5] * v[5]), 1e-5);
    }

    @Test
    void linearBaseColourBecomesSrgb() {
        Model model = GltfReader.read(TestModels.cube(dir.resolve("grey.glb"), 1, 0.2140, 0.2140, 0.2140, 1));
        assertEquals(0.5, model.pieces().getFirst().colour().r(), 0.01);
    }

    @Test
    void missingFileNamesIt() {
        Path file = dir.resolve("nowhere.glb");
        VrException e = assertThrows(VrException.class, () -> GltfReader.read(file));
        assertOneLine(e, file.toString(), "not found");
    }

    @Test
    void notGltfNamesIt() {
        Path file = TestModels.text(dir.resolve("notes.glb"), "hello, not a model");
        assertOneLine(assertThrows(VrException.class, () -> GltfReader.read(file)), file.toString(),
                "not a glTF file");
        Path json = TestModels.text(dir.resolve("other.gltf"), "{\"name\": 1}");
        assertOneLine(assertThrows(VrException.class, () -> GltfReader.read(json)), json.toString(), "asset");
        Path v1 = TestModels.text(dir.resolve("old.gltf"), "{\"asset\": {\"version\": \"1.0\"}}");
        assertOneLine(assertThrows(VrException.class, () -> GltfReader.read(v1)), v1.toString(), "2.0 only");
    }

    @Test
    void dracoIsRefusedByName() throws IOException {
        Path file = TestModels.cube(dir.resolve("draco.gltf"), 1, 1, 1, 1, 1);
        String text = Files.readString(file).replaceFirst("\\{", "{\"extensionsUsed\":[\"KHR_draco_mesh_compression\"],"
                + "\"extensionsRequired\":[\"KHR_draco_mesh_compression\"],");
        Files.writeString(file, text);
        assertOneLine(assertThrows(VrException.class, () -> GltfReader.read(file)), file.toString(),
                "KHR_draco_mesh_compression");
    }

    @Test
    void missingBinNamesIt() throws IOException {
        Path file = TestModels.cube(dir.resolve("lonely.gltf"), 1, 1, 1, 1, 1);
        Files.delete(dir.resolve("lonely.bin"));
        assertOneLine(assertThrows(VrException.class, () -> GltfReader.read(file)), file.toString(), "lonely.bin");
    }

    @Test
    void tooManyVerticesIsRefused() throws IOException {
        int count = GltfReader.MAX_VERTICES + 1;
        Files.write(dir.resolve("huge.bin"), new byte[count * 12]);
        Path file = TestModels.text(dir.resolve("huge.gltf"), """
                {"asset": {"version": "2.0"},
                 "buffers": [{"uri": "huge.bin", "byteLength": %d}],
                 "bufferViews": [{"buffer": 0, "byteLength": %d}],
                 "accessors": [{"bufferView": 0, "componentType": 5126, "count": %d, "type": "VEC3"}],
                 "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
                 "nodes": [{"mesh": 0}]}
                """.formatted(count * 12, count * 12, count));
        assertOneLine(assertThrows(VrException.class, () -> GltfReader.read(file)), file.toString(),
                "more than " + GltfReader.MAX_VERTICES + " vertices");
    }

    @Test
    void truncatedBufferIsRefused() throws IOException {
        Path file = TestModels.cube(dir.resolve("short.gltf"), 1, 1, 1, 1, 1);
        Files.write(dir.resolve("short.bin"), new byte[100]);
        assertOneLine(assertThrows(VrException.class, () -> GltfReader.read(file)), file.toString(), "shorter");
    }

    private static void assertOneLine(VrException e, String file, String fragment) {
        String m = e.getMessage();
        assertTrue(m.contains(file), m);
        assertTrue(m.contains(fragment), m);
        assertFalse(m.contains("\n"), m);
    }
}
