package no.trinn.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.trinn.agents.dialogue.CommonPhrases;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.simulate.ClientProfile;
import no.trinn.agents.simulate.SimulatedClient;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.scenarios.State;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.asr.Phrases;
import no.trinn.speech.asr.RecognitionResult;
import no.trinn.speech.asr.SpeechRecognizer;
import no.trinn.speech.tts.PhoneSet;
import no.trinn.speech.tts.SpeechSynthesizer;
import no.trinn.speech.tts.Utterance;
import no.trinn.speech.tts.VoiceSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The voice channel of {@code trinn eval --voice} with a recording synthesizer and a scripted recognizer: what the
 * session gets, which grammar each state's recognizer is made with and how often, and how the figures count.
 */
class SpokenChannelTest {
    private static SafetyCheck safety;

    @BeforeAll
    static void load() {
        safety = new SafetyCheck(new MiniLmEmbedder());
    }

    /** Speaks every text as 200 ms of silence and records what it was asked. */
    private static final class RecordingSynthesizer implements SpeechSynthesizer {
        final List<String> texts = new ArrayList<>();
        final List<String> voices = new ArrayList<>();
        boolean closed;

        @Override
        public String engine() {
            return "recording";
        }

        @Override
        public Set<String> voices() {
            return Set.of("en");
        }

        @Override
        public PhoneSet phoneSet() {
            return PhoneSet.ESPEAK;
        }

