package no.trinn.app.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.agents.adapt.VoiceMeasures;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.app.cli.Home;
import no.trinn.app.practice.EventLog;
import no.trinn.app.practice.Palette;
import no.trinn.app.practice.PlainTranscript;
import no.trinn.app.practice.SessionDriver;
import no.trinn.app.practice.Sessions;
import no.trinn.app.practice.TextEngines;
import no.trinn.app.practice.TranscriptSink;
import no.trinn.core.session.SessionEvent;
import no.trinn.models.catalog.ModelCache;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.speech.SpeechException;
import no.trinn.speech.audio.Pcm;
import no.trinn.speech.audio.Wav;
import no.trinn.speech.echo.SimulatedRoom;
import no.trinn.speech.tts.EspeakSynthesizer;
import no.trinn.speech.tts.Utterance;
import no.trinn.speech.tts.VoiceSettings;
import no.trinn.speech.vad.SileroVad;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live voice ({@link VoicePractice#live}) end to end without a sound device: the microphone and the speaker are a
 * {@link LoopbackRoom}, so the character's speech comes back into the microphone through a simulated room (60 ms
 * delay, 100 ms reverberation, -6 dB, a little noise), paced to real time; the client's lines are spoken by
 * espeak-ng. Real components otherwise (Silero, Sphinx4 grammar, the scripted engine, MaryTTS, the echo canceller).
 * Skipped (with the reason) where espeak-ng or the voice activity model is missing.
 */
class LiveVoiceTest {
    private static final String SCENARIO = "coffee-order";

    @TempDir
    Path dir;

    private record Run(VoicePractice.EchoFigures echo, List<VoicePractice.Cut> cuts, EventLog events,
            LoopbackRoom room, String transcript, short[] recorded, List<VoiceMeasures> measures) {
    }

    @Test
    void aPoliteClientReachesTheGoalAndTheCharactersEchoNeverInterruptsIt() {
        List<LoopbackRoom.Line> lines = new ArrayList<>();
        for (String line : List.of("Could I get a flat white?", "Small with oat milk", "I'll pay with my card.")) {
            lines.add(new LoopbackRoom.Line(speak(line), new LoopbackRoom.AfterCharacter(600)));
        }
        Run r = run(lines, 28_000);
        assertEquals(Optional.of("completed"), r.events().ended().map(SessionEvent.Ended::reason), r.transcript());
        assertEquals(List.of(), r.cuts().stream().filter(c -> !c.stopPhrase()).toList(),
                "the echo (or a line) interrupted the character: " + r.transcript());
        assertTrue(r.echo().echoChunks() > 50, "the echo should have reached the microphone: " + r.echo());
        assertEquals(3, r.room().lineStartNanos().size(), r.transcript());
        // the recording holds the whole session: the three lines and the character's replies
        assertTrue(r.recorded().length > 12 * 16_000, r.recorded().length + " samples recorded");
        // each client turn's speech was measured for the assessment: about as long as the espeak-ng line
        assertEquals(3, r.measures().size(), r.measures().toString());
        for (int i = 0; i < 3; i++) {
            long spoken = lines.get(i).samples().length / 16;
            VoiceMeasures m = r.measures().get(i);
            assertTrue(Math.abs(m.speechMillis() - spoken) < 800, "turn " + i + ": " + m + " for " + spoken + " ms");
            assertTrue(m.silenceMillis() >= 500, "the client waited 600 ms after the character: " + m);
            assertEquals(0, m.interruptions(), m.toString());
        }
    }

    @Test
    void aStopPhraseSpokenOverTheCharacterSilencesTheSpeakerAtOnceAndEndsTheSession() {
        // the stop comes 0.7 s into the character's first reply, once the canceller has heard the opening line
        Run r = run(List.of(new LoopbackRoom.Line(speak("Could I get a flat white?"),
                new LoopbackRoom.AfterCharacter(600)), new LoopbackRoom.Line(speak("Stop."),
                        new LoopbackRoom.OverCharacter(700))), 15_000);
        assertEquals(Optional.of("stopped"), r.events().ended().map(SessionEvent.Ended::reason), r.transcript());
        List<VoicePractice.Cut> stops = r.cuts().stream().filter(VoicePractice.Cut::stopPhrase).toList();
        assertEquals(1, stops.size(), r.cuts() + "; " + r.transcript());
        VoicePractice.Cut cut = stops.getFirst();
        assertTrue(cut.cutMillis() <= 60, cut.toString());
        assertTrue(cut.heardWords() < cut.replyWords(), cut.toString());
        // the speaker: nothing voiced written after the decision (its timeline runs a 40 ms cushion ahead)
        long decisionSample = cut.decisionMillis() * 16;
        long lastVoiced = r.room().writes().stream().filter(LoopbackRoom.Write::voiced)
                .mapToLong(w -> w.firstSample() + w.samples()).max().orElse(0);
        long cushion = VoicePractice.SPEAKER_CUSHION_MILLIS * 16L;
        System.out.printf("live stop: line at %.0f ms, decision at %d ms, last voiced speaker sample at %.0f ms%n",
                r.room().lineStartSamples().getLast() / 16.0, cut.decisionMillis(), (lastVoiced - cushion) / 16.0);
        assertTrue(lastVoiced - cushion <= decisionSample + 60 * 16, "the speaker went on after the stop: "
                + lastVoiced + " vs " + decisionSample);
    }

    private Run run(List<LoopbackRoom.Line> lines, long capMillis) {
        ModelCache models = models();
        Scenario scenario = ScenarioLibrary.shipped().require(SCENARIO);
        LoopbackRoom room = new LoopbackRoom(SimulatedRoom.typical(5), lines, 1_500, capMillis);
        TextEngines engines = TextEngines.shared();
        SessionSetup setup = Sessions.setup(Sessions.newId(), scenario, "live", 0.3);
        EventLog events = new EventLog();
        StringWriter transcript = new StringWriter();
        Path recording = dir.resolve("live.wav");
        VoicePractice.EchoFigures echo;
        List<VoicePractice.Cut> cuts;
        List<VoiceMeasures> measures = new ArrayList<>();
        try (SessionStore store = SessionStore.open(dir.resolve("live.db"));
                VoicePractice voice = VoicePractice.live(room.microphone(), room.speaker(), Optional.of(recording),
                        models, scenario)) {
            assertTrue(voice.isLive());
            TranscriptSink sink = voice.speaking(new PlainTranscript(new PrintWriter(transcript, true), scenario,
                    true, Palette.plain()), scenario, () -> setup.behaviour().getOrDefault("speechRate", 0.5));
            PracticeSession session = Sessions.start(setup, engines, List.of(store, events));
            SessionDriver driver = new SessionDriver(session, events, sink, engines.prepare(scenario));
            driver.open();
            List<VoicePractice.TurnTiming> timings = voice.run(driver, engines.safety(),
                    VoicePractice.DEFAULT_SILENCE_PROMPT_SECONDS, measures::add);
            driver.finish("quit");
            echo = voice.echoFigures().orElseThrow();
            cuts = voice.cuts();
            System.out.println(transcript + "\nlive: " + timings + "\nlive: cuts " + voice.cuts() + "\nlive: "
                    + echo + "\nlive: lines started at " + room.lineStartSamples().stream()
                            .map(s -> s / 16 + " ms").toList());
        }
        return new Run(echo, cuts, events, room, transcript.toString(), Wav.read(recording).internalSamples(),
                List.copyOf(measures));
    }

    private static short[] speak(String line) {
        try (EspeakSynthesizer espeak = EspeakSynthesizer.start()) {
            Utterance u = espeak.synthesize(line, VoiceSettings.neutral("en-us"));
            return Pcm.toInternal(u.pcm(), u.format());
        } catch (SpeechException e) {
            return Assumptions.abort("espeak-ng is not installed: " + e.getMessage());
        }
    }

    private static ModelCache models() {
        Path models = Path.of(System.getenv().getOrDefault(Home.MODELS_VARIABLE,
                ModelCache.defaultRoot().toString()));
        ModelCache cache = new ModelCache(models);
        Assumptions.assumeTrue(SileroVad.locate(cache).isPresent(), "the voice activity model is not in " + models
                + "; " + SileroVad.HOW_TO_INSTALL);
        return cache;
    }
}
