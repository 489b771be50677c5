package no.trinn.speech.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.trinn.speech.asr.RecognitionResult;
import no.trinn.speech.vad.VoiceActivityEvent.SpeechEnded;
import no.trinn.speech.vad.VoiceActivityEvent.SpeechStarted;
import no.trinn.testkit.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * Turn-taking on scripted timelines: inputs happen at given milliseconds of a manual clock (voice activity events
 * arrive when a detector would report them: 96 ms after speech starts, 320 ms after it ends), the taker is polled
 * every 20 ms, and the tests assert each decision and its time.
 */
class TurnTakerTest {
    private static final int STEP = 20;

    /** A scripted timeline for one taker. */
    private static final class Timeline {
        final ManualClock clock = new ManualClock();
        final TurnTaker taker;
        final TreeMap<Long, List<Runnable>> script = new TreeMap<>();

        Timeline(double patience) {
            taker = new TurnTaker(TurnSettings.withPatience(patience), clock, t -> t.contains("stop"));
        }

        Timeline at(long millis, Runnable input) {
            script.computeIfAbsent(millis, k -> new ArrayList<>()).add(input);
            return this;
        }

        /** Client speech from {@code start} to {@code end} ms, reported as a detector would. */
        Timeline speech(long start, long end) {
            return at(start + 96, () -> taker.voiceActivity(new SpeechStarted(start)))
                    .at(end + 320, () -> taker.voiceActivity(new SpeechEnded(start, end)));
        }

        Timeline partial(long at, String text) {
            return at(at, () -> taker.transcript(RecognitionResult.partial(text, 0, at)));
        }

        Timeline fin(long at, String text) {
            return at(at, () -> taker.transcript(RecognitionResult.finalResult(text, 0, at)));
        }

        Timeline character(long from, long to) {
            return at(from, () -> taker.characterSpeaking(true)).at(to, () -> taker.characterSpeaking(false));
        }

        /** Runs until {@code endMillis}; the decisions, each as "Kind@ms". */
        List<String> run(long endMillis) {
            List<String> out = new ArrayList<>();
            for (long t = 0; t <= endMillis; t += STEP) {
                for (Map.Entry<Long, List<Runnable>> e : script.subMap(t - STEP, false, t, true).entrySet()) {
                    e.getValue().forEach(Runnable::run);
                }
                for (TurnDecision d : taker.poll()) {
                    out.add(d.getClass().getSimpleName() + "@" + d.atNanos() / 1_000_000
                            + (d instanceof TurnDecision.EndOfTurn eot ? ":" + eot.transcript() : ""));
                }
                clock.advance(Duration.ofMillis(STEP));
            }
            return out;
        }
    }

    @Test
    void anExpectedPhraseEndsTheTurnAfterTheShortWindow() {
        Timeline t = new Timeline(0.5).speech(0, 1200).fin(1540, "a coffee please");
        t.taker.expect(List.of("A coffee, please.", "Can I have a latte?"));
        assertEquals(List.of("EndOfTurn@1700:a coffee please"), t.run(4000));
    }

    @Test
    void aFinishedSentenceLooksCompleteEvenWhenNotExpected() {
        Timeline t = new Timeline(0.5).speech(0, 1200).fin(1400, "I'd like a tea.");
        assertEquals(List.of("EndOfTurn@1700:i'd like a tea"), t.run(4000));
    }

    @Test
    void aSpeakerWhoPausesOneAndAHalfSecondsMidSentenceKeepsTheTurnAtDefaultPatience() {
        Timeline t = new Timeline(TurnSettings.DEFAULT_PATIENCE).speech(0, 1000).partial(800, "i would like")
                .speech(2500, 3500).partial(3000, "i would like a small").fin(3800, "i would like a small latte");
        t.taker.expect(List.of("I would like a small latte"));
        assertEquals(List.of("EndOfTurn@4000:i would like a small latte"), t.run(6000));
    }

