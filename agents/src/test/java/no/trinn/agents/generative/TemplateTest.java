package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import no.trinn.agents.AgentException;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void valuesSectionsAndInvertedSections() {
        Template t = Template.parse("t", "Hi {{name}}.{{#formal}} Sir.{{/formal}}{{^formal}} Mate.{{/formal}}");
        assertEquals("Hi Kim. Sir.", t.render(Map.of("name", "Kim", "formal", true)));
        assertEquals("Hi Kim. Mate.", t.render(Map.of("name", "Kim", "formal", false)));
        assertEquals("Hi Kim. Mate.", t.render(Map.of("name", "Kim", "formal", "")));
    }

    @Test
    void aSectionRepeatsOverAListAndItemsSeeOuterValues() {
        Template t = Template.parse("t", "{{#steps}}[{{id}} of {{goal}}]{{/steps}}{{#words}}<{{.}}>{{/words}}");
        assertEquals("[a of g][b of g]<x><y>", t.render(Map.of("goal", "g", "steps",
                List.of(Map.of("id", "a"), Map.of("id", "b")), "words", List.of("x", "y"))));
        assertEquals("", t.render(Map.of("goal", "g", "steps", List.of(), "words", List.of())));
    }

    @Test
    void aLineHoldingOnlyASectionTagIsDropped() {
        Template t = Template.parse("t", "Steps:\n  {{#steps}}\n- {{.}}\n  {{/steps}}\n{{! a comment }}\nEnd.\n");
        assertEquals("Steps:\n- a\n- b\nEnd.\n", t.render(Map.of("steps", List.of("a", "b"))));
    }

    @Test
    void aListValueRendersJoined() {
        assertEquals("a, b", Template.parse("t", "{{xs}}").render(Map.of("xs", List.of("a", "b"))));
    }

    @Test
    void errorsNameTheTemplateTheLineAndTheTag() {
        AgentException missing = assertThrows(AgentException.class,
                () -> Template.parse("prompt-en.yaml (turn)", "x {{nmae}}").render(Map.of("name", "Kim")));
        assertTrue(missing.getMessage().contains("prompt-en.yaml (turn)"), missing.getMessage());
        assertTrue(missing.getMessage().contains("{{nmae}}"), missing.getMessage());
        AgentException unclosed = assertThrows(AgentException.class,
                () -> Template.parse("f", "a\n  {{#list}}\nb\n"));
        assertTrue(unclosed.getMessage().contains("line 2"), unclosed.getMessage());
        AgentException mismatched = assertThrows(AgentException.class,
                () -> Template.parse("f", "{{#a}}\n{{/b}}"));
        assertTrue(mismatched.getMessage().contains("line 2") && mismatched.getMessage().contains("{{#a}}"),
                mismatched.getMessage());
        assertThrows(AgentException.class, () -> Template.parse("f", "{{/a}}"));
    }
}
