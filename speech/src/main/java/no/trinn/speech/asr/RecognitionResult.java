package no.trinn.speech.asr;

import no.trinn.core.Require;

/**
 * A transcript from a {@link SpeechRecognizer}: a partial one (the current guess, which may still change) or a final
 * one (the recognizer's last word on that stretch of audio). Times are milliseconds of audio since the recognizer was
 * made or last reset.
 *
 * @param text lower-case words separated by single spaces; a final result is never blank, a partial may be
 * @param isFinal whether this is the final result for its stretch of audio
 * @param startMillis where the recognized speech begins
 * @param endMillis where it ends, at least {@code startMillis}
 */
public record RecognitionResult(String text, boolean isFinal, long startMillis, long endMillis) {
    public RecognitionResult {
        Require.nonNull(text, "text");
        if (isFinal && text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank in a final result");
        }
        Require.inRange(startMillis, 0, Long.MAX_VALUE, "startMillis");
        Require.inRange(endMillis, startMillis, Long.MAX_VALUE, "endMillis");
    }

    /** A final result. */
    public static RecognitionResult finalResult(String text, long startMillis, long endMillis) {
        return new RecognitionResult(text, true, startMillis, endMillis);
    }

    /** A partial result. */
    public static RecognitionResult partial(String text, long startMillis, long endMillis) {
        return new RecognitionResult(text, false, startMillis, endMillis);
    }

    /** What the record prints: never the transcript, which must not reach logs. */
    @Override
    public String toString() {
        return "RecognitionResult[" + (isFinal ? "final" : "partial") + ", " + text.split(" ").length + " words, "
                + startMillis + "-" + endMillis + " ms]";
    }
}
