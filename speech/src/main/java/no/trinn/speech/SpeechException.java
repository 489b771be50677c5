package no.trinn.speech;

import no.trinn.core.TrinnException;

/**
 * Unchecked failure of the speech module: audio files, devices, voice activity, recognition and synthesis. The
 * message names the file, model, device or engine, and says what to do when there is something to do. Messages
 * never contain what was said.
 */
public class SpeechException extends TrinnException {
    public SpeechException(String message) {
        super(message);
    }

    public SpeechException(String message, Throwable cause) {
        super(message, cause);
    }
}
