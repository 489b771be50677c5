package no.trinn.console.settings;

import no.trinn.core.TrinnException;

/**
 * A change to a client's settings that breaks a rule: an unknown parameter, scenario, character or temperament, a
 * value outside 0..1 or not a number, a cap whose minimum lies above its maximum. The message starts with the field
 * as the caller named it (an option or a form field) and says what is wrong; it never names the client.
 */
public class SettingsException extends TrinnException {
    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
