package no.trinn.agents.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.trinn.agents.dialogue.CommonPhrases;
import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.ScriptedChatModel;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.session.Adaptation;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.models.RecentEmbeddings;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.testkit.RecordingObserver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole simulated sessions with the real embedding model, scripted engine and safety check. Seeded, so every figure
 * is the same on every run; the margins of the assertions leave room for changes to the scenarios' wording.
 */
class SimulatedSessionRunnerTest {
    private static SimulatedSessionRunner runner;
    private static ScriptedChatModel engine;
    private static SafetyCheck safety;

    @BeforeAll
    static void load() {
        RecentEmbeddings embedder = new RecentEmbeddings(new MiniLmEmbedder(), 20_000);
        engine = new ScriptedChatModel(new ScriptedEngine(new IntentMatcher(embedder)));
        safety = new SafetyCheck(embedder);
        runner = new SimulatedSessionRunner(engine, safety);
    }

    private static List<Scenario> english() {
        return ScenarioLibrary.shipped().all().stream().filter(s -> s.language().equals("en")).toList();
    }

    private static SimulatedSession run(Scenario s, ClientProfile p, double difficulty, long seed) {
        return run(s, p, difficulty, seed, runner);
    }

    private static SimulatedSession run(Scenario s, ClientProfile p, double difficulty, long seed,
            SimulatedSessionRunner with) {
        String id = s.id() + "-" + p.name() + "-" + difficulty + "-" + seed;
        return with.run(SimulatedSessionRunner.setup(id, s, difficulty), new SimulatedClient(p, seed));
    }

    @Test
    void aCapableClientMeetsTheGoalOfEveryEnglishScenarioInMostSessionsAtLowDifficulty() {
        ClientProfile capable = ClientProfile.archetype("capable").orElseThrow();
        List<String> report = new ArrayList<>();
        for (Scenario s : english()) {
            int met = 0;
            int sessions = 6;
            for (int i = 0; i < sessions; i++) {
                SimulatedSession r = run(s, capable, 0.1, 1000 + i);
                met += r.goalMet() ? 1 : 0;
            }
            report.add(s.id() + " " + met + "/" + sessions);
            assertTrue(met >= 5, s.id() + ": goal met in " + met + " of " + sessions + " sessions");
        }
        System.out.println("capable at 0.1: " + report);
    }

    @Test
    void aVeryLowLevelClientFailsMoreAsTheDifficultyRises() {
        ClientProfile withdrawn = ClientProfile.archetype("severe-withdrawn").orElseThrow();
        SimulatedSessionRunner short15 = new SimulatedSessionRunner(engine, safety, 15);
        double[] difficulties = {0.0, 0.1, 0.2, 0.3, 0.6};
        double[] failed = new double[difficulties.length];
        double[] goalMet = new double[difficulties.length];
        int sessions = 12;
        for (Scenario s : List.of(ScenarioLibrary.shipped().require("ask-directions"))) {
            for (int d = 0; d < difficulties.length; d++) {
                int turns = 0;
                int failures = 0;
                for (int i = 0; i < sessions; i++) {
                    SimulatedSession r = run(s, withdrawn, difficulties[d], 77 + i, short15);
                    for (TurnRecord t : r.turns()) {
                        turns++;
                        failures += t.intent().isEmpty() || t.repair() ? 1 : 0;
                    }
                    goalMet[d] += r.goalMet() ? 1.0 / sessions : 0;
                }
                failed[d] = failures / (double) turns;
            }
        }
        System.out.printf(Locale.ROOT, "severe-withdrawn failed turns %s, goal met %s%n",
                java.util.Arrays.toString(failed), java.util.Arrays.toString(goalMet));
        for (int d = 1; d < difficulties.length; d++) {
            assertTrue(failed[d] > failed[d - 1], "failed turns not rising at " + difficulties[d] + ": "
                    + java.util.Arrays.toString(failed));
            assertTrue(goalMet[d] <= goalMet[d - 1], "goal met rising at " + difficulties[d] + ": "
                    + java.util.Arrays.toString(goalMet));
        }
        assertTrue(failed[difficulties.length - 1] - failed[0] > 0.4, java.util.Arrays.toString(failed));
    }

