package no.trinn.speech.vad;

import no.trinn.core.Require;

/**
 * What {@link VoiceActivityDetector} reports. Times are milliseconds of audio since the start of the stream (or the
 * last reset), not wall-clock time; an event is reported when it is certain, i.e. after the minimum speech or
 * silence duration has passed, so its time lies in the past.
 */
public sealed interface VoiceActivityEvent {
    /** Speech began at {@code atMillis}. */
    record SpeechStarted(long atMillis) implements VoiceActivityEvent {
        public SpeechStarted {
            Require.inRange(atMillis, 0, Long.MAX_VALUE, "atMillis");
        }
    }

    /** Speech that began at {@code startMillis} ended at {@code endMillis}. */
    record SpeechEnded(long startMillis, long endMillis) implements VoiceActivityEvent {
        public SpeechEnded {
            Require.inRange(startMillis, 0, Long.MAX_VALUE, "startMillis");
            Require.inRange(endMillis, startMillis, Long.MAX_VALUE, "endMillis");
        }

        /** The length of the speech. */
        public long millis() {
            return endMillis - startMillis;
        }
    }
}
