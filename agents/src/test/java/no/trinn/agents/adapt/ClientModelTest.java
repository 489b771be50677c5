package no.trinn.agents.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import no.trinn.agents.TestScenarios;
import no.trinn.core.session.LevelEstimate;
import org.junit.jupiter.api.Test;

class ClientModelTest {
    @Test
    void aNewTierStartsFromTheTierBelowOnceThatWasSeen() {
        ClientModel model = ClientModel.fresh();
        assertEquals(ClientModel.prior("tier2"), model.estimate("tier2"), "nothing seen yet: the static prior");
        Random random = new Random(3);
        for (int i = 0; i < 80; i++) {
            double d = random.nextDouble();
            model.observe("tier1", d, random.nextDouble() < ClientModel.successProbability(0.8, d) ? 1 : 0);
        }
        LevelEstimate one = model.estimate("tier1");
        assertTrue(Math.abs(one.mean() - 0.8) < 0.1, one::toString);
        LevelEstimate two = model.estimate("tier2");
        assertEquals(one.mean() - ClientModel.TIER_STEP, two.mean(), 1e-9);
        assertTrue(two.sd() >= ClientModel.CARRIED_SD, two::toString);
        assertEquals(0, two.observations());
        LevelEstimate four = model.estimate("tier4");
        assertEquals(one.mean() - 3 * ClientModel.TIER_STEP, four.mean(), 1e-9, "steps down once per tier");
        double start = model.difficultyFor("tier2", 0.775);
        assertTrue(start > ClientModel.prior("tier2").mean(), "a strong tier-1 client starts tier 2 higher: " + start);
        model.observe("tier2", start, 1);
        assertTrue(Math.abs(model.estimate("tier2").mean() - two.mean()) < 0.1,
                "the posterior grows from the carried prior");
        assertEquals(ClientModel.prior("skill:refusal"), model.estimate("skill:refusal"), "skills carry nothing");
    }

    @Test
    void aNewClientStartsWideAndLowerOnHigherTiers() {
        ClientModel m = ClientModel.fresh();
        double previous = 1;
        for (int t = 1; t <= 4; t++) {
            LevelEstimate e = m.estimate(LevelEstimate.tier(t));
            assertTrue(e.mean() < previous, "tier " + t);
            previous = e.mean();
            assertEquals(0, e.observations());
            assertTrue(e.sd() > 0.2 && e.sd() <= 0.25, "sd " + e.sd());
        }
        assertEquals(0.3, ClientModel.prior("tier1").mean());
        assertEquals(List.of(), m.export());
        assertEquals(List.of("tier3"), ClientModel.scales(TestScenarios.kiosk()));
        assertEquals(List.of("tier4", "skill:refusal"), ClientModel.scales(4, Optional.of("refusal")));
    }

    /** Simulated logistic outcomes of hidden levels at random difficulties converge within 0.1 in 100 turns. */
    @Test
    void convergesToAHiddenLevelFromSimulatedOutcomes() {
        int within = 0;
        int runs = 0;
        for (long seed = 1; seed <= 10; seed++) {
            for (double level : new double[] {0.05, 0.3, 0.55, 0.8, 0.95}) {
                Random random = new Random(seed * 31 + (long) (level * 100));
                ClientModel m = ClientModel.fresh();
                for (int turn = 0; turn < 100; turn++) {
                    double d = random.nextDouble();
                    double y = random.nextDouble() < ClientModel.successProbability(level, d) ? 1 : 0;
                    m.observe("tier2", d, y);
                }
                LevelEstimate e = m.estimate("tier2");
                runs++;
                if (Math.abs(e.mean() - level) <= 0.1) {
                    within++;
                }
                assertEquals(100, e.observations());
                assertTrue(e.sd() < 0.1, "sd " + e.sd() + " at level " + level);
            }
        }
        // every run within 0.1: a deterministic outcome of the seeds, not a statistical hope
        assertEquals(runs, within, within + " of " + runs + " runs within 0.1");
    }

    @Test
    void fractionalSuccessesNearTheControllersTargetAlsoConverge() {
        double level = 0.62;
        ClientModel m = ClientModel.fresh();
        double d = 0.3;
        for (int turn = 0; turn < 30; turn++) {
            m.observe("tier1", d, ClientModel.successProbability(level, d));
            d = m.difficultyFor("tier1", 0.775);
        }
        assertEquals(level, m.estimate("tier1").mean(), 0.03);
        assertEquals(0.775, ClientModel.successProbability(level, d), 0.05);
    }

