package no.trinn.agents.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.agents.TestScenarios;
import no.trinn.core.session.TurnRecord;
import org.junit.jupiter.api.Test;

class AssessorTest {
    private static final Map<String, Double> MIDDLING = Map.of("patience", 0.5);
    private final Assessor en = new Assessor("en");

    @Test
    void aQuickUnderstoodTurnThatAdvancesSucceedsFully() {
        TurnRecord turn = Turns.record(0, "A coffee, please.", "order", "pay", Optional.of("order_drink"), 1_500,
                List.of("ordered"), false);
        TurnAssessment a = en.assess(turn, Optional.empty(), MIDDLING);
        assertEquals(1.0, a.success(), 1e-12);
        assertTrue(a.understood());
        assertTrue(a.advanced());
        assertEquals(List.of("ordered"), a.goalSteps());
        assertEquals(3, a.words());
        assertEquals(1, a.politeMarkers());
        assertEquals(8_000, a.patienceWindowMillis());
        assertTrue(a.speechShare().isEmpty());
    }

    @Test
    void theFormulaAsDocumented() {
        // understood, not advanced, 8 s at patience 0.5 (window 8 s): 0.5 - 0.3 * (8/8 - 0.5) = 0.35
        TurnRecord slow = Turns.record(1, "Hmm, tea maybe", "order", "order", Optional.of("small_talk"), 8_000,
                List.of(), false);
        assertEquals(0.35, en.assess(slow, Optional.empty(), MIDDLING).success(), 1e-9);
        // advanced but not understood, quick: 0.5
        TurnRecord lucky = Turns.record(2, "Card", "pay", "end", Optional.empty(), 1_000, List.of("paid"), false);
        assertEquals(0.5, en.assess(lucky, Optional.empty(), MIDDLING).success(), 1e-9);
        // a repair request: not understood, not advanced, minus 0.2, clamped at 0
        TurnRecord repair = Turns.record(3, "Sorry, what?", "pay", "pay", Optional.of("repair"), 1_000, List.of(),
                true);
        TurnAssessment r = en.assess(repair, Optional.empty(), MIDDLING);
        assertEquals(0.0, r.success(), 1e-9);
        assertFalse(r.understood());
        assertTrue(r.repair());
        assertTrue(r.question());
    }

    @Test
    void slownessCountsRelativeToThePatienceWindow() {
        TurnRecord turn = Turns.record(0, "A tea", "order", "pay", Optional.of("order_drink"), 9_000,
                List.of("ordered"), false);
        double impatient = en.assess(turn, Optional.empty(), Map.of("patience", 0.0)).success();
        double middling = en.assess(turn, Optional.empty(), MIDDLING).success();
        double patient = en.assess(turn, Optional.empty(), Map.of("patience", 1.0)).success();
        assertTrue(impatient < middling && middling < patient, impatient + " " + middling + " " + patient);
        assertEquals(0.7, impatient, 1e-9); // 9 s / 4 s window: far over, full penalty 0.3
        assertEquals(4_000, Assessor.patienceWindowMillis(8_000, 0.0));
        assertEquals(12_000, Assessor.patienceWindowMillis(8_000, 1.0));
        // no patience value: middling
        assertEquals(middling, en.assess(turn, Optional.empty(), Map.of()).success(), 1e-12);
    }

    @Test
    void aTurnWithoutWordsFails() {
        TurnRecord silent = Turns.record(0, "", "order", "order", Optional.empty(), 20_000, List.of(), false);
        assertEquals(0.0, en.assess(silent, Optional.empty(), MIDDLING).success());
    }

    @Test
    void voiceMeasuresGiveSpeechShareAndPausesAndHesitationIsSilence() {
        TurnRecord turn = Turns.record(0, "I would like a coffee please", "order", "pay", Optional.of("order_drink"),
                20_000, List.of("ordered"), false);
        // spoke 16 s, silent 4 s (half the window): no slowness; longest pause 2 s = 1/4 window: -0.025
        TurnAssessment a = en.assess(turn, Optional.of(new VoiceMeasures(16_000, 4_000, 2_000, 1)), MIDDLING);
        assertEquals(0.8, a.speechShare().orElseThrow(), 1e-12);
        assertEquals(1, a.interruptions());
        assertEquals(4_000, a.silenceMillis());
        assertEquals(1.0 - 0.1 * 0.25, a.success(), 1e-9);
        // the same turn in text: 20 s response, far over the window
        assertEquals(0.7, en.assess(turn, Optional.empty(), MIDDLING).success(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new VoiceMeasures(1, 10, 11, 0));
    }

    @Test
    void markersAreCountedFromTheLanguagesWordLists() {
        TurnRecord en1 = Turns.record(0, "Hello! Could you help me, please? Thank you, that's great.", "a", "a",
                Optional.empty(), 1_000, List.of(), false);
        TurnAssessment a = en.assess(en1, Optional.empty(), MIDDLING);
        assertEquals(4, a.politeMarkers()); // hello, could you, please, thank you
        assertEquals(2, a.positiveMarkers()); // thank you, great
        assertEquals(0, a.negativeMarkers());
        TurnRecord en2 = Turns.record(0, "No, I don't want it. I'm worried.", "a", "a", Optional.empty(), 1_000,
                List.of(), false);
        assertEquals(3, en.assess(en2, Optional.empty(), MIDDLING).negativeMarkers()); // no, don't, worried
        Assessor nb = new Assessor("nb");
        TurnRecord nb1 = Turns.record(0, "Tusen takk, det var hyggelig. Jeg er ikke sint.", "a", "a",
                Optional.empty(), 1_000, List.of(), false);
        TurnAssessment b = nb.assess(nb1, Optional.empty(), MIDDLING);
        assertEquals(1, b.politeMarkers()); // "tusen takk" once, not also "takk"
        assertEquals(2, b.positiveMarkers()); // takk, hyggelig
        assertEquals(2, b.negativeMarkers()); // ikke, sint
        assertEquals("en", MarkerWords.forLanguage("xx").language());
    }

    @Test
    void theKioskScenarioSessionIsScoredByItsGoal() {
        var kiosk = TestScenarios.kiosk();
        SessionAssessment none = SessionAssessment.of(kiosk, List.of());
        assertEquals(0.0, none.goalScore());
        assertFalse(none.completed());
        SessionAssessment half = SessionAssessment.of(kiosk, List.of(Turns.assessment(0, 1.0, List.of("ordered")),
                Turns.assessment(1, 0.0)));
        assertEquals(0.5, half.stepFraction());
        assertEquals(0.7 * 0.5 + 0.3 * 0.5, half.goalScore(), 1e-12);
        assertEquals(0.5, half.successRate());
        assertFalse(half.completed());
        SessionAssessment done = SessionAssessment.of(kiosk, List.of(Turns.assessment(0, 1.0, List.of("ordered")),
                Turns.assessment(1, 0.6, List.of("paid", "not-a-step"))));
        assertTrue(done.completed());
        assertEquals(1.0, done.stepFraction());
        assertEquals(0.7 + 0.3 * 0.8, done.goalScore(), 1e-12);
        assertEquals(1_000, done.meanResponseMillis());
        assertEquals(List.of("tier3"), done.scales());
    }
}
