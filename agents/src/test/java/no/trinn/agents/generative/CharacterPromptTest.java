package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.trinn.agents.TestScenarios;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.scenarios.State;
import org.junit.jupiter.api.Test;

/** The prompt templates render for every state of every shipped scenario, in the scenario's language. */
class CharacterPromptTest {
    @Test
    void everyStateOfEveryShippedScenarioRendersWithoutPlaceholdersLeft() {
        int rendered = 0;
        for (Scenario s : ScenarioLibrary.shipped().all()) {
            CharacterPrompt prompt = CharacterPrompt.forLanguage(s.language());
            assertEquals(s.language(), prompt.language());
            for (State state : s.states()) {
                if (state.end()) {
                    continue;
                }
                for (double difficulty : new double[] {0.0, 1.0}) {
                    Map<String, Double> values = BehaviourParameters.standard().valuesFor(s.speaker(state),
                            difficulty);
                    TurnContext ctx = new TurnContext(s, state.id(), values, List.of(), java.util.Optional.empty(),
                            difficulty > 0 ? 2 : 0);
                    String system = prompt.system(ctx);
                    String turn = prompt.turn(ctx, 3);
                    String retry = prompt.retry(ctx, ParsedReply.Problem.STATE);
                    String user = prompt.userMessage("Hello.", turn);
                    for (String text : List.of(system, turn, retry, user)) {
                        assertFalse(text.contains("{{") || text.contains("}}"), s.id() + "/" + state.id() + ":\n"
                                + text);
                    }
                    assertTrue(system.contains(s.speaker(state).persona()), s.id());
                    assertTrue(system.contains(s.setting()), s.id());
                    assertTrue(turn.contains("\"" + state.id() + "\""), s.id());
                    for (String next : CharacterPrompt.allowedNextStates(ctx)) {
                        assertTrue(turn.contains("\"" + next + "\""), s.id() + ": " + next);
                    }
                    rendered++;
                }
            }
        }
        assertTrue(rendered > 50, "rendered " + rendered);
    }

    @Test
    void behaviourValuesArePutInWordsWithTheirMeaning() {
        Map<String, Double> values = new HashMap<>(TestScenarios.easy());
        values.put("warmth", 0.9);
        values.put("complexity", 0.1);
        TurnContext ctx = Turns.context(TestScenarios.kiosk(), "order", values);
        String en = CharacterPrompt.forLanguage("en").turn(ctx, 3);
        assertTrue(en.contains("- very warm and encouraging (warmth 0.9)"), en);
        assertTrue(CharacterPrompt.forLanguage("en").system(ctx).contains("- warmth: How warm or cold"));
        assertTrue(en.contains("one very short, simple question at a time"), en);
        String nb = CharacterPrompt.forLanguage("nb").turn(Turns.context(TestScenarios.kiosk("nb"), "order",
                values), 3);
        assertTrue(nb.contains("- svært varm og oppmuntrende (warmth 0.9)"), nb);
        assertTrue(CharacterPrompt.forLanguage("nb").system(Turns.context(TestScenarios.kiosk("nb"), "order", values))
                .contains("- warmth: hvor varm eller kald"));
        assertEquals("nb", CharacterPrompt.forLanguage("no-NO").language());
        assertEquals("en", CharacterPrompt.forLanguage("de").language());
    }

    @Test
    void theTurnPartSaysWhatTheClientMayDoAndWhereItLeads() {
        String turn = CharacterPrompt.forLanguage("en").turn(Turns.context("order"), 2);
        assertTrue(turn.contains("- order_drink, for example \"A coffee, please.\", \"I'd like a tea.\"."), turn);
        assertFalse(turn.contains("Can I have a cup of coffee?"), "at most two examples: " + turn);
        assertTrue(turn.contains("You could answer: \"Coming up.\""), turn);
        assertTrue(turn.contains("moves to \"pay\", where you say something like \"That's two pounds. Card or"
                + " cash?\"."), turn);
        assertTrue(turn.contains("Goal steps met: ordered."), turn);
        assertTrue(turn.contains("Allowed \"nextState\" values now: \"order\", \"pay\"."), turn);
        String pay = CharacterPrompt.forLanguage("en").turn(Turns.context("pay"), 2);
        assertTrue(pay.contains("When the conversation moves to \"end\", say goodbye"), pay);
    }

    @Test
    void theReplySchemaAllowsOnlyThisTurnsStatesAndTheScenariosGoalSteps() {
        ResponseFormat f = CharacterPrompt.responseFormat(Turns.context("order"));
        assertEquals(ResponseFormatType.JSON, f.type());
        assertEquals(CharacterPrompt.SCHEMA_NAME, f.jsonSchema().name());
        JsonObjectSchema root = (JsonObjectSchema) f.jsonSchema().rootElement();
        assertEquals(List.of("say", "affect", "gesture", "goalStepsMet", "nextState"), root.required());
        assertEquals(List.of("say", "affect", "gesture", "goalStepsMet", "nextState"),
                List.copyOf(root.properties().keySet()));
        assertEquals(List.of("order", "pay"), ((JsonEnumSchema) root.properties().get("nextState")).enumValues());
        assertEquals(Boolean.FALSE, root.additionalProperties());
    }

    @Test
    void aTalkativeCharacterMaySayMore() {
        Map<String, Double> values = new HashMap<>(TestScenarios.easy());
        values.put("talkativeness", 0.8);
        assertTrue(CharacterPrompt.forLanguage("en").system(Turns.context(TestScenarios.kiosk(), "order", values))
                .contains("Say two or three short sentences"));
        assertTrue(CharacterPrompt.forLanguage("en").system(Turns.context("order"))
                .contains("Say one or two short sentences"));
    }

    @Test
    void printAnExamplePromptForReview() {
        Scenario s = ScenarioLibrary.shipped().require("pharmacy-pickup-nb");
        State state = s.state("identity").orElseThrow();
        TurnContext ctx = new TurnContext(s, state.id(), BehaviourParameters.standard().valuesFor(s.speaker(state),
                0.3), List.of(), java.util.Optional.empty(), 1);
        if (Boolean.getBoolean("trinn.report")) {
            System.out.println(CharacterPrompt.forLanguage("nb").system(ctx) + "\n-----\n"
                    + CharacterPrompt.forLanguage("nb").turn(ctx, 3));
        }
        assertTrue(CharacterPrompt.forLanguage("nb").system(ctx).startsWith("Du er Ingrid, farmasøyt."));
    }
}
