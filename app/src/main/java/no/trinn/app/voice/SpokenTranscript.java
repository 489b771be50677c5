package no.trinn.app.voice;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import no.trinn.app.practice.TranscriptSink;
import no.trinn.core.Require;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.Frame;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Scenario;
import no.trinn.speech.AudioSink;
import no.trinn.speech.audio.Pcm;
import no.trinn.speech.tts.ClauseChunker;
import no.trinn.speech.tts.SpeechSynthesizer;
import no.trinn.speech.tts.Utterance;
import no.trinn.speech.tts.VisemeMapper;
import no.trinn.speech.tts.VoiceSettings;
import no.trinn.vr.VisemeCue;

/**
 * A transcript sink that also speaks: everything goes on to the sink it wraps (the subtitles), and each character
 * line of the frames is synthesized clause by clause and written to an audio sink as each clause is ready. A
 * character's voice is {@link VoiceSettings#derive} of its voice record, its temperament and the session's
 * {@code speechRate} at the time of the line (the difficulty controller may move it between turns); a voice name the synthesizer lacks is replaced by the voice named like the scenario's language
 * if the synthesizer has one, else by its first voice. Records which engine and voice spoke ({@link #spokenBy()}) and when the
 * first audio of the latest reply was written ({@link #firstAudioNanos()}). In the duplex mode of
 * {@link VoicePractice} the clauses go to its playback instead of the audio sink. Not thread-safe: one session.
 */
public final class SpokenTranscript implements TranscriptSink {
    private final TranscriptSink subtitles;
    private final SpeechSynthesizer synthesizer;
    private final AudioSink audio;
    private final Scenario scenario;
    private final DoubleSupplier speechRate;
    private final Optional<Playback> playback;
    private Consumer<SpokenClause> clauses = c -> { };
    private final Set<String> spokenBy = new LinkedHashSet<>();
    private long firstAudioNanos = -1;
    private long synthesisStartNanos = -1;
    private long synthesisNanos;
    private long replySpokenMillis;
    private long spokenMillis;

    /**
     * @param subtitles the sink that shows the transcript
     * @param synthesizer the engine that speaks the character lines
     * @param audio where the speech goes, in 16 kHz mono or any format the sink converts to
     * @param scenario the scenario, for the characters' voices
     * @param speechRate the {@code speechRate} behaviour parameter, [0, 1], asked for each line
     */
    public SpokenTranscript(TranscriptSink subtitles, SpeechSynthesizer synthesizer, AudioSink audio,
            Scenario scenario, DoubleSupplier speechRate) {
        this(subtitles, synthesizer, audio, scenario, speechRate, Optional.empty());
    }

    /** As the public constructor, but the clauses go to {@code playback} (if present) instead of {@code audio}. */
    SpokenTranscript(TranscriptSink subtitles, SpeechSynthesizer synthesizer, AudioSink audio,
            Scenario scenario, DoubleSupplier speechRate, Optional<Playback> playback) {
        this.playback = playback;
        this.subtitles = Require.nonNull(subtitles, "subtitles");
        this.synthesizer = Require.nonNull(synthesizer, "synthesizer");
        this.audio = Require.nonNull(audio, "audio");
        this.scenario = Require.nonNull(scenario, "scenario");
        this.speechRate = Require.nonNull(speechRate, "speechRate");
    }

    @Override
    public void header(Scenario s, String engine) {
        subtitles.header(s, engine);
    }

    @Override
    public void loading() {
        subtitles.loading();
    }

    @Override
    public void client(String text) {
        subtitles.client(text);
    }

    @Override
    public void command(String command) {
        subtitles.command(command);
    }

    @Override
    public void frames(List<Frame> frames) {
        subtitles.frames(frames);
        firstAudioNanos = -1;
        synthesisStartNanos = -1;
        synthesisNanos = 0;
        replySpokenMillis = 0;
        for (Frame f : frames) {
            if (f instanceof CharacterUtterance u) {
                long started = System.nanoTime();
                if (synthesisStartNanos < 0) {
                    synthesisStartNanos = started;
                }
                for (String clause : ClauseChunker.split(u.text())) {
                    Utterance utterance = synthesizer.synthesize(clause, voice(u.characterId()));
                    spokenBy.add(utterance.engine() + " " + utterance.voice());
                    clauses.accept(new SpokenClause(u.characterId(), clause, u.affect(),
                            VisemeMapper.timeline(utterance), utterance.durationMillis()));
                    short[] samples = Pcm.toInternal(utterance.pcm(), utterance.format());
                    playback.ifPresentOrElse(p -> p.clause(clause, samples),
                            () -> audio.write(Pcm.fromInternal(samples, audio.format())));
                    spokenMillis += utterance.durationMillis();
                    replySpokenMillis += utterance.durationMillis();
                    if (firstAudioNanos < 0) {
                        firstAudioNanos = System.nanoTime();
                    }
                }
                synthesisNanos += System.nanoTime() - started;
            }
        }
    }

