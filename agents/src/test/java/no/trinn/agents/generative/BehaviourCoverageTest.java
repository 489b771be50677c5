package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.Manner;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.scenarios.State;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour parameter changes what the client meets: changing only that parameter, from its easy to its hard
 * value with all others at their defaults (the values at difficulty 0.5), changes the scripted engine's words over a
 * fixed set of turns of shipped scenarios, and changes the generative prompt. At difficulty 0 none of the harder
 * generic behaviours appears in those turns.
 */
class BehaviourCoverageTest {
    private static final List<String> SCENARIOS = List.of("coffee-order", "pharmacy-pickup-nb", "impatient-clerk");
    private static final int TURNS = 14;
    private static final Map<String, String> RAMBLE = Map.of(
            "en", "Well you know I was thinking about the football on the way here and also the weather was awful",
            "nb", "Altså jeg tenkte på fotballkampen på veien hit og så var været helt forferdelig i dag også");
    private static ScriptedEngine engine;

    @BeforeAll
    static void load() {
        engine = new ScriptedEngine(new IntentMatcher(new MiniLmEmbedder()));
    }

    /**
     * The character's words over a fixed script: the opening, then in turn silence, a long off-topic ramble, a
     * short off-topic remark and the first example of the state's first intent, until the end or {@value #TURNS}
     * client turns.
     */
    private static List<String> run(Scenario s, Map<String, Double> values) {
        String state = s.states().getFirst().id();
        List<String> recent = new ArrayList<>();
        List<String> said = new ArrayList<>();
        int misunderstood = 0;
        String opening = engine.opening(new TurnContext(s, state, values, recent, Optional.empty(), 0, 0)).text();
        said.add(opening);
        recent.add(opening);
        Optional<String> last = Optional.of(opening);
        for (int turn = 0; turn < TURNS; turn++) {
            State now = s.state(state).orElseThrow();
            if (now.end() || now.intents().isEmpty()) {
                break;
            }
            String client = switch (turn % 4) {
                case 0 -> "";
                case 1 -> RAMBLE.get(s.language());
                case 2 -> s.language().equals("nb") ? "Fin bil." : "Nice car.";
                default -> now.intents().getFirst().examples().getFirst();
            };
            TurnContext ctx = new TurnContext(s, state, values, List.copyOf(recent), last, misunderstood, turn);
            CharacterReply r = engine.reply(ctx, client);
            said.add(r.text());
            recent.add(r.text());
            if (recent.size() > 8) {
                recent.removeFirst();
            }
            last = Optional.of(r.text());
            misunderstood = r.understood() ? 0 : misunderstood + 1;
            state = r.nextState();
        }
        return said;
    }

    private static String prompt(Scenario s, Map<String, Double> values) {
        CharacterPrompt p = CharacterPrompt.forLanguage(s.language());
        StringBuilder out = new StringBuilder();
        for (State state : s.states()) {
            if (!state.end()) {
                TurnContext ctx = new TurnContext(s, state.id(), values, List.of(), Optional.empty(), 1, 3);
                out.append(p.system(ctx)).append('\n').append(p.turn(ctx, 3)).append('\n');
            }
        }
        return out.toString();
    }

    private static Map<String, Double> defaults(Scenario s) {
        return BehaviourParameters.standard().valuesFor(s.characters().getFirst(), 0.5);
    }

    private static Map<String, Double> with(Map<String, Double> values, String name, double value) {
        Map<String, Double> out = new HashMap<>(values);
        out.put(name, value);
        return out;
    }

    @Test
    void everyParameterChangesTheScriptedWordsAndThePrompt() {
        StringBuilder report = new StringBuilder();
        for (BehaviourParameters.Parameter p : BehaviourParameters.standard().parameters()) {
            int scriptedChanged = 0;
            for (String id : SCENARIOS) {
                Scenario s = ScenarioLibrary.shipped().require(id);
                Map<String, Double> base = defaults(s);
                List<String> easy = run(s, with(base, p.name(), p.easy()));
                List<String> hard = run(s, with(base, p.name(), p.hard()));
                assertEquals(easy, run(s, with(base, p.name(), p.easy())), "reproducible: " + p.name() + " " + id);
                int differ = 0;
                for (int i = 0; i < Math.min(easy.size(), hard.size()); i++) {
                    if (!easy.get(i).equals(hard.get(i))) {
                        differ++;
                    }
                }
                differ += Math.abs(easy.size() - hard.size());
                report.append(p.name()).append(' ').append(id).append(": ").append(differ).append(" of ")
                        .append(easy.size()).append(" lines differ\n");
                if (differ > 0) {
                    scriptedChanged++;
                }
                assertNotEquals(prompt(s, with(base, p.name(), p.easy())), prompt(s, with(base, p.name(), p.hard())),
                        "prompt: " + p.name() + " " + id);
            }
            assertTrue(scriptedChanged >= 2, p.name() + " changed the scripted words of only " + scriptedChanged
                    + " scenarios:\n" + report);
        }
        System.out.println(report);
    }

    @Test
    void atDifficultyZeroNoHarderGenericBehaviourAppears() {
        for (String id : SCENARIOS) {
            Scenario s = ScenarioLibrary.shipped().require(id);
            Manner manner = Manner.forLanguage(s.language());
            List<String> harder = new ArrayList<>();
            for (Manner.Effect e : Manner.Effect.values()) {
                if (e.harder()) {
                    manner.lines(e).stream().map(Line::text).forEach(harder::add);
                }
            }
            // a generic line that an authored line also holds ("Fint.") cannot tell the two apart
            List<String> authored = new ArrayList<>();
            s.opening().forEach(l -> authored.add(l.text()));
            for (State state : s.states()) {
                state.say().forEach(l -> authored.add(l.text()));
                state.reprompt().forEach(l -> authored.add(l.text()));
                state.intents().forEach(i -> i.reply().forEach(l -> authored.add(l.text())));
            }
            harder.removeIf(h -> authored.stream().anyMatch(t -> t.contains(h)));
            assertTrue(harder.size() >= 15, id + ": " + harder);
            Map<String, Double> easiest = BehaviourParameters.standard().valuesFor(s.characters().getFirst(), 0.0);
            for (String said : run(s, easiest)) {
                for (String h : harder) {
                    assertFalse(said.contains(h), id + ": '" + h + "' in '" + said + "'");
                }
                assertEquals(said, said.strip());
            }
            assertTrue(manner.possible(easiest).stream().noneMatch(Manner.Effect::harder), id);
        }
    }
}
