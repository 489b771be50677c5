package no.trinn.store;

import java.time.Instant;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.core.session.ClientSettings;

/**
 * A command a therapist sent to a running session through the store ({@link SessionStore#sendCommand}), for the
 * process that records the session to take ({@link SessionStore#takeCommands}) and apply.
 *
 * @param id the command's number, increasing in the order commands were sent
 * @param sessionId the session it is meant for
 * @param kind what to do
 * @param payload a JSON object: {@code {}} for pause, resume and stop; the client's new settings for
 *     {@link Kind#SETTINGS} (see {@link #settingsPayload} and {@link #settings()})
 * @param issuedAt when it was sent
 * @param takenAt when the session's process took it; empty while it waits
 */
public record SessionCommand(long id, String sessionId, Kind kind, String payload, Instant issuedAt,
        Optional<Instant> takenAt) {
    /** What a command asks of the session. */
    public enum Kind {
        /** Pause the session, as the client's {@code /pause}. */
        PAUSE,
        /** Resume a paused session, as the client's {@code /resume}. */
        RESUME,
        /** End the session ("stopped"), with feedback. */
        STOP,
        /** The therapist changed the client's settings: apply them from the next turn. */
        SETTINGS
    }

    /** The payload of a command without arguments. */
    public static final String NO_PAYLOAD = "{}";

    public SessionCommand {
        Require.nonBlank(sessionId, "sessionId");
        Require.nonNull(kind, "kind");
        Require.nonBlank(payload, "payload");
        Require.nonNull(issuedAt, "issuedAt");
        Require.nonNull(takenAt, "takenAt");
    }

    /** The payload of a {@link Kind#SETTINGS} command: {@code settings} as the store saves them. */
    public static String settingsPayload(ClientSettings settings) {
        return Json.settings(Require.nonNull(settings, "settings"));
    }

    /**
     * The settings a {@link Kind#SETTINGS} command carries; empty for other kinds.
     *
     * @throws StoreException if the payload is not a settings document
     */
    public Optional<ClientSettings> settings() {
        if (kind != Kind.SETTINGS) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.parseSettings(payload));
        } catch (IllegalArgumentException e) {
            throw new StoreException("session command " + id + " of session " + sessionId + ": the settings are"
                    + " malformed: " + e.getMessage(), e);
        }
    }
}
