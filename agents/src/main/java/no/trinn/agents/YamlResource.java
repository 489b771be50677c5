package no.trinn.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads the YAML data files that ship as classpath resources, with errors that name the file. */
public final class YamlResource {
    private YamlResource() {
    }

    /**
     * The parsed tree of resource {@code file}, looked up relative to {@code owner}'s package.
     *
     * @throws AgentException if the file is missing or cannot be read
     */
    public static JsonNode tree(Class<?> owner, String file) {
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) {
                throw new AgentException(file + ": not found on the classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new AgentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The texts of {@code root}'s list {@code field}.
     *
     * @param file the file's name, for the error
     * @throws AgentException if the field is not a non-empty list
     */
    public static List<String> strings(JsonNode root, String field, String file) {
        JsonNode node = root.path(field);
        if (!node.isArray() || node.isEmpty()) {
            throw new AgentException(file + ": field '" + field + "' must be a non-empty list");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