        @Override
        public Utterance synthesize(String text, VoiceSettings voice) {
            texts.add(text);
            voices.add(voice.voice());
            return new Utterance("recording", voice.voice(), PhoneSet.ESPEAK, PcmFormat.INTERNAL,
                    new byte[PcmFormat.INTERNAL.bytesFor(200)], List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Answers each turn with the next scripted text (empty: no result). */
    private static final class ScriptedRecognizer implements SpeechRecognizer {
        final List<String> phrases;
        final Deque<String> answers;
        int resets;
        boolean closed;

        ScriptedRecognizer(List<String> phrases, Deque<String> answers) {
            this.phrases = phrases;
            this.answers = answers;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public List<RecognitionResult> accept(byte[] pcm) {
            return List.of();
        }

        @Override
        public List<RecognitionResult> finish() {
            String next = answers.removeFirst();
            return next.isEmpty() ? List.of() : List.of(RecognitionResult.finalResult(next, 0, 100));
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theSessionGetsWhatTheStatesRecognizerHeardAndTheFiguresCountIt() {
        Scenario scenario = ScenarioLibrary.shipped().require("coffee-order");
        State first = scenario.start();
        State second = scenario.states().stream().filter(s -> !s.id().equals(first.id()) && !s.end()
                && !s.intents().isEmpty()).findFirst().orElseThrow();
        Intent intent = first.intents().getFirst();
        String example = intent.examples().getFirst();
        ClientProfile client = ClientProfile.archetypes().getFirst();
        Deque<String> answers = new ArrayDeque<>(List.of(Phrases.normalise(example), "", ""));
        List<ScriptedRecognizer> made = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        RecordingSynthesizer synthesizer = new RecordingSynthesizer();
        SpokenChannel channel = new SpokenChannel(synthesizer, safety, (language, phrases) -> {
            languages.add(language);
            ScriptedRecognizer r = new ScriptedRecognizer(phrases.all(), answers);
            made.add(r);
            return r;
        });

        SimulatedClient.Turn success = new SimulatedClient.Turn("um, " + example, 900, SimulatedClient.Kind.SUCCESS,
                example, Optional.of(intent.id()), 0.3, 0.8);
        assertEquals(Phrases.normalise(example), channel.heard(client, scenario, first.id(), success));
        SimulatedClient.Turn silence = new SimulatedClient.Turn("", 5000, SimulatedClient.Kind.SILENCE, "",
                Optional.empty(), 0.3, 0.8);
        assertEquals("", channel.heard(client, scenario, first.id(), silence));
        SimulatedClient.Turn lost = new SimulatedClient.Turn(example, 900, SimulatedClient.Kind.SUCCESS, example,
                Optional.of(intent.id()), 0.3, 0.8);
        assertEquals("", channel.heard(client, scenario, first.id(), lost), "nothing recognized is silence");
        SimulatedClient.Turn offTopic = new SimulatedClient.Turn("Nice weather today.", 900,
                SimulatedClient.Kind.OFF_TOPIC, "Nice weather today.", Optional.empty(), 0.3, 0.8);
        assertEquals("", channel.heard(client, scenario, second.id(), offTopic));

        assertEquals(List.of("um, " + example, example, "Nice weather today."), synthesizer.texts,
                "silence is not spoken");
        assertEquals(List.of(SpokenChannel.voice(client, "en").voice()), synthesizer.voices.stream().distinct()
                .toList());
        assertEquals(2, made.size(), "one recognizer per state, kept");
        assertEquals(List.of("en", "en"), languages);
        assertEquals(2, made.getFirst().resets, "reset before every spoken turn");
        List<String> expected = new ArrayList<>(first.intents().stream().flatMap(i -> i.examples().stream())
                .toList());
        expected.addAll(CommonPhrases.forLanguage("en").repair());
        expected.addAll(safety.controlPhrases("en"));
        assertEquals(expected, made.getFirst().phrases, "the grammar the voice session uses in that state");

        SpokenChannel.Figures f = channel.figures();
        assertEquals(1, f.silentTurns());
        assertEquals(3, f.spokenTurns());
        assertEquals(2, f.expectedAnswers());
        assertEquals(1, f.sameIntent());
        assertEquals(0.5, f.intentAccuracy());
        assertEquals(1, f.expectedNothing());
        assertEquals(2, f.inGrammar());
        assertEquals(1, f.inGrammarExact());
        assertEquals(1, f.outOfGrammar());
        assertEquals(0, f.outOfGrammarAccepted());
        assertEquals(1, f.plainAnswers(), "the answer said without \"um\"");
        assertEquals(0, f.plainSameIntent());
        assertEquals(1.0, f.decoratedIntentAccuracy());
        assertEquals(0, f.falseControls());
        int words = Phrases.normalise(example).split(" ").length;
        assertEquals(1 - words / (2.0 * words), f.wordAccuracy(), 1e-9);
        assertEquals(2, f.recognizers());
        assertEquals(3, channel.rows().size());
        String csv = EvalFiles.voiceTurns(channel.rows());
        assertEquals(4, csv.lines().count(), csv);
        assertTrue(csv.lines().findFirst().orElseThrow().startsWith("client,scenario,state,kind"), csv);

        channel.close();
        assertTrue(made.stream().allMatch(r -> r.closed));
        assertTrue(synthesizer.closed);
    }

    @Test
    void eachClientHasAVoiceAndASpeedFromItsStyle() {
        List<ClientProfile> clients = ClientProfile.archetypes();
        Set<String> voices = new java.util.HashSet<>();
        for (ClientProfile c : clients) {
            VoiceSettings v = SpokenChannel.voice(c, "en");
            voices.add(v.voice());
            int wpm = SpokenChannel.wordsPerMinute(c);
            assertTrue(wpm >= SpokenChannel.MIN_WORDS_PER_MINUTE && wpm <= SpokenChannel.MAX_WORDS_PER_MINUTE);
            assertTrue(v.voice().startsWith("en"), v.voice());
            assertEquals(SpokenChannel.voice(c, "nb").voice(), "nb" + v.voice().substring(2));
        }
        assertTrue(voices.size() >= 2, "voices vary: " + voices);
    }

    @Test
    void wordErrorsCountSubstitutionsDeletionsAndInsertions() {
        assertEquals(0, SpokenChannel.wordErrors("I'd like a coffee", "i'd like a coffee"));
        assertEquals(4, SpokenChannel.wordErrors("I'd like a coffee", ""));
        assertEquals(2, SpokenChannel.wordErrors("a b c", "a x c d"));
        assertEquals(1, SpokenChannel.wordErrors("", "yes"));
    }
}