    @Test
    void theSessionGetsWhatTheChannelHeardInTheStateTheClientSpokeIn() {
        Scenario s = english().getFirst();
        ClientProfile p = ClientProfile.archetypes().getFirst();
        List<String> states = new ArrayList<>();
        List<SimulatedClient.Turn> spoken = new ArrayList<>();
        // every second turn is lost on the way, as a recognizer that heard nothing would lose it
        ClientChannel lossy = (client, scenario, stateId, turn) -> {
            assertEquals(p.name(), client.name());
            assertEquals(s.id(), scenario.id());
            assertTrue(scenario.state(stateId).isPresent(), stateId);
            states.add(stateId);
            spoken.add(turn);
            return spoken.size() % 2 == 0 ? "" : turn.text();
        };
        SimulatedSessionRunner with = new SimulatedSessionRunner(engine, safety, 12, lossy);
        SimulatedSession r = run(s, p, 0.3, 5, with);
        assertEquals(r.clientTurns(), spoken);
        assertEquals(r.turns().size(), states.size());
        assertEquals(s.start().id(), states.getFirst());
        for (int i = 0; i < r.turns().size(); i++) {
            assertEquals(i % 2 == 1 ? "" : spoken.get(i).text(), r.turns().get(i).clientText(), "turn " + i);
        }
        SimulatedSession typed = run(s, p, 0.3, 5, new SimulatedSessionRunner(engine, safety, 12));
        for (int i = 0; i < typed.turns().size(); i++) {
            assertEquals(typed.clientTurns().get(i).text(), typed.turns().get(i).clientText());
        }
    }

    @Test
    void turnsAreTimedByTheSimulatedDelaysAndSayOnlyDataWords() {
        RecordingObserver events = new RecordingObserver();
        for (Scenario s : ScenarioLibrary.shipped().all()) {
            Set<String> examples = new HashSet<>();
            s.states().forEach(st -> st.intents().forEach(i -> examples.addAll(i.examples())));
            ClientWords words = SimulationData.words(s.language());
            List<String> repair = CommonPhrases.forLanguage(s.language()).repair();
            for (ClientProfile p : ClientProfile.archetypes()) {
                SimulatedSession r = runner.run(SimulatedSessionRunner.setup(s.id() + p.name(), s, 0.3),
                        new SimulatedClient(p, 9), Optional.empty(), List.of(events));
                assertEquals(r.clientTurns().size(), r.turns().size(), s.id());
                assertTrue(r.turns().size() <= SimulatedSessionRunner.DEFAULT_MAX_TURNS);
                assertTrue(r.completed() || r.endReason().equals(SimulatedSessionRunner.TURN_LIMIT),
                        r.endReason());
                for (int i = 0; i < r.turns().size(); i++) {
                    SimulatedClient.Turn c = r.clientTurns().get(i);
                    TurnRecord t = r.turns().get(i);
                    assertEquals(c.text(), t.clientText());
                    assertEquals(c.delayMillis(), t.responseMillis(), s.id() + " turn " + i);
                    SimulatedClientTest.assertFromData(c, examples, repair, words);
                }
            }
        }
        assertTrue(events.events().size() > 0);
    }

    @Test
    void theClientExperiencesWhatTheAdaptationDecidedFromTheNextTurnOn() {
        Scenario s = ScenarioLibrary.shipped().require("coffee-order");
        Map<String, Double> hard = SimulatedSessionRunner.setup("x", s, 1.0).behaviour();
        List<Map<String, Double>> seen = new ArrayList<>();
        Adaptation harder = new Adaptation() {
            private Map<String, Double> current = SimulatedSessionRunner.setup("x", s, 0.0).behaviour();

            @Override
            public Decision afterTurn(TurnRecord turn) {
                seen.add(current);
                Decision d = new Decision(Decision.Scope.WITHIN_SESSION, turn.index(), current, hard, Map.of(),
                        "test: harder", Optional.empty());
                current = hard;
                return d;
            }

            @Override
            public Ending sessionEnded(List<TurnRecord> turns, SessionSummary summary, boolean completed) {
                return new Ending(new SessionScore(0.5, 0.5, 1000, 0.0, 1.0), List.of(), Optional.empty());
            }
        };
        ClientProfile steady = ClientProfile.archetype("steady").orElseThrow();
        SimulatedSession r = runner.run(SimulatedSessionRunner.setup("src", s, 0.0), new SimulatedClient(steady, 3),
                Optional.of(harder), List.of());
        assertTrue(r.clientTurns().size() >= 2, "turns " + r.clientTurns().size());
        assertTrue(r.clientTurns().get(0).experiencedDifficulty() < 0.2);
        double expected = new SimulatedClient(steady, 0).experiencedDifficulty(hard);
        assertTrue(expected > 0.8, "hard is experienced as " + expected);
        for (int i = 1; i < r.clientTurns().size(); i++) {
            assertEquals(expected, r.clientTurns().get(i).experiencedDifficulty(), 1e-12, "turn " + i);
        }
        assertEquals(0.0, seen.getFirst().get("difficulty"));
    }

    @Test
    void offTopicRemarksHesitationsAndFillersRaiseNoSafetyFinding() {
        for (String language : List.of("en", "nb")) {
            ClientWords words = SimulationData.words(language);
            List<String> all = new ArrayList<>(words.offTopic());
            all.addAll(words.hesitations());
            all.addAll(words.fillers());
            for (String text : all) {
                assertEquals(List.of(), safety.checkAll(text, language), language + ": " + text);
            }
        }
    }
}
