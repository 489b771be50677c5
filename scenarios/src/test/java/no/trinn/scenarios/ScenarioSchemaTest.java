package no.trinn.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schema shipped for editors describes exactly the format the loader reads. */
class ScenarioSchemaTest {
    private static final YAMLMapper YAML = new YAMLMapper(YamlTree.factory());
    private static JsonNode schemaNode;
    private static JsonSchema schema;

    @BeforeAll
    static void readSchema() throws IOException {
        try (InputStream in = ScenarioSchemaTest.class.getClassLoader().getResourceAsStream(ScenarioLibrary.MARKER)) {
            schemaNode = new ObjectMapper().readTree(in);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SchemaId.V202012));
        assertEquals(Set.of(), meta.validate(schemaNode));
        assertEquals(SchemaId.V202012, schemaNode.get("$schema").asText());
    }

    static Stream<Path> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(TestFiles.LIBRARY)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void everyShippedScenarioValidates(Path file) throws IOException {
        Set<ValidationMessage> errors = schema.validate(YAML.readTree(file.toFile()));
        assertEquals(Set.of(), errors, file::toString);
    }

    @ParameterizedTest
    @MethodSource("no.trinn.scenarios.MalformedCorpusTest#cases")
    void malformedFilesFailWhereTheSchemaCanTell(MalformedCorpusTest.Case c) throws IOException {
        if (c.schema() == MalformedCorpusTest.Schema.UNREADABLE) {
            return;
        }
        Set<ValidationMessage> errors = schema.validate(YAML.readTree(TestFiles.MALFORMED.resolve(c.file())
                .toFile()));
        if (c.schema() == MalformedCorpusTest.Schema.REJECTS) {
            assertFalse(errors.isEmpty(), c.file() + " should fail the schema");
        } else {
            assertEquals(Set.of(), errors, c.file() + " is beyond what the schema can tell");
        }
    }

    @Test
    void theMinimalScenarioValidates() throws IOException {
        assertEquals(Set.of(), schema.validate(YAML.readTree(TestFiles.MINIMAL.toFile())));
    }

    @Test
    void theSchemaNamesExactlyTheFieldsTheLoaderReads() {
        JsonNode defs = schemaNode.get("$defs");
        assertEquals(ScenarioReader.SCENARIO_FIELDS, names(schemaNode.get("properties")));
        assertEquals(ScenarioReader.GOAL_FIELDS, names(defs.get("goal").get("properties")));
        assertEquals(ScenarioReader.STEP_FIELDS, names(defs.get("step").get("properties")));
        assertEquals(ScenarioReader.CHARACTER_FIELDS, names(defs.get("character").get("properties")));
        assertEquals(ScenarioReader.VOICE_FIELDS, names(defs.get("voice").get("properties")));
        assertEquals(ScenarioReader.TEMPERAMENT_FIELDS, names(defs.get("temperament").get("properties")));
        assertEquals(ScenarioReader.LINE_FIELDS, names(defs.get("line").get("properties")));
        assertEquals(ScenarioReader.STATE_FIELDS, names(defs.get("state").get("properties")));
        assertEquals(ScenarioReader.INTENT_FIELDS, names(defs.get("intent").get("properties")));
        for (String def : List.of("goal", "step", "character", "voice", "temperament", "line", "state", "intent")) {
            assertFalse(defs.get(def).get("additionalProperties").asBoolean(true), def + " must be closed");
        }
        assertFalse(schemaNode.get("additionalProperties").asBoolean(true));
    }

    @Test
    void theSchemaUsesTheLoadersIdsLanguagesAndParameterNames() {
        JsonNode defs = schemaNode.get("$defs");
        assertEquals("^" + ScenarioReader.SCENARIO_ID.pattern() + "$", defs.get("scenarioId").get("pattern").asText());
        assertEquals("^" + ScenarioReader.LOCAL_ID.pattern() + "$", defs.get("localId").get("pattern").asText());
        assertEquals("^" + ScenarioReader.PARAMETER_NAME.pattern() + "$",
                defs.get("parameterName").get("pattern").asText());
        List<String> languages = new ArrayList<>();
        schemaNode.get("properties").get("language").get("enum").forEach(n -> languages.add(n.asText()));
        assertEquals(ScenarioReader.LANGUAGES, languages);

        Set<String> conditions = new LinkedHashSet<>(BehaviourParameters.standard().names());
        conditions.add(BehaviourParameters.DIFFICULTY);
        assertEquals(List.copyOf(conditions), names(defs.get("when").get("properties")));
        for (BehaviourParameters.Parameter p : BehaviourParameters.standard().parameters()) {
            String described = defs.get("when").get("properties").get(p.name()).get("description").asText();
            assertEquals(firstSentence(p.meaning()), firstSentence(described), p.name());
        }
    }

    private static String firstSentence(String text) {
        String flat = text.replaceAll("\\s+", " ");
        int end = flat.indexOf(" (");
        return end < 0 ? flat : flat.substring(0, end);
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        assertTrue(!names.isEmpty());
        return names;
    }
}
