package no.trinn.speech.tts;

import java.util.Set;
import java.util.function.Consumer;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;

/**
 * Port: turns a character's text into audio with phone timings. Every adapter passes the shared synthesizer
 * contract test. Calls may come from any thread; an adapter serialises them if its engine needs that.
 *
 * <p>Text must not be blank and must not exceed {@link #MAX_CHARS} characters per {@link #synthesize} call
 * ({@link IllegalArgumentException} otherwise); longer replies go through {@link #synthesizeClauses}. Markup
 * characters are spoken as text, never interpreted. Failures of the engine throw
 * {@link no.trinn.speech.SpeechException} naming the engine, voice or binary, never the text.
 */
public interface SpeechSynthesizer extends AutoCloseable {
    /** Longest text one {@link #synthesize} call accepts. */
    int MAX_CHARS = 2_000;

    /** The engine's name, e.g. {@code marytts} or {@code espeak-ng}. */
    String engine();

    /** The format of every utterance's audio: the pipeline's own, 16 kHz mono, unless an adapter says otherwise. */
    default PcmFormat format() {
        return PcmFormat.INTERNAL;
    }

    /** The voice names {@link VoiceSettings#voice()} may take with this engine. */
    Set<String> voices();

    /** The notation of the phone symbols in this engine's utterances. */
    PhoneSet phoneSet();

    /** Synthesizes {@code text} (not blank, at most {@link #MAX_CHARS} characters) with {@code voice}. */
    Utterance synthesize(String text, VoiceSettings voice);

    /**
     * Splits {@code text} into clauses ({@link ClauseChunker}) and hands each clause's utterance to {@code each}
     * as soon as it is synthesized, in order, before synthesizing the next, so the first clause can play while
     * the rest is made. Any length of text is accepted; blank text produces nothing.
     */
    default void synthesizeClauses(String text, VoiceSettings voice, Consumer<Utterance> each) {
        Require.nonNull(text, "text");
        Require.nonNull(voice, "voice");
        Require.nonNull(each, "each");
        for (String clause : ClauseChunker.split(text)) {
            each.accept(synthesize(clause, voice));
        }
    }

    /** Releases the engine; later calls throw {@link IllegalStateException}. */
    @Override
    void close();

    /** Checks the text argument of {@link #synthesize} as the contract requires; returns it. */
    static String checkText(String text) {
        Require.nonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("text must be at most " + MAX_CHARS + " characters per call, had "
                    + text.length() + "; use synthesizeClauses for longer text");
        }
        return text;
    }
}
