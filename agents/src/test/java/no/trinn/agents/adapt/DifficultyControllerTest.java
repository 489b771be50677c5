package no.trinn.agents.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import no.trinn.agents.TestScenarios;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Scenario;
import org.junit.jupiter.api.Test;

class DifficultyControllerTest {
    private static final Scenario KIOSK = TestScenarios.kiosk();
    private static final ControllerSettings SETTINGS = ControllerSettings.DEFAULT;

    private static DifficultyController controller(ClientSettings client, double start) {
        return DifficultyController.startAt(KIOSK, KIOSK.characters().getFirst(), BehaviourParameters.standard(),
                ClientModel.fresh(), client, SETTINGS, start);
    }

    /** Runs {@code turns} turns whose success is given by the difficulty in force; returns the decisions. */
    private static List<Decision> run(DifficultyController c, int turns, SuccessOf success) {
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            out.add(c.afterTurn(Turns.assessment(i, success.at(i, c.difficulty()))));
        }
        return out;
    }

    @FunctionalInterface
    private interface SuccessOf {
        double at(int turn, double difficulty);
    }

    private static int reversals(List<Decision> decisions) {
        int last = 0;
        int reversals = 0;
        for (Decision d : decisions) {
            double delta = d.after().get("difficulty") - d.before().get("difficulty");
            int dir = delta > 0 ? 1 : delta < 0 ? -1 : 0;
            if (dir != 0) {
                if (last != 0 && dir != last) {
                    reversals++;
                }
                last = dir;
            }
        }
        return reversals;
    }

    @Test
    void theStartComesFromTheModelAndTheCaps() {
        ClientModel model = ClientModel.fresh();
        DifficultyController c = DifficultyController.start(KIOSK, KIOSK.characters().getFirst(), model,
                ClientSettings.NONE, SETTINGS);
        assertEquals(SETTINGS.bandCentre(), model.predictedSuccess("tier3", c.difficulty()), 1e-3);
        ClientSettings capped = new ClientSettings(Map.of("difficulty", new Bounds(0.5, 0.7)), Map.of(), Map.of(),
                List.of());
        assertEquals(0.5, DifficultyController.start(KIOSK, KIOSK.characters().getFirst(), model, capped, SETTINGS)
                .difficulty());
    }

    @Test
    void aConstantlySuccessfulClientIsMovedUpInBoundedStepsToTheTop() {
        DifficultyController c = controller(ClientSettings.NONE, 0.2);
        List<Decision> decisions = run(c, 60, (t, d) -> 1.0);
        double previous = 0.2;
        for (Decision d : decisions) {
            double now = d.after().get("difficulty");
            assertTrue(now >= previous, "never easier");
            assertTrue(now - previous <= SETTINGS.maxStep() + 1e-12, "bounded step");
            previous = now;
            assertEquals(Decision.Scope.WITHIN_SESSION, d.scope());
        }
        assertEquals(1.0, c.difficulty(), 1e-9);
        assertEquals(0, reversals(decisions));
        assertTrue(decisions.getLast().reason().contains("highest allowed"), decisions.getLast().reason());
    }

    @Test
    void aClientWhoAlwaysFailsIsMovedDownToTheLowestAllowed() {
        ClientSettings capped = new ClientSettings(Map.of("difficulty", new Bounds(0.15, 0.9)), Map.of(), Map.of(),
                List.of());
        DifficultyController c = controller(capped, 0.6);
        run(c, 60, (t, d) -> 0.0);
        assertEquals(0.15, c.difficulty(), 1e-12);
    }

    @Test
    void aClientInsideTheBandIsLeftAlone() {
        DifficultyController c = controller(ClientSettings.NONE, 0.4);
        List<Decision> decisions = run(c, 30, (t, d) -> 0.78);
        decisions.forEach(d -> assertFalse(d.changed(), d.reason()));
        assertEquals("success 0.78 inside the band 0.70-0.85: holding", decisions.getLast().reason());
        assertEquals(0.78, decisions.getLast().inputs().get("success"));
    }

    @Test
    void reasonsTellTheTherapistWhy() {
        DifficultyController c = controller(ClientSettings.NONE, 0.4);
        Decision first = c.afterTurn(Turns.assessment(0, 1.0));
        assertEquals("success 0.84 inside the band 0.70-0.85: holding", first.reason());
        Decision second = c.afterTurn(Turns.assessment(1, 1.0));
        assertEquals("success 0.89 above the band 0.70-0.85: a little harder (difficulty 0.40 to 0.42)",
                second.reason());
        assertTrue(second.changed());
        assertEquals(0.42, second.after().get("difficulty"), 0.005);
        assertEquals(0.4, second.before().get("difficulty"));
        Decision third = c.afterTurn(Turns.assessment(2, 1.0));
        assertEquals("success 0.92 above the band 0.70-0.85, but the last change was 1 turn ago: waiting",
                third.reason());
        for (String input : List.of("success", "smoothedSuccess", "level", "levelSd")) {
            assertTrue(third.inputs().containsKey(input), input);
        }
    }

    /** Expected success of a hidden-level logistic client: it settles in the band with few reversals. */
    @Test
    void aLogisticClientOfHiddenLevelSettlesInTheBand() {
        for (double level : new double[] {0.2, 0.45, 0.7, 0.9}) {
            for (double start : new double[] {0.0, 0.5, 1.0}) {
                DifficultyController c = controller(ClientSettings.NONE, start);
                List<Decision> decisions = run(c, 80, (t, d) -> ClientModel.successProbability(level, d));
                double last = decisions.getLast().inputs().get("smoothedSuccess");
                String at = "level " + level + " start " + start;
                assertTrue(last >= SETTINGS.bandLow() - 0.02 && last <= SETTINGS.bandHigh() + 0.02, at + ": " + last);
                double p = ClientModel.successProbability(level, c.difficulty());
                assertTrue(p >= SETTINGS.bandLow() - 0.05 && p <= SETTINGS.bandHigh() + 0.05, at + ": p " + p);
                assertTrue(reversals(decisions) <= 4, at + ": " + reversals(decisions) + " reversals");
            }
        }
    }

    /** Binary outcomes drawn from the logistic model: the difficulty stays near the band's, reversals bounded. */
    @Test
    void noisyBinaryOutcomesKeepTheDifficultyNearTheTarget() {
        for (long seed = 1; seed <= 8; seed++) {
            Random random = new Random(seed);
            double level = 0.3 + 0.05 * seed;
            DifficultyController c = controller(ClientSettings.NONE, 0.3);
            List<Decision> decisions = run(c, 120,
                    (t, d) -> random.nextDouble() < ClientModel.successProbability(level, d) ? 1 : 0);
            double target = level - ClientModel.SLOPE * Math.log(SETTINGS.bandCentre() / (1 - SETTINGS.bandCentre()));
            double mean = decisions.subList(60, 120).stream().mapToDouble(d -> d.after().get("difficulty"))
                    .average().orElseThrow();
            assertEquals(target, mean, 0.1, "seed " + seed);
            assertTrue(reversals(decisions) <= 25, "seed " + seed + ": " + reversals(decisions));
        }
    }

    @Test
    void alternatingSignalsAreNotChased() {
        // 0, 1, 0, 1: half the turns succeed, below the band: easier, steadily, without reversals
        DifficultyController c = controller(ClientSettings.NONE, 0.5);
        List<Decision> decisions = run(c, 200, (t, d) -> t % 2);
        assertEquals(0, reversals(decisions));
        assertEquals(0.0, c.difficulty());
        // 0.6, 0.95, ...: the mean is the band's centre; the smoothed success stays inside, so it holds
        DifficultyController mid = controller(ClientSettings.NONE, 0.5);
        run(mid, 200, (t, d) -> t % 2 == 0 ? 0.6 : 0.95).forEach(d -> assertFalse(d.changed(), d.reason()));
        // blocks of 6 failures and 6 successes reverse the direction again and again; damping shrinks the steps
        DifficultyController slow = controller(ClientSettings.NONE, 0.5);
        List<Decision> blocks = run(slow, 240, (t, d) -> (t / 6) % 2);
        assertTrue(reversals(blocks) >= 10, "reversals " + reversals(blocks));
        double firstTravel = travel(blocks.subList(0, 60));
        double lastTravel = travel(blocks.subList(180, 240));
        assertTrue(lastTravel < 0.6 * firstTravel, "travel " + firstTravel + " then " + lastTravel);
        assertTrue(blocks.getLast().inputs().get("stepScale") < 0.5, blocks.getLast().toString());
    }

    private static double travel(List<Decision> decisions) {
        double travel = 0;
        for (Decision d : decisions) {
            travel += Math.abs(d.after().get("difficulty") - d.before().get("difficulty"));
        }
        return travel;
    }

    @Test
    void aLockedDifficultyNeverMovesAndLockedParametersKeepTheirValue() {
        ClientSettings locked = new ClientSettings(Map.of(), Map.of("difficulty", 0.35, "warmth", 0.9), Map.of(),
                List.of());
        DifficultyController c = controller(locked, 0.8);
        assertEquals(0.35, c.difficulty());
        for (Decision d : run(c, 30, (t, x) -> 1.0)) {
            assertFalse(d.changed());
            assertEquals(0.9, d.after().get("warmth"));
            assertTrue(d.reason().startsWith("difficulty locked by the therapist at 0.35"), d.reason());
        }
    }

    @Test
    void theTherapistsTemperamentReplacesTheAuthoredOne() {
        String key = KIOSK.id() + "/" + KIOSK.characters().getFirst().id();
        ClientSettings cold = new ClientSettings(Map.of(), Map.of(), Map.of(key, Map.of("warmth", 0.1,
                "irritability", 0.6)), List.of());
        DifficultyController c = controller(cold, 0.0);
        assertEquals(0.1, c.behaviour().get("warmth"), 1e-12);
        assertEquals(0.6, c.behaviour().get("irritability"), 1e-12);
        assertEquals(0.8, controller(ClientSettings.NONE, 0.0).behaviour().get("warmth"), 1e-12);
    }

    @Test
    void settingsChangedDuringTheSessionTakeEffectAtOnce() {
        DifficultyController c = controller(ClientSettings.NONE, 0.8);
        c.afterTurn(Turns.assessment(0, 0.8));
        ClientSettings capped = new ClientSettings(Map.of("difficulty", new Bounds(0, 0.5), "pressure",
                new Bounds(0, 0.1)), Map.of(), Map.of(), List.of());
        Decision d = c.settingsChanged(capped, 0);
        assertEquals(0.5, c.difficulty());
        assertEquals("the therapist changed the settings: difficulty 0.80 to 0.50", d.reason());
        assertEquals(0.1, c.behaviour().get("pressure"), 1e-12);
        run(c, 40, (t, x) -> 1.0).forEach(x -> assertTrue(x.after().get("difficulty") <= 0.5));
        assertEquals(0.5, c.difficulty());
    }

    /** Thousands of random settings and signals: no value ever leaves ClientSettings.allowed(name). */
    @Test
    void neverOutsideTheAllowedValues() {
        Random random = new Random(2024);
        List<String> names = new ArrayList<>(BehaviourParameters.standard().names());
        names.add("difficulty");
        String key = KIOSK.id() + "/" + KIOSK.characters().getFirst().id();
        int checked = 0;
        for (int trial = 0; trial < 3_000; trial++) {
            Map<String, Bounds> caps = new HashMap<>();
            Map<String, Double> locks = new HashMap<>();
            for (String name : names) {
                int kind = random.nextInt(4);
                if (kind == 1) {
                    double a = random.nextDouble();
                    double b = random.nextDouble();
                    caps.put(name, new Bounds(Math.min(a, b), Math.max(a, b)));
                } else if (kind == 2) {
                    locks.put(name, random.nextDouble());
                    if (random.nextBoolean()) {
                        caps.put(name, new Bounds(0, random.nextDouble()));
                    }
                }
            }
            Map<String, Map<String, Double>> temperament = random.nextBoolean() ? Map.of()
                    : Map.of(key, Map.of("warmth", random.nextDouble(), "patience", random.nextDouble()));
            ClientSettings client = new ClientSettings(caps, locks, temperament, List.of());
            ControllerSettings s = new ControllerSettings(0.5 + 0.2 * random.nextDouble(),
                    0.75 + 0.2 * random.nextDouble(), 0.05 + 0.95 * random.nextDouble(), 0.1 + 3 * random.nextDouble(),
                    0.01 + 0.5 * random.nextDouble(), 1 + random.nextInt(4), 0.1 + 0.8 * random.nextDouble(),
                    0.01 + 0.5 * random.nextDouble(), 1 + 0.1 * random.nextDouble());
            DifficultyController c = random.nextBoolean()
                    ? DifficultyController.startAt(KIOSK, KIOSK.characters().getFirst(),
                            BehaviourParameters.standard(), ClientModel.fresh(), client, s, random.nextDouble())
                    : DifficultyController.start(KIOSK, KIOSK.characters().getFirst(), ClientModel.fresh(), client, s);
            IntToDoubleFunction signal = switch (random.nextInt(5)) {
                case 0 -> t -> 0.0;
                case 1 -> t -> 1.0;
                case 2 -> t -> t % 2;
                case 3 -> t -> Double.MIN_VALUE * (t % 3);
                default -> t -> random.nextDouble();
            };
            checked += check(client, c.behaviour());
            for (int t = 0; t < 25; t++) {
                Decision d = c.afterTurn(Turns.assessment(t, signal.applyAsDouble(t)));
                checked += check(client, d.before()) + check(client, d.after()) + check(client, c.behaviour());
            }
        }
        assertTrue(checked > 3_000 * 25 * 3 * 6, "checked " + checked);
    }

    private static int check(ClientSettings client, Map<String, Double> values) {
        int n = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!client.allowed(e.getKey()).contains(e.getValue())) {
                fail(e.getKey() + " = " + e.getValue() + " outside " + client.allowed(e.getKey()));
            }
            n++;
        }
        return n;
    }
}
