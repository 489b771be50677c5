package no.trinn.speech.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.trinn.speech.TestAudio;
import no.trinn.speech.audio.Pcm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link SpeechRecognizer} adapter passes (see the port's Javadoc), run on speech synthesized by
 * espeak-ng from the expected phrases. A subclass says how to make its recognizer for a list of phrases, and skips
 * (JUnit assumption, with the reason) when its engine or model is missing. Prints accuracy, real-time factor and
 * final-result delay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SpeechRecognizerContract {
    /** Expected answers of a shop visit; each is spoken and must come back exactly. */
    protected static final List<String> PHRASES = List.of("Hello.", "I would like a cup of coffee, please.",
            "How much does it cost?", "Thank you very much.", "Can you help me?", "No thanks, I don't drink.",
            "Goodbye!");

    private SpeechRecognizer recognizer;
    private Path dir;
    private final Map<String, short[]> speech = new HashMap<>();

    /**
     * The expected answers the contract speaks, at least five; each must come back exactly. English ({@link #PHRASES})
     * unless a subclass recognizes another language.
     */
    protected List<String> phrases() {
        return PHRASES;
    }

    /** The espeak-ng voice that speaks {@link #phrases()}. */
    protected String voice() {
        return "en-us";
    }

    /** A recognizer for {@code phrases}, or a skipped test (assumption) when the engine or its model is missing. */
    protected abstract SpeechRecognizer create(List<String> phrases);

    @BeforeAll
    void setUp() throws Exception {
        long start = System.nanoTime();
        try {
            TestAudio.assumeEspeak();
            recognizer = create(phrases());
        } catch (org.opentest4j.TestAbortedException e) {
            System.out.println(getClass().getSimpleName() + " skipped: " + e.getMessage());
            throw e;
        }
        dir = Files.createTempDirectory("trinn-asr-contract-");
        System.out.printf("%s: loaded in %d ms%n", recognizer.name(), (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (recognizer != null) {
            recognizer.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private short[] spoken(String phrase) throws Exception {
        short[] s = speech.get(phrase);
        if (s == null) {
            s = TestAudio.speak(phrase, voice(), dir);
            speech.put(phrase, s);
        }
        return s;
    }

    /** Feeds {@code audio} in 20 ms chunks, then finishes; returns every result in order. */
    private List<RecognitionResult> recognize(short[] audio) {
        List<RecognitionResult> all = new ArrayList<>();
        for (int i = 0; i < audio.length; i += 320) {
            all.addAll(recognizer.accept(Pcm.bytes(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + 320)))));
        }
        all.addAll(recognizer.finish());
        return all;
    }

    private static String finalText(List<RecognitionResult> results) {
        return String.join(" ", results.stream().filter(RecognitionResult::isFinal).map(RecognitionResult::text)
                .toList());
    }

    private static short[] padded(short[] speech) {
        return TestAudio.concat(TestAudio.silence(300), speech, TestAudio.silence(700));
    }

    @Test
    void recognizesEveryExpectedPhraseSpokenClearly() throws Exception {
        int correct = 0;
        int words = 0;
        int wordErrors = 0;
        long audioNanos = 0;
        long workNanos = 0;
        List<String> wrong = new ArrayList<>();
        for (String phrase : phrases()) {
            String expected = Phrases.normalise(phrase);
            short[] audio = padded(spoken(phrase));
            recognizer.reset();
            long start = System.nanoTime();
            List<RecognitionResult> results = recognize(audio);
            workNanos += System.nanoTime() - start;
            audioNanos += audio.length * 1_000_000_000L / TestAudio.RATE;
            String got = finalText(results);
            words += expected.split(" ").length;
            wordErrors += wordErrors(expected, got);
            if (got.equals(expected)) {
                correct++;
            } else {
                wrong.add("'" + expected + "' heard as '" + got + "'"); // synthesized test phrases, not a client's words
            }
            assertOrderedAndInside(results, audio.length * 1000L / TestAudio.RATE);
        }
        System.out.printf("%s: %d/%d phrases exact, WER %.1f %%, real-time factor %.3f (as fast as possible)%n",
                recognizer.name(), correct, phrases().size(), 100.0 * wordErrors / words,
                (double) workNanos / audioNanos);
        assertTrue(wrong.isEmpty(), "not recognized exactly: " + wrong);
    }

    @Test
    void finalResultArrivesSoonAfterSpeechFedInRealTime() throws Exception {
        short[] speechOnly = spoken(phrases().get(2));
        short[] audio = TestAudio.concat(TestAudio.silence(300), speechOnly, TestAudio.silence(2000));
        int speechEnd = TestAudio.RATE * 300 / 1000 + speechOnly.length;
        recognizer.reset();
        long started = System.nanoTime();
        long speechEndNanos = -1;
        long finalNanos = -1;
        List<RecognitionResult> all = new ArrayList<>();
        for (int i = 0; i < audio.length; i += 320) {
            long due = started + i * 1_000_000_000L / TestAudio.RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            List<RecognitionResult> results = recognizer.accept(Pcm.bytes(Arrays.copyOfRange(audio, i,
                    Math.min(audio.length, i + 320))));
            if (speechEndNanos < 0 && i + 320 >= speechEnd) {
                speechEndNanos = System.nanoTime();
            }
            if (finalNanos < 0 && results.stream().anyMatch(RecognitionResult::isFinal)) {
                finalNanos = System.nanoTime();
            }
            all.addAll(results);
        }
        List<RecognitionResult> rest = recognizer.finish();
        if (finalNanos < 0 && rest.stream().anyMatch(RecognitionResult::isFinal)) {
            finalNanos = System.nanoTime();
        }
        all.addAll(rest);
        System.out.printf("%s: final result %s after the end of speech (2 s of silence fed after it in real time)%n",
                recognizer.name(), finalNanos < 0 ? "never came"
                        : finalNanos - speechEndNanos < 0 ? "before the end of feeding"
                                : (finalNanos - speechEndNanos) / 1_000_000 + " ms");
        assertEquals(Phrases.normalise(phrases().get(2)), finalText(all));
    }

    @Test
    void silenceAndQuietNoiseGiveNoFinalResult() {
        recognizer.reset();
        List<RecognitionResult> results = recognize(TestAudio.concat(TestAudio.silence(1000),
                TestAudio.noise(1500, 0.001, 3)));
        assertFalse(results.stream().anyMatch(RecognitionResult::isFinal), "finals from silence: " + results);
    }

    @Test
    void resetForgetsAudioNotYetFinalised() throws Exception {
        recognizer.reset();
        short[] other = spoken(phrases().get(1));
        recognizer.accept(Pcm.bytes(Arrays.copyOf(other, other.length / 2)));
        recognizer.reset();
        short[] audio = padded(spoken(phrases().get(3)));
        List<RecognitionResult> results = recognize(audio);
        assertEquals(Phrases.normalise(phrases().get(3)), finalText(results));
        assertOrderedAndInside(results, audio.length * 1000L / TestAudio.RATE);
    }

    @Test
    void twoUtterancesInOneStreamComeOutInOrderOnOneTimeline() throws Exception {
        recognizer.reset();
        short[] a = spoken(phrases().get(0));
        short[] b = spoken(phrases().get(4));
        short[] audio = TestAudio.concat(TestAudio.silence(300), a, TestAudio.silence(1500), b,
                TestAudio.silence(700));
        List<RecognitionResult> results = new ArrayList<>();
        int half = TestAudio.RATE * 300 / 1000 + a.length + TestAudio.RATE;
        for (int i = 0; i < audio.length; i += 320) {
            results.addAll(recognizer.accept(Pcm.bytes(Arrays.copyOfRange(audio, i, Math.min(audio.length,
                    i + 320)))));
            if (i < half && i + 320 >= half) {
                results.addAll(recognizer.finish()); // the caller decided the first turn is over
            }
        }
        results.addAll(recognizer.finish());
        List<RecognitionResult> finals = results.stream().filter(RecognitionResult::isFinal).toList();
        assertEquals(List.of(Phrases.normalise(phrases().get(0)), Phrases.normalise(phrases().get(4))),
                finals.stream().map(RecognitionResult::text).toList());
        long secondStart = 1800 + a.length * 1000L / TestAudio.RATE;
        assertEquals(secondStart, finals.get(1).startMillis(), 400, finals.toString());
        assertOrderedAndInside(results, audio.length * 1000L / TestAudio.RATE);
    }

    @Test
    void closedRecognizerRefusesWork() {
        SpeechRecognizer other = create(phrases().subList(0, 2));
        other.close();
        other.close();
        assertThrows(IllegalStateException.class, () -> other.accept(new byte[640]));
        assertThrows(IllegalStateException.class, other::finish);
        assertThrows(IllegalStateException.class, other::reset);
    }

    @Test
    void resultsNeverShowTheTranscriptInToString() {
        RecognitionResult r = RecognitionResult.finalResult("my secret answer", 0, 10);
        assertFalse(r.toString().contains("secret"), r.toString());
    }

    private static void assertOrderedAndInside(List<RecognitionResult> results, long audioMillis) {
        long lastFinalEnd = 0;
        for (RecognitionResult r : results) {
            assertTrue(r.endMillis() <= audioMillis + 50, r + " ends after the audio (" + audioMillis + " ms)");
            if (r.isFinal()) {
                assertFalse(r.text().isBlank());
                assertEquals(r.text(), Phrases.normalise(r.text()), "final text is not normalised");
                assertTrue(r.startMillis() >= lastFinalEnd, r + " starts before the previous final ended");
                lastFinalEnd = r.endMillis();
            }
        }
    }

    /** Word-level edit distance. */
    static int wordErrors(String expected, String got) {
        String[] a = expected.isEmpty() ? new String[0] : expected.split(" ");
        String[] b = got.isEmpty() ? new String[0] : got.split(" ");
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1));
            }
        }
        return d[a.length][b.length];
    }
}
