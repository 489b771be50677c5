package no.trinn.speech.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;
import no.trinn.speech.audio.Pcm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The contract every {@link SpeechSynthesizer} adapter passes; a subclass per engine and voice. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpeechSynthesizerContract {
    private SpeechSynthesizer synthesizer;

    /** Starts the adapter under test. */
    abstract SpeechSynthesizer open();

    /** The engine voice to test. */
    abstract String voice();

    /** A sentence of about ten words in the voice's language. */
    abstract String sentence();

    /** Sentences covering the language's sounds. */
    abstract List<String> corpus();

    @BeforeAll
    void start() {
        synthesizer = open();
    }

    @AfterAll
    void stop() {
        if (synthesizer != null) { // null when open() skipped the class
            synthesizer.close();
        }
    }

    SpeechSynthesizer synthesizer() {
        return synthesizer;
    }

    @Test
    void makesAudioOfPlausibleDurationInTheInternalFormat() {
        Utterance utterance = synthesizer.synthesize(sentence(), VoiceSettings.neutral(voice()));
        assertEquals(PcmFormat.INTERNAL, synthesizer.format());
        assertEquals(PcmFormat.INTERNAL, utterance.format());
        assertEquals(synthesizer.engine(), utterance.engine());
        assertEquals(synthesizer.phoneSet(), utterance.phoneSet());
        long words = sentence().split("\\s+").length;
        long millis = utterance.durationMillis();
        assertTrue(millis > words * 150 && millis < words * 900, "duration " + millis + " ms for " + words + " words");
        assertTrue(rms(Pcm.samples(utterance.pcm())) > 300, "audio is not silent");
    }

    @Test
    void phoneTimingsAreMonotonicAndEndWithTheAudio() {
        Utterance utterance = synthesizer.synthesize(sentence(), VoiceSettings.neutral(voice()));
        assertPhonesFit(utterance);
        long spoken = utterance.phones().stream().filter(p -> !p.isPause()).count();
        assertTrue(spoken >= sentence().length() / 3, "only " + spoken + " phones");
    }

    @Test
    void distinctVoicesHaveMeasurablyDifferentPitch() {
        VoiceSettings low = VoiceSettings.derive(voice(), -0.8, 0, Map.of(), 0.5);
        VoiceSettings high = VoiceSettings.derive(voice(), 0.8, 0, Map.of(), 0.5);
        double lowF0 = medianF0(synthesizer.synthesize(sentence(), low));
        double highF0 = medianF0(synthesizer.synthesize(sentence(), high));
        assertTrue(highF0 > lowF0 * 1.15, "F0 " + lowF0 + " Hz (low) vs " + highF0 + " Hz (high)");
    }

    @Test
    void rateChangesDuration() {
        Utterance slow = synthesizer.synthesize(sentence(), VoiceSettings.derive(voice(), 0, -0.8, Map.of(), 0.2));
        Utterance fast = synthesizer.synthesize(sentence(), VoiceSettings.derive(voice(), 0, 0.8, Map.of(), 0.8));
        assertTrue(slow.durationMillis() > fast.durationMillis() * 1.3,
                "slow " + slow.durationMillis() + " ms vs fast " + fast.durationMillis() + " ms");
    }

    @Test
    void blankTextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> synthesizer.synthesize("", VoiceSettings.neutral(voice())));
        assertThrows(IllegalArgumentException.class,
                () -> synthesizer.synthesize(" \n\t ", VoiceSettings.neutral(voice())));
    }

    @Test
    void tooLongTextIsRejectedWithAClearMessage() {
        String huge = "word ".repeat(SpeechSynthesizer.MAX_CHARS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> synthesizer.synthesize(huge, VoiceSettings.neutral(voice())));
        assertTrue(e.getMessage().contains("synthesizeClauses"), e.getMessage());
    }

    @Test
    void oddTextIsSpokenAsText() {
        Utterance utterance = synthesizer.synthesize("Tom & Jerry <b>said</b> \"hi\" \u263A 3.5 % #1 \u0007 ok",
                VoiceSettings.neutral(voice()));
        assertTrue(utterance.durationMillis() > 500, utterance.toString());
        assertPhonesFit(utterance);
    }

    @Test
    void punctuationOnlyTextGivesConsistentOutput() {
        Utterance utterance = synthesizer.synthesize("?!...", VoiceSettings.neutral(voice()));
        if (!utterance.phones().isEmpty()) {
            assertPhonesFit(utterance);
        }
    }

    @Test
    void unknownVoiceFailsNamingTheVoice() {
        SpeechException e = assertThrows(SpeechException.class,
                () -> synthesizer.synthesize("Hello.", VoiceSettings.neutral("no-such-voice")));
        assertTrue(e.getMessage().contains("no-such-voice") || e.getMessage().contains("voice"), e.getMessage());
    }

    @Test
    void clausesArriveInOrderOneUtteranceEach() {
        List<Utterance> utterances = new ArrayList<>();
        synthesizer.synthesizeClauses(String.join(" ", corpus().subList(0, 3)), VoiceSettings.neutral(voice()),
                utterances::add);
        assertTrue(utterances.size() >= 3, utterances.size() + " clauses");
        utterances.forEach(SpeechSynthesizerContract::assertPhonesFit);
    }

    @Test
    void concurrentCallsBothSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Utterance> a = pool.submit(() -> synthesizer.synthesize(corpus().get(0),
                    VoiceSettings.neutral(voice())));
            Future<Utterance> b = pool.submit(() -> synthesizer.synthesize(corpus().get(1),
                    VoiceSettings.neutral(voice())));
            assertPhonesFit(a.get());
            assertPhonesFit(b.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void visemeMappingCoversEveryPhoneOverTheCorpus() {
        TreeSet<String> seen = new TreeSet<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (String line : corpus()) {
            Utterance utterance = synthesizer.synthesize(line, VoiceSettings.neutral(voice()));
            for (Phone phone : utterance.phones()) {
                seen.add(phone.symbol());
                if (VisemeMapper.viseme(utterance.phoneSet(), phone.symbol()).isEmpty()) {
                    unknown.add(phone.symbol());
                }
            }
            assertFalse(VisemeMapper.timeline(utterance).isEmpty());
        }
        assertTrue(unknown.isEmpty(), "no viseme for " + unknown + " (seen " + seen + ")");
        assertTrue(seen.size() > 20, "seen only " + seen);
    }

    @Test
    void closedSynthesizerRefusesWork() {
        SpeechSynthesizer other = open();
        other.close();
        assertThrows(IllegalStateException.class, () -> other.synthesize("Hello.", VoiceSettings.neutral(voice())));
    }

    static void assertPhonesFit(Utterance utterance) {
        List<Phone> phones = utterance.phones();
        assertFalse(phones.isEmpty(), "no phones in " + utterance);
        assertEquals(0, phones.get(0).startMillis(), "first phone starts at 0");
        long previousEnd = 0;
        for (Phone phone : phones) {
            assertTrue(phone.startMillis() >= previousEnd, "phones overlap at " + phone);
            assertTrue(phone.endMillis() >= phone.startMillis(), "phone ends before it starts: " + phone);
            previousEnd = phone.endMillis();
        }
        long gap = Math.abs(utterance.durationMillis() - previousEnd);
        assertTrue(gap <= 50, "last phone ends " + previousEnd + " ms, audio " + utterance.durationMillis() + " ms");
    }

    static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    /** Median fundamental frequency over voiced 40 ms frames, by normalised autocorrelation (70-400 Hz). */
    static double medianF0(Utterance utterance) {
        short[] x = Pcm.samples(utterance.pcm());
        int rate = utterance.format().sampleRate();
        int frame = rate * 40 / 1000;
        int minLag = rate / 400;
        int maxLag = rate / 70;
        double loud = rms(x);
        List<Double> f0 = new ArrayList<>();
        for (int start = 0; start + frame + maxLag < x.length; start += frame / 2) {
            double energy = 0;
            for (int i = start; i < start + frame; i++) {
                energy += (double) x[i] * x[i];
            }
            if (Math.sqrt(energy / frame) < loud * 0.5) {
                continue;
            }
            double best = 0;
            int bestLag = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double sum = 0;
                double e2 = 0;
                for (int i = start; i < start + frame; i++) {
                    sum += (double) x[i] * x[i + lag];
                    e2 += (double) x[i + lag] * x[i + lag];
                }
                double r = sum / Math.sqrt(energy * e2 + 1e-9);
                if (r > best) {
                    best = r;
                    bestLag = lag;
                }
            }
            if (best > 0.6) {
                f0.add((double) rate / bestLag);
            }
        }
        assertTrue(f0.size() >= 5, "too few voiced frames: " + f0.size());
        f0.sort(null);
        return f0.get(f0.size() / 2);
    }
}
