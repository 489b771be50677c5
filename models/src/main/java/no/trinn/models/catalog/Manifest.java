package no.trinn.models.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.trinn.models.ModelsException;

/**
 * The record of an installed model, kept as JSON in {@link ModelCache#MANIFEST} inside the model's folder: id, kind,
 * source, time of installation and every file with its size and SHA-256.
 */
final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {
    }

    /** Writes the manifest of {@code model} into {@code folder} (which becomes the model's folder). */
    static void write(Path folder, InstalledModel model) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", model.id());
        root.put("kind", model.kind().id());
        root.put("source", model.source());
        root.put("installed", model.installed().toString());
        ArrayNode files = root.putArray("files");
        for (InstalledFile f : model.files()) {
            files.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256())
                    .put("checked", f.checked());
        }
        Files.write(folder.resolve(ModelCache.MANIFEST), JSON.writeValueAsBytes(root));
    }

    /**
     * Reads the manifest in {@code folder}.
     *
     * @throws ModelsException naming the manifest if it cannot be read or is malformed
     */
    static InstalledModel read(Path folder) {
        Path file = folder.resolve(ModelCache.MANIFEST);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw damaged(file, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelsException("cannot read the model record " + file + ": " + e, e);
        }
        try {
            ModelKind kind = ModelKind.parse(text(root, "kind"))
                    .orElseThrow(() -> new IllegalArgumentException("kind: unknown '" + text(root, "kind") + "'"));
            List<InstalledFile> files = new ArrayList<>();
            JsonNode list = root.get("files");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException("files: missing");
            }
            for (JsonNode f : list) {
                JsonNode size = f.get("size");
                JsonNode checked = f.get("checked");
                if (size == null || !size.canConvertToLong() || checked == null || !checked.isBoolean()) {
                    throw new IllegalArgumentException("files: an entry lacks size or checked");
                }
                files.add(new InstalledFile(text(f, "path"), size.longValue(), text(f, "sha256"),
                        checked.booleanValue()));
            }
            InstalledModel model = new InstalledModel(text(root, "id"), kind, text(root, "source"),
                    Instant.parse(text(root, "installed")), folder, files);
            if (!folder.getFileName().toString().equals(model.id())) {
                throw new IllegalArgumentException("id: '" + model.id() + "' differs from the folder's name");
            }
            return model;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw damaged(file, e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(key + ": missing");
        }
        return value.textValue();
    }

    private static ModelsException damaged(Path file, String what, Throwable cause) {
        return new ModelsException("the model record " + file + " is damaged (" + what + "); delete the folder "
                + file.getParent() + " and install the model again", cause);
    }
}
