package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.trinn.app.bench.VoiceBench;
import no.trinn.app.voice.VoicePractice;
import no.trinn.models.catalog.ModelCache;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.audio.Wav;
import no.trinn.speech.vad.SileroVad;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trinn practice --voice} end to end with real components: the coffee-order voice goal script (one expected
 * phrase of each goal step; see the script's comment) spoken by espeak-ng into a WAV file, then voice activity
 * (Silero), Sphinx4 in grammar mode, turn-taking, the scripted engine, MaryTTS and the session WAV; and a spoken stop
 * phrase ending the session; a Norwegian scenario spoken by espeak-ng's nb voice; a silent client prompted after
 * the silence-prompt wait; the recognizer choice with an empty model cache. The per-turn figures (end-of-turn delay, recognizer
 * wait, reply latency) are printed, not asserted. Skipped (with the reason) where espeak-ng or the voice activity
 * model is missing; CI has both.
 */
class VoicePracticeTest {
    @TempDir
    Path home;

    @Test
    void theGoalScriptSpokenReachesTheGoalWithTheSameIntentsAsTyped() throws IOException {
        Path models = models();
        Path script = PracticeCommandTest.script(home, "coffee-order.voice.txt");
        List<String> lines = Files.readAllLines(script).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        Path input = home.resolve("client.wav");
        long inputMillis = speak(lines, input);

        CliRun.Result typed = CliRun.run(home, "practice", "coffee-order", "--client", "typed", "--script",
                script.toString(), "--json");
        assertEquals(0, typed.code(), typed::toString);
        Path output = home.resolve("out.wav");
        CliRun.Result spoken = CliRun.runBare(Map.of(Home.MODELS_VARIABLE, models.toString()), new byte[0],
                "--home", home.toString(), "practice", "coffee-order", "--client", "spoken", "--voice", "--input",
                input.toString(), "--output", output.toString(), "--json");
        System.out.println(spoken.err());
        assertEquals(0, spoken.code(), spoken::toString);

        JsonNode voice = new ObjectMapper().readTree(spoken.out());
        JsonNode text = new ObjectMapper().readTree(typed.out());
        assertEquals(intents(text), intents(voice), spoken::toString);
        assertEquals(lines.size(), voice.path("turns").size(), spoken::toString);
        assertTrue(voice.path("summary").path("goalMet").asBoolean(), spoken::toString);
        PracticeCommandTest.assertOneSessionMetTheGoal(home, "spoken", lines.size());
        long outputMillis = PcmFormat.INTERNAL.millisOf(Wav.read(output).internalSamples().length * 2L);
        assertTrue(outputMillis > inputMillis, outputMillis + " ms of session audio, " + inputMillis + " ms input");
    }

    @Test
    void aSpokenStopPhraseEndsTheSessionAsStopped() throws IOException {
        Path models = models();
        Path input = home.resolve("stop.wav");
        speak(List.of("Could I get a flat white?", "I want to stop."), input);
        CliRun.Result r = CliRun.runBare(Map.of(Home.MODELS_VARIABLE, models.toString()), new byte[0],
                "--home", home.toString(), "practice", "coffee-order", "--client", "stopper", "--voice", "--input",
                input.toString(), "--output", home.resolve("stop-out.wav").toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals("stopped", report.path("endReason").asText(), r::toString);
        assertEquals("STOP", report.path("safetyEvents").path(0).path("kind").asText(), r::toString);
    }

    @Test
    void duplexASentenceOverTheOpeningLineCutsItAndTheCharacterRemembersOnlyThePartHeard() {
        Duplex r = duplex("barge", List.of("Could I get a flat white?"));
        List<Cut> cuts = cuts(r, "barge-in");
        assertFalse(cuts.isEmpty(), r::toString);
        Cut first = cuts.getFirst();
        assertTrue(first.millis() <= 150, first + "; " + r);
        assertTrue(first.heard() < first.reply(), first + "; " + r);
    }

    @Test
    void duplexABackchannelDuringTheOpeningLineDoesNotCutIt() {
        Duplex r = duplex("mhm", List.of("mhm"));
        assertEquals(List.of(), cuts(r, "barge-in"), r::toString);
        assertEquals(List.of(), cuts(r, "stop phrase"), r::toString);
    }

    @Test
    void duplexTheStopPhraseDuringTheOpeningLineSilencesTheCharacterAndEndsTheSession() throws IOException {
        Duplex r = duplex("stop", List.of("Stop."));
        List<Cut> cuts = cuts(r, "stop phrase");
        assertEquals(1, cuts.size(), r::toString);
        assertTrue(cuts.getFirst().millis() <= 150, cuts.getFirst() + "; " + r);
        assertEquals("stopped", new ObjectMapper().readTree(r.run().out()).path("endReason").asText(),
                r::toString);
    }

    /**
     * One cut of the character's speech as {@code --duplex} reports it; {@code millis} is measured on the session
     * audio: the last sample where the output differs from the client's input (the character's voice), within half
     * a second of the decision, less the decision's time.
     */
    private record Cut(long millis, int heard, int reply) {
    }

    /** Runs a duplex voice session of coffee-order on {@code lines} spoken by espeak-ng; prints its figures. */
    private Duplex duplex(String name, List<String> lines) {
        Path models = models();
        Path input = home.resolve(name + ".wav");
        speak(lines, input);
        CliRun.Result r = CliRun.runBare(Map.of(Home.MODELS_VARIABLE, models.toString()), new byte[0],
                "--home", home.toString(), "practice", "coffee-order", "--client", name, "--voice", "--duplex",
                "--input", input.toString(), "--output", home.resolve(name + "-out.wav").toString(), "--json");
        System.out.println(name + ":\n" + r.err());
        assertEquals(0, r.code(), r::toString);
        return new Duplex(r, Wav.read(input).internalSamples(), Wav.read(home.resolve(name + "-out.wav"))
                .internalSamples());
    }

    /** A duplex run: its result, the client's audio and the session's audio. */
    private record Duplex(CliRun.Result run, short[] input, short[] output) {
        @Override
        public String toString() {
            return run.toString();
        }
    }

    private static List<Cut> cuts(Duplex d, String cause) {
        Matcher m = Pattern.compile("voice: " + cause + " at (\\d+) ms: .*heard (\\d+) of (\\d+) words")
                .matcher(d.run().err());
        List<Cut> out = new ArrayList<>();
        int perMilli = PcmFormat.INTERNAL.sampleRate() / 1000;
        while (m.find()) {
            long decided = Long.parseLong(m.group(1));
            int last = -1;
            int end = (int) Math.min(d.output().length, (decided + 500) * perMilli);
            for (int i = 0; i < end; i++) {
                int client = i < d.input().length ? d.input()[i] : 0;
                if (d.output()[i] != client) {
                    last = i;
                }
            }
            long cut = Math.max(0, last / perMilli - decided);
            System.out.println(cause + " at " + decided + " ms: the character's audio stops " + cut
                    + " ms after the decision (session audio)");
            out.add(new Cut(cut, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        return out;
    }

    /** The model cache holding the voice activity model; skips the test if it is not there. */
    static Path models() {
        Path models = Path.of(System.getenv().getOrDefault(Home.MODELS_VARIABLE, ModelCache.defaultRoot().toString()));
        Assumptions.assumeTrue(SileroVad.locate(new ModelCache(models)).isPresent(), "the voice activity model is "
                + "not in " + models + "; " + SileroVad.HOW_TO_INSTALL);
        return models;
    }

    @Test
    void aNorwegianScenarioIsSpokenByEspeakNgNbAndStored() throws IOException {
        Path models = models();
        Path input = home.resolve("nb.wav");
        speak(List.of("Hei, hyggelig å se deg!", "Det går bra, takk."), "nb", 500, input);
        CliRun.Result r = CliRun.runBare(Map.of(Home.MODELS_VARIABLE, models.toString()), new byte[0],
                "--home", home.toString(), "practice", "greet-neighbour-nb", "--client", "nabo", "--voice",
                "--input", input.toString(), "--output", home.resolve("nb-out.wav").toString(), "--json");
        System.out.println(r.err());
        assertEquals(0, r.code(), r::toString);
        // Sphinx4's acoustic model is English, so only the speaking side is checked, not what was recognized
        assertTrue(r.err().contains("voice: recognizer sphinx4 grammar; character spoken by espeak-ng nb"),
                r::toString);
        assertFalse(r.err().contains("marytts"), r::toString);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertFalse(report.path("openingLine").asText().isBlank(), r::toString);
        try (SessionStore store = SessionStore.open(home.resolve("trinn.db"))) {
            assertEquals(1, store.sessions("nabo").size(), r::toString);
        }
    }

    @Test
    void aSilentClientIsPromptedGentlyBeforeTheirFirstTurn() throws IOException {
        Path models = models();
        Path input = home.resolve("quiet.wav");
        speak(List.of("Could I get a flat white?"), "en-us", 12_000, input);
        CliRun.Result r = CliRun.runBare(Map.of(Home.MODELS_VARIABLE, models.toString()), new byte[0],
                "--home", home.toString(), "practice", "coffee-order", "--client", "quiet", "--voice", "--input",
                input.toString(), "--output", home.resolve("quiet-out.wav").toString(), "--silence-prompt", "5",
                "--json");
        assertEquals(0, r.code(), r::toString);
        JsonNode turns = new ObjectMapper().readTree(r.out()).path("turns");
        assertTrue(turns.size() >= 2, r::toString);
        assertEquals("", turns.path(0).path("client").asText(), r::toString);
        assertFalse(turns.path(0).path("character").asText().isBlank(), r::toString);
        assertFalse(turns.path(turns.size() - 1).path("client").asText().isBlank(), r::toString);
    }

    @Test
    void withAnEmptyModelCacheTheRecognizerIsSphinx4() {
        ModelCache empty = new ModelCache(home.resolve("empty-models"));
        assertTrue(VoicePractice.voskModel(empty, "en").isEmpty());
        assertTrue(VoicePractice.voskModel(empty, "nb").isEmpty());
        assertEquals(4_000, VoicePractice.silencePromptMillis(8, 0.0));
        assertEquals(8_000, VoicePractice.silencePromptMillis(8, 0.5));
        assertEquals(12_000, VoicePractice.silencePromptMillis(8, 1.0));
    }

    @Test
    void voiceWithoutInputNamesTheMissingMicrophoneOrLiveModeAndExitsTwo() {
        CliRun.Result r = CliRun.run(home, "practice", "coffee-order", "--voice");
        assertEquals(Cli.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("use --input FILE"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        CliRun.Result noVoice = CliRun.run(home, "practice", "coffee-order", "--input", "x.wav");
        assertEquals(Cli.USAGE, noVoice.code(), noVoice::toString);
        assertTrue(noVoice.err().contains("--input, --output and --duplex need --voice"), noVoice::toString);
    }

    /** Writes {@code lines} spoken by espeak-ng, as the voice benchmark does; returns its length. */
    private static long speak(List<String> lines, Path wav) {
        return speak(lines, "en-us", 500, wav);
    }

    /** As {@link #speak(List, Path)} in the espeak-ng voice {@code voice} after {@code leadingMillis} of silence. */
    private static long speak(List<String> lines, String voice, int leadingMillis, Path wav) {
        try {
            return VoiceBench.speak(lines, voice, leadingMillis, wav);
        } catch (InputException e) {
            return Assumptions.abort(e.getMessage());
        }
    }

    private static List<String> intents(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("turns").forEach(t -> out.add(t.path("intent").asText("(none)")));
        return out;
    }
}
