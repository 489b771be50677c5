package no.trinn.agents.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.trinn.agents.dialogue.CommonPhrases;
import no.trinn.agents.dialogue.Text;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.scenarios.State;
import org.junit.jupiter.api.Test;

/** The simulated client on its own, turn by turn in every state of every shipped scenario (no session). */
class SimulatedClientTest {
    private static final ClientProfile STEADY = ClientProfile.archetype("steady").orElseThrow();

    @Test
    void aStandardCharacterAtDifficultyDIsExperiencedAsD() {
        SimulatedClient client = new SimulatedClient(STEADY, 1);
        Scenario s = ScenarioLibrary.shipped().require("pharmacy-pickup");
        no.trinn.scenarios.Character plain = new no.trinn.scenarios.Character("c", "C", "role", "persona",
                s.characters().getFirst().voice(), Map.of());
        for (double d = 0; d <= 1.0001; d += 0.1) {
            double at = Math.min(1, d);
            Map<String, Double> values = BehaviourParameters.standard().valuesFor(plain, at);
            assertEquals(at, client.experiencedDifficulty(values), 1e-9);
        }
    }

    @Test
    void coldnessWeighsMoreOnAnAnxiousClient() {
        Map<String, Double> cold = new java.util.HashMap<>(BehaviourParameters.standard().valuesFor(
                new no.trinn.scenarios.Character("c", "C", "role", "persona", ScenarioLibrary.shipped()
                        .require("pharmacy-pickup").characters().getFirst().voice(), Map.of()), 0.3));
        cold.put("warmth", 0.3);
        ClientProfile anxious = ClientProfile.archetype("anxious-fluent").orElseThrow();
        double anxiousFeels = new SimulatedClient(anxious, 1).experiencedDifficulty(cold);
        double steadyFeels = new SimulatedClient(STEADY, 1).experiencedDifficulty(cold);
        assertTrue(anxiousFeels > steadyFeels, anxiousFeels + " vs " + steadyFeels);
    }

    @Test
    void successIsEvenAtTheLevelAndFallsAsTheDifficultyRises() {
        SimulatedClient client = new SimulatedClient(STEADY, 3);
        double level = STEADY.level(3) + client.form();
        assertEquals(0.5, client.successProbability(3, level), 1e-6);
        double previous = 1;
        for (double e = 0; e <= 1.0; e += 0.05) {
            double p = client.successProbability(3, e);
            assertTrue(p <= previous);
            assertTrue(p >= SimulatedClient.GUESS - 1e-12 && p <= 1 - SimulatedClient.LAPSE + 1e-12);
            previous = p;
        }
        assertEquals(0.841345, SimulatedClient.phi(1), 1e-6);
        assertEquals(0.158655, SimulatedClient.phi(-1), 1e-6);
    }

    @Test
    void theSameSeedGivesTheSameTurns() {
        Scenario s = ScenarioLibrary.shipped().require("ask-directions");
        Map<String, Double> values = SimulatedSessionRunner.setup("x", s, 0.4).behaviour();
        for (ClientProfile p : ClientProfile.archetypes()) {
            assertEquals(turns(p, 42, s, values), turns(p, 42, s, values), p.name());
        }
        assertTrue(!turns(STEADY, 42, s, values).equals(turns(STEADY, 43, s, values)));
    }

