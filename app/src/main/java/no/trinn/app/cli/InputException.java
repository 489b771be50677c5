package no.trinn.app.cli;

/**
 * The user gave the command line something it cannot use: an unknown scenario id, a malformed client alias, a
 * missing script file, an unknown session. The command ends with exit code 2 and the message, which names the
 * offending value (never a client alias or a transcript).
 */
public class InputException extends AppException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