    @Test
    void withoutATranscriptTheLongWindowGrowsWithPatience() {
        assertEquals(List.of("EndOfTurn@2000:"), new Timeline(0.0).speech(0, 1000).run(5000));
        assertEquals(List.of("EndOfTurn@2600:"), new Timeline(0.5).speech(0, 1000).run(5000));
        assertEquals(List.of("EndOfTurn@3200:"), new Timeline(1.0).speech(0, 1000).run(5000));
        // the detector reports the end of speech 320 ms late, so no window is shorter than that
        assertEquals(List.of("EndOfTurn@1320:a coffee please"),
                new Timeline(0.0).speech(0, 1000).fin(1100, "a coffee please.").run(5000));
    }

    @Test
    void anInterruptingCharacterTakesTheTurnSoonerAndSettingsCanChangeBetweenTurns() {
        TurnSettings calm = TurnSettings.withBehaviour(0.5, 0);
        TurnSettings pushy = TurnSettings.withBehaviour(0.5, 0.6);
        assertEquals(1600, calm.incompleteWindowMillis());
        assertEquals(1120, pushy.incompleteWindowMillis(), "0.6 interruptions: 30% shorter");
        assertEquals(350, pushy.completeWindowMillis());
        assertEquals(TurnSettings.withPatience(0.5), calm);
        TurnTaker taker = new TurnTaker(calm, new ManualClock(), t -> false);
        taker.settings(pushy);
        assertEquals(pushy, taker.settings());
        assertThrows(IllegalArgumentException.class, () -> TurnSettings.withBehaviour(0.5, 1.5));
    }

    @Test
    void clientSpeechOverTheCharacterInterruptsAfterTheBargeInLengthAndThenIsATurn() {
        Timeline t = new Timeline(0.5).character(0, 5000).speech(1000, 2000).partial(1300, "sorry i meant")
                .fin(2200, "sorry i meant tea.");
        assertEquals(List.of("Interrupt@1600", "EndOfTurn@2500:sorry i meant tea"), t.run(6000));
        assertTrue(!t.taker.characterSpeaking());
    }

    @Test
    void backchannelsAndCoughsDoNotInterruptAndAreNoTurn() {
        Timeline t = new Timeline(0.5).character(0, 6000).speech(1000, 1700).partial(1150, "mhm")
                .fin(1900, "mhm").speech(3000, 3200);
        assertEquals(List.of(), t.run(9000));
    }

    @Test
    void aStopPhraseInAPartialStopsAtOnceEvenWhileTheCharacterTalks() {
        Timeline t = new Timeline(0.5).character(0, 5000).speech(1000, 1800).partial(1240, "stop");
        assertEquals(List.of("Stop@1240"), t.run(6000));
        Timeline quiet = new Timeline(0.5).speech(0, 900).partial(300, "i want to stop").fin(1100, "i want to stop");
        assertEquals(List.of("Stop@300", "Stop@1100"), quiet.run(4000));
    }

    @Test
    void theEndOfTheAudioEndsAnOpenTurn() {
        Timeline t = new Timeline(0.5).speech(0, 1000).partial(500, "a small");
        assertEquals(List.of(), t.run(1400));
        List<TurnDecision> last = t.taker.endOfAudio();
        assertEquals(1, last.size());
        TurnDecision.EndOfTurn eot = (TurnDecision.EndOfTurn) last.getFirst();
        assertEquals("a small", eot.transcript());
        assertEquals(420, eot.silenceMillis());
        assertTrue(eot.toString().contains("2 words") && !eot.toString().contains("small"), eot::toString);
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> TurnSettings.withPatience(1.5));
        assertEquals(500, TurnSettings.withPatience(0.5).completeWindowMillis());
        assertEquals(1600, TurnSettings.withPatience(0.5).incompleteWindowMillis());
    }

    @Test
    void theAudioClockReadsTheAudioPosition() {
        AudioClock clock = new AudioClock();
        clock.advance(20);
        clock.advance(20);
        assertEquals(40, clock.millis());
        assertEquals(40_000_000, clock.nanoTime());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
    }
}
