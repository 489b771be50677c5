package no.trinn.speech.audio;

import no.trinn.speech.SpeechException;

/**
 * No usable sound device: no microphone or speaker exists, or the one found refused the format. The message says
 * in one line what is missing, so a caller can show it and fall back to files.
 */
public class AudioDeviceException extends SpeechException {
    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
