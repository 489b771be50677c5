package no.trinn.speech.turn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import no.trinn.core.Clock;
import no.trinn.core.Require;
import no.trinn.speech.asr.Phrases;
import no.trinn.speech.asr.RecognitionResult;
import no.trinn.speech.vad.VoiceActivityEvent;

/**
 * Decides when the client's turn is over, when the client interrupts the character, and when a stop phrase was
 * said. Pure logic on a {@link Clock}: it is fed voice activity events, partial and final transcripts and whether the
 * character's audio is playing, and {@link #poll()} returns the decisions due at the clock's current time.
 *
 * <p>Timelines: voice activity and transcript times are milliseconds of audio since the audio started; audio time 0
 * is the clock's time when the taker was made. Use an {@link AudioClock} for audio read faster than real time.
 *
 * <p>Rules:
 * <ul>
 * <li>End of turn: after client speech, when the client has been silent (since the voice activity detector's end of
 *     speech) for the window of {@link TurnSettings}: short when the transcript looks complete (ends with
 *     {@code . ! ?} or is one of the {@linkplain #expect expected phrases}), long otherwise. Speech that starts again
 *     within the window continues the turn. No end of turn while the character is talking.</li>
 * <li>Barge-in: client speech that starts while the character talks and lasts {@link TurnSettings#bargeInMillis()}
 *     gives one {@link TurnDecision.Interrupt}, unless its transcript so far is a backchannel; a shorter burst (a
 *     cough, an "mhm") gives nothing and its transcripts are dropped. After an interrupt the character counts as
 *     silent and the client's speech is a turn.</li>
 * <li>Stop: a transcript, partial or final, for which the stop predicate holds gives a {@link TurnDecision.Stop} at
 *     the time it arrived, whoever is talking, and forgets the turn.</li>
 * </ul>
 * Not thread-safe: one caller.
 */
public final class TurnTaker {
    private TurnSettings settings;
    private final Clock clock;
    private final Predicate<String> stopPhrase;
    private final long originNanos;
    private final List<TurnDecision> due = new ArrayList<>();
    private Set<String> expected = Set.of();

    private boolean characterSpeaking;
    private boolean clientSpeaking;
    private boolean turnHasSpeech;
    private long silenceSinceNanos;
    private long bargeStartNanos = -1;
    private final StringBuilder finals = new StringBuilder();
    private String partial = "";

    /**
     * @param settings how to decide
     * @param clock the time source; its current time is audio time 0
     * @param stopPhrase whether a transcript holds a stop request (must be fast: it sees every partial)
     */
    public TurnTaker(TurnSettings settings, Clock clock, Predicate<String> stopPhrase) {
        this.settings = Require.nonNull(settings, "settings");
        this.clock = Require.nonNull(clock, "clock");
        this.stopPhrase = Require.nonNull(stopPhrase, "stopPhrase");
        this.originNanos = clock.nanoTime();
    }

    /** The settings. */
    public TurnSettings settings() {
        return settings;
    }

    /** Decides with {@code changed} from now on (the character's behaviour moved between turns). */
    public void settings(TurnSettings changed) {
        this.settings = Require.nonNull(changed, "changed");
    }

    /** Sets the phrases the client is expected to say now; a transcript equal to one (normalised) looks complete. */
    public void expect(List<String> phrases) {
        expected = Set.copyOf(new HashSet<>(Phrases.normalise(phrases)));
    }

    /** Says whether the character's audio is playing now. */
    public void characterSpeaking(boolean speaking) {
        if (characterSpeaking && !speaking && clientSpeaking) {
            // the client went on speaking after the character finished: that speech is a turn
            turnHasSpeech = true;
        }
        characterSpeaking = speaking;
        if (!speaking) {
            bargeStartNanos = -1;
        }
    }

    /** Whether the character's audio counts as playing. */
    public boolean characterSpeaking() {
        return characterSpeaking;
    }