    private static List<SimulatedClient.Turn> turns(ClientProfile p, long seed, Scenario s,
            Map<String, Double> values) {
        SimulatedClient client = new SimulatedClient(p, seed);
        List<SimulatedClient.Turn> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(client.next(s, s.start().id(), values, "Hello! Can I help you?", Set.of()));
        }
        return out;
    }

    @Test
    void everyTextComesFromTheScenarioOrItsLanguageData() {
        for (Scenario s : ScenarioLibrary.shipped().all()) {
            Set<String> examples = new HashSet<>();
            s.states().forEach(st -> st.intents().forEach(i -> examples.addAll(i.examples())));
            ClientWords words = SimulationData.words(s.language());
            assertEquals(s.language(), words.language());
            List<String> repair = CommonPhrases.forLanguage(s.language()).repair();
            for (ClientProfile p : ClientProfile.archetypes()) {
                SimulatedClient client = new SimulatedClient(p, s.id().hashCode());
                for (State st : s.states()) {
                    if (st.end()) {
                        continue;
                    }
                    for (double d : new double[] {0.0, 0.5, 1.0}) {
                        Map<String, Double> values = SimulatedSessionRunner.setup("x", s, d).behaviour();
                        for (int i = 0; i < 6; i++) {
                            SimulatedClient.Turn t = client.next(s, st.id(), values, "", Set.of());
                            assertFromData(t, examples, repair, words);
                            if (t.kind() == SimulatedClient.Kind.SUCCESS) {
                                String aimed = t.intent().orElseThrow();
                                assertTrue(st.intent(aimed).orElseThrow().examples().contains(t.line()));
                            }
                        }
                    }
                }
            }
        }
    }

    /** The text is hesitations and fillers of the language, then a data line of the kind the turn says. */
    static void assertFromData(SimulatedClient.Turn t, Set<String> examples, List<String> repair, ClientWords words) {
        switch (t.kind()) {
            case SUCCESS, ERROR -> assertTrue(examples.contains(t.line()), t.line());
            case OFF_TOPIC -> assertTrue(words.offTopic().contains(t.line()), t.line());
            case REPAIR -> assertTrue(repair.contains(t.line()), t.line());
            case SILENCE -> {
                assertEquals("", t.text());
                assertEquals("", t.line());
                return;
            }
        }
        String text = t.text();
        String line = SimulatedClient.lowerFirst(t.line());
        assertTrue(text.equals(t.line()) || text.endsWith(" " + line), text);
        String rest = text.equals(t.line()) ? "" : text.substring(0, text.length() - line.length()).strip();
        Set<String> allowed = new HashSet<>();
        words.hesitations().forEach(h -> allowed.addAll(List.of(Text.normalise(h).split(" "))));
        words.fillers().forEach(h -> allowed.addAll(List.of(Text.normalise(h).split(" "))));
        for (String w : Text.normalise(rest).split(" ")) {
            assertTrue(w.isEmpty() || allowed.contains(w), "'" + w + "' in " + text);
        }
    }

    @Test
    void hesitationsAndFillersAreStopWordsOfTheirLanguage() {
        for (String language : List.of("en", "nb")) {
            ClientWords words = SimulationData.words(language);
            Set<String> stop = CommonPhrases.forLanguage(language).stopWords();
            List<String> all = new ArrayList<>(words.hesitations());
            all.addAll(words.fillers());
            for (String phrase : all) {
                assertTrue(Text.contentWords(phrase, stop).isEmpty(), language + ": " + phrase);
            }
        }
    }

    @Test
    void aSuccessfulTurnAimsAtTheGoal() {
        Scenario s = ScenarioLibrary.shipped().require("ask-directions");
        ClientProfile capable = ClientProfile.archetype("capable").orElseThrow();
        Map<String, Double> easy = SimulatedSessionRunner.setup("x", s, 0.0).behaviour();
        SimulatedClient client = new SimulatedClient(capable, 5);
        for (int i = 0; i < 30; i++) {
            SimulatedClient.Turn t = client.next(s, "ask", easy, "", Set.of());
            if (t.kind() == SimulatedClient.Kind.SUCCESS) {
                assertEquals("ask_library", t.intent().orElseThrow());
            }
            t = client.next(s, "check", easy, "", Set.of("asked", "repeated"));
            if (t.kind() == SimulatedClient.Kind.SUCCESS) {
                assertEquals("thank", t.intent().orElseThrow());
            }
        }
    }
}
