package no.trinn.models.llama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.Map;

/**
 * Writes a LangChain4j JSON schema as JSON Schema text for llama.cpp's schema-to-grammar converter. Every property of
 * every object is made required and no other property allowed (llama.cpp's grammar for optional properties lets a
 * small model wander), strings get a {@code maxLength} and arrays a {@code maxItems}, so a forced reply always ends
 * within a bounded number of tokens. Descriptions are left out: they do not change the grammar.
 */
final class JsonSchemaText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxStringLength;
    private final int maxArrayItems;

    JsonSchemaText(int maxStringLength, int maxArrayItems) {
        this.maxStringLength = maxStringLength;
        this.maxArrayItems = maxArrayItems;
    }

    /** The schema text of {@code root}. */
    String write(JsonSchemaElement root) {
        try {
            return JSON.writeValueAsString(node(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON schema", e);
        }
    }

    /** A schema that accepts any JSON object (for a JSON response format without a schema). */
    static String anyObject() {
        return "{\"type\":\"object\"}";
    }

    private JsonNode node(JsonSchemaElement e) {
        ObjectNode n = JSON.createObjectNode();
        switch (e) {
            case JsonObjectSchema o -> {
                n.put("type", "object");
                ObjectNode props = n.putObject("properties");
                ArrayNode required = JSON.createArrayNode();
                if (o.properties() != null) {
                    for (Map.Entry<String, JsonSchemaElement> p : o.properties().entrySet()) {
                        props.set(p.getKey(), node(p.getValue()));
                        required.add(p.getKey());
                    }
                }
                n.set("required", required);
                n.put("additionalProperties", false);
                if (o.definitions() != null && !o.definitions().isEmpty()) {
                    ObjectNode defs = n.putObject("$defs");
                    for (Map.Entry<String, JsonSchemaElement> d : o.definitions().entrySet()) {
                        defs.set(d.getKey(), node(d.getValue()));
                    }
                }
            }
            case JsonStringSchema s -> {
                n.put("type", "string");
                n.put("maxLength", maxStringLength);
            }
            case JsonEnumSchema en -> {
                n.put("type", "string");
                ArrayNode values = n.putArray("enum");
                en.enumValues().forEach(values::add);
            }
            case JsonIntegerSchema i -> n.put("type", "integer");
            case JsonNumberSchema num -> n.put("type", "number");
            case JsonBooleanSchema b -> n.put("type", "boolean");
            case JsonNullSchema nul -> n.put("type", "null");
            case JsonArraySchema a -> {
                n.put("type", "array");
                if (a.items() != null) {
                    n.set("items", node(a.items()));
                }
                n.put("maxItems", maxArrayItems);
            }
            case JsonAnyOfSchema any -> {
                ArrayNode options = n.putArray("anyOf");
                any.anyOf().forEach(x -> options.add(node(x)));
            }
            case JsonReferenceSchema ref -> n.put("$ref", "#/$defs/" + ref.reference());
            case JsonRawSchema raw -> {
                try {
                    return JSON.readTree(raw.schema());
                } catch (JsonProcessingException ex) {
                    throw new UnsupportedFeatureException("the raw JSON schema is not valid JSON: "
                            + ex.getOriginalMessage());
                }
            }
            default -> throw new UnsupportedFeatureException("JSON schema element " + e.getClass().getSimpleName()
                    + " is not supported by the local llama.cpp model");
        }
        return n;
    }
}