    /** Feeds a voice activity event. */
    public void voiceActivity(VoiceActivityEvent event) {
        switch (Require.nonNull(event, "event")) {
            case VoiceActivityEvent.SpeechStarted s -> {
                clientSpeaking = true;
                if (characterSpeaking) {
                    bargeStartNanos = audioNanos(s.atMillis());
                } else {
                    turnHasSpeech = true;
                }
            }
            case VoiceActivityEvent.SpeechEnded e -> {
                clientSpeaking = false;
                silenceSinceNanos = audioNanos(e.endMillis());
                if (characterSpeaking) {
                    // a burst too short to interrupt, or a backchannel: not a turn
                    bargeStartNanos = -1;
                    partial = "";
                }
            }
        }
    }

    /** Feeds a partial or final transcript. */
    public void transcript(RecognitionResult result) {
        Require.nonNull(result, "result");
        String words = Phrases.normalise(result.text());
        if (!words.isEmpty() && stopPhrase.test(result.text())) {
            due.add(new TurnDecision.Stop(clock.nanoTime(), words));
            forgetTurn();
            return;
        }
        if (characterSpeaking) {
            // speech over the character counts only once it has interrupted; until then its words are only checked
            partial = result.text();
            return;
        }
        if (result.isFinal()) {
            if (!finals.isEmpty()) {
                finals.append(' ');
            }
            finals.append(result.text());
            partial = "";
            turnHasSpeech = true;
        } else {
            partial = result.text();
        }
    }

    /** The decisions due now, in order; each is returned once. */
    public List<TurnDecision> poll() {
        long now = clock.nanoTime();
        if (characterSpeaking && clientSpeaking && bargeStartNanos >= 0
                && now - bargeStartNanos >= settings.bargeInMillis() * 1_000_000L
                && !settings.backchannels().contains(Phrases.normalise(partial))) {
            due.add(new TurnDecision.Interrupt(now));
            characterSpeaking = false;
            bargeStartNanos = -1;
            turnHasSpeech = true;
        }
        if (!characterSpeaking && !clientSpeaking && turnHasSpeech) {
            String text = transcript();
            long window = looksComplete(text) ? settings.completeWindowMillis() : settings.incompleteWindowMillis();
            long silence = (now - silenceSinceNanos) / 1_000_000;
            if (silence >= window) {
                due.add(new TurnDecision.EndOfTurn(now, Phrases.normalise(text), silence));
                forgetTurn();
            }
        }
        List<TurnDecision> out = List.copyOf(due);
        due.clear();
        return out;
    }

    /**
     * The audio has ended: the decisions due now, plus an end of turn for client speech not yet ended (silence 0 if
     * the client was still speaking).
     */
    public List<TurnDecision> endOfAudio() {
        List<TurnDecision> out = new ArrayList<>(poll());
        if (turnHasSpeech) {
            long now = clock.nanoTime();
            long silence = clientSpeaking ? 0 : Math.max(0, (now - silenceSinceNanos) / 1_000_000);
            out.add(new TurnDecision.EndOfTurn(now, Phrases.normalise(transcript()), silence));
            forgetTurn();
        }
        clientSpeaking = false;
        return List.copyOf(out);
    }

    /** Whether the transcript ends like a finished sentence or is one of the expected phrases. */
    boolean looksComplete(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return false;
        }
        char last = t.charAt(t.length() - 1);
        return last == '.' || last == '!' || last == '?' || expected.contains(Phrases.normalise(t));
    }

    private String transcript() {
        if (partial.isBlank()) {
            return finals.toString();
        }
        return finals.isEmpty() ? partial : finals + " " + partial;
    }

    private void forgetTurn() {
        turnHasSpeech = false;
        finals.setLength(0);
        partial = "";
        bargeStartNanos = -1;
    }

    private long audioNanos(long millis) {
        return originNanos + millis * 1_000_000;
    }
}
