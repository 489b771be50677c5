package no.trinn.app.cli;

import no.trinn.core.TrinnException;

/**
 * Something the command line itself could not do (read a file or the standard input, write a report). The message
 * names the file or stream and what went wrong; the command ends with exit code 1.
 */
public class AppException extends TrinnException {
    public AppException(String message) {
        super(message);
    }

    public AppException(String message, Throwable cause) {
        super(message, cause);
    }
}
