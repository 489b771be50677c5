package no.trinn.models.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaTextTest {
    @Test
    void everyPropertyIsRequiredAndStringsAndArraysAreBounded() throws Exception {
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("say", new JsonStringSchema())
                .addProperty("affect", JsonEnumSchema.builder().enumValues("calm", "happy").build())
                .addProperty("steps", JsonArraySchema.builder().items(JsonReferenceSchema.builder()
                        .reference("step").build()).build())
                .required("say")
                .definitions(Map.of("step", JsonObjectSchema.builder()
                        .addProperty("id", new JsonStringSchema()).build()))
                .build();
        JsonNode n = new ObjectMapper().readTree(new JsonSchemaText(40, 3).write(root));
        assertEquals("[\"say\",\"affect\",\"steps\"]", n.get("required").toString());
        assertEquals(false, n.get("additionalProperties").asBoolean());
        assertEquals(40, n.at("/properties/say/maxLength").asInt());
        assertEquals("[\"calm\",\"happy\"]", n.at("/properties/affect/enum").toString());
        assertEquals(3, n.at("/properties/steps/maxItems").asInt());
        assertEquals("#/$defs/step", n.at("/properties/steps/items/$ref").asText());
        assertEquals("[\"id\"]", n.at("/$defs/step/required").toString());
    }
}
