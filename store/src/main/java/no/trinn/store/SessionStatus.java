package no.trinn.store;

import java.util.Locale;

/** How a recorded session stands. Stored in lower case ({@code active}, {@code ended}, {@code interrupted}). */
public enum SessionStatus {
    /** Started and not yet ended; its process may still be running it. */
    ACTIVE,
    /** Ended with an {@code Ended} event (for any reason, including the client stopping it). */
    ENDED,
    /** Its process died before the session ended; found by {@link SessionStore#recoverInterrupted()}. */
    INTERRUPTED;

    /** The value stored in the database. */
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status stored as {@code value}; throws if there is none. */
    static SessionStatus ofColumn(String value) {
        for (SessionStatus status : values()) {
            if (status.column().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown session status '" + value + "'");
    }
}