    @Test
    void predictedSuccessFallsWithDifficultyAndDifficultyForInvertsIt() {
        ClientModel m = ClientModel.fresh();
        double last = 1;
        for (int i = 0; i <= 10; i++) {
            double p = m.predictedSuccess("tier1", i / 10.0);
            assertTrue(p < last);
            last = p;
        }
        double d = m.difficultyFor("tier1", 0.775);
        assertEquals(0.775, m.predictedSuccess("tier1", d), 1e-4);
        // unreachable targets give the ends of the scale
        assertEquals(0.0, m.difficultyFor("tier4", 0.999));
        assertThrows(IllegalArgumentException.class, () -> m.difficultyFor("tier1", 1.0));
    }

    @Test
    void sessionNoiseWidensTheEstimateWithoutMovingItFar() {
        ClientModel m = ClientModel.fresh();
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            double d = random.nextDouble();
            m.observe("tier1", d, random.nextDouble() < ClientModel.successProbability(0.5, d) ? 1 : 0);
        }
        LevelEstimate before = m.estimate("tier1");
        m.betweenSessions();
        LevelEstimate after = m.estimate("tier1");
        double expected = Math.sqrt(before.sd() * before.sd() + ClientModel.PROCESS_SD * ClientModel.PROCESS_SD);
        assertEquals(expected, after.sd(), 0.01);
        assertEquals(before.mean(), after.mean(), 0.01);
        assertEquals(before.observations(), after.observations());
    }

    @Test
    void trackingALearningClientAcrossSessions() {
        ClientModel m = ClientModel.fresh();
        Random random = new Random(11);
        double level = 0.2;
        for (int session = 0; session < 12; session++) {
            for (int turn = 0; turn < 10; turn++) {
                double d = random.nextDouble();
                m.observe("tier2", d, random.nextDouble() < ClientModel.successProbability(level, d) ? 1 : 0);
            }
            m.betweenSessions();
            level += 0.05;
        }
        assertEquals(level - 0.05, m.estimate("tier2").mean(), 0.1);
    }

    @Test
    void aSessionScoreMovesEveryScaleOfTheScenario() {
        ClientModel m = ClientModel.fresh();
        m.observeSession(ClientModel.scales(4, Optional.of("refusal")), 0.5, 1.0);
        assertTrue(m.estimate("tier4").mean() > ClientModel.prior("tier4").mean());
        assertTrue(m.estimate("skill:refusal").mean() > ClientModel.prior("skill:refusal").mean());
        assertEquals(0, m.estimate("tier4").observations());
        assertEquals("tier4", m.leadingScale(4, Optional.of("refusal")));
        m.observe("skill:refusal", 0.5, 1);
        assertEquals("skill:refusal", m.leadingScale(4, Optional.of("refusal")));
    }

    @Test
    void endingASessionCountsItsGoalScoreThenAddsNoise() {
        ClientModel a = ClientModel.fresh();
        ClientModel b = ClientModel.fresh();
        SessionAssessment session = SessionAssessment.of(TestScenarios.kiosk(), List.of(
                Turns.assessment(0, 1.0, List.of("ordered")), Turns.assessment(1, 1.0, List.of("paid"))));
        a.endSession(session, 0.4);
        b.observeSession(List.of("tier3"), 0.4, 1.0);
        b.betweenSessions();
        assertEquals(b.estimate("tier3"), a.estimate("tier3"));
        assertTrue(a.estimate("tier3").mean() > ClientModel.prior("tier3").mean());
    }

    @Test
    void restoreAndExportRoundTrip() {
        List<LevelEstimate> stored = List.of(new LevelEstimate("tier1", 0.62, 0.08, 33),
                new LevelEstimate("skill:refusal", 0.4, 0.2, 5));
        ClientModel m = ClientModel.restore(stored);
        List<LevelEstimate> out = m.export();
        assertEquals(List.of("skill:refusal", "tier1"), out.stream().map(LevelEstimate::scale).toList());
        for (LevelEstimate s : stored) {
            LevelEstimate e = m.estimate(s.scale());
            assertEquals(s.mean(), e.mean(), 0.01);
            assertEquals(s.sd(), e.sd(), 0.01);
            assertEquals(s.observations(), e.observations());
        }
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        ClientModel m = ClientModel.fresh();
        assertThrows(IllegalArgumentException.class, () -> m.observe("tier1", 0.5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> m.observe("tier1", 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> m.observe("tier9", 0.5, 1));
        // extreme but valid inputs never break the posterior
        for (int i = 0; i < 2_000; i++) {
            m.observe("tier1", i % 2 == 0 ? 0.0 : 1.0, i % 2 == 0 ? 0.0 : 1.0);
        }
        LevelEstimate e = m.estimate("tier1");
        assertTrue(Double.isFinite(e.mean()) && e.sd() > 0, e.toString());
    }
}