    /**
     * One clause as it goes to the speaker, with the synthesizer's viseme timeline, for the avatar's lips.
     *
     * @param characterId who speaks it
     * @param text the clause
     * @param affect the character's affect in the line
     * @param visemes the viseme cues from the synthesizer's phone timings, relative to the clause's start
     * @param durationMillis how long the clause's audio lasts
     */
    public record SpokenClause(String characterId, String text, String affect, List<VisemeCue> visemes,
            long durationMillis) {
        public SpokenClause {
            Require.nonBlank(characterId, "characterId");
            Require.nonBlank(text, "text");
            Require.nonNull(affect, "affect");
            visemes = List.copyOf(Require.nonNull(visemes, "visemes"));
            Require.inRange(durationMillis, 0, Long.MAX_VALUE, "durationMillis");
        }
    }

    /** Tells {@code listener} each clause as it is synthesized (e.g. the scene, for lip sync). */
    public void onClause(Consumer<SpokenClause> listener) {
        this.clauses = Require.nonNull(listener, "listener");
    }

    /**
     * Synthesis figures of the latest frames: when ({@link System#nanoTime()}) the first character line went to the
     * synthesizer, when its first clause's audio was written, the wall time spent synthesizing (and writing) and the
     * milliseconds of speech made. Empty if the latest frames had no speech.
     */
    public Optional<Synthesis> latestSynthesis() {
        return synthesisStartNanos < 0 || firstAudioNanos < 0 ? Optional.empty()
                : Optional.of(new Synthesis(synthesisStartNanos, firstAudioNanos, synthesisNanos, replySpokenMillis));
    }

    /**
     * Synthesis figures of one reply.
     *
     * @param startedNanos when the first character line went to the synthesizer ({@link System#nanoTime()})
     * @param firstAudioNanos when the first clause's audio was written ({@link System#nanoTime()})
     * @param wallNanos wall time spent synthesizing and writing the reply's speech
     * @param spokenMillis milliseconds of speech in the reply
     */
    public record Synthesis(long startedNanos, long firstAudioNanos, long wallNanos, long spokenMillis) {
    }

    @Override
    public void info(String text) {
        subtitles.info(text);
    }

    /** When ({@link System#nanoTime()}) the first audio of the latest frames was written; empty if they had none. */
    public OptionalLong firstAudioNanos() {
        return firstAudioNanos < 0 ? OptionalLong.empty() : OptionalLong.of(firstAudioNanos);
    }

    /** The engines and voices that spoke so far, each as {@code ENGINE VOICE} (e.g. {@code espeak-ng nb}), in order. */
    public List<String> spokenBy() {
        return List.copyOf(spokenBy);
    }

    /** Milliseconds of speech written so far. */
    public long spokenMillis() {
        return spokenMillis;
    }

    private VoiceSettings voice(String characterId) {
        return scenario.character(characterId).map(this::derive)
                .orElseGet(() -> VoiceSettings.neutral(defaultVoice()));
    }

    private VoiceSettings derive(Character c) {
        Map<String, Double> temperament = new HashMap<>();
        c.temperament().forEach((name, t) -> temperament.put(name, t.value()));
        String name = synthesizer.voices().contains(c.voice().name()) ? c.voice().name() : defaultVoice();
        double rate = Require.inRange(speechRate.getAsDouble(), 0.0, 1.0, "speechRate");
        return VoiceSettings.derive(name, c.voice().pitch(), c.voice().rate(), temperament, rate);
    }

    private String defaultVoice() {
        if (synthesizer.voices().contains(scenario.language())) {
            return scenario.language();
        }
        return synthesizer.voices().stream().sorted().findFirst().orElseThrow(() -> new IllegalStateException(
                "synthesizer " + synthesizer.engine() + " offers no voice"));
    }
}
