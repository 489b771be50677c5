package no.trinn.store;

import java.time.Instant;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.core.session.SessionEvent;

/**
 * A recorded session's header, as the events that made it: how it started, the character's opening line if it was
 * spoken, and how it ended if it did. Turns, safety events and pauses are read separately
 * ({@link SessionStore#turns(String)}, {@link SessionStore#safetyEvents(String)}, {@link SessionStore#pauses(String)}).
 *
 * @param started the {@code Started} event, exactly as recorded
 * @param opened the {@code Opened} event, if the character spoke its opening line
 * @param ended the {@code Ended} event, present exactly when {@code status} is {@link SessionStatus#ENDED}
 * @param status how the session stands
 * @param lastEventAt when the last event of this session was recorded (the start, if nothing followed)
 */
public record StoredSession(SessionEvent.Started started, Optional<SessionEvent.Opened> opened,
        Optional<SessionEvent.Ended> ended, SessionStatus status, Instant lastEventAt) {
    public StoredSession {
        Require.nonNull(started, "started");
        Require.nonNull(opened, "opened");
        Require.nonNull(ended, "ended");
        Require.nonNull(status, "status");
        Require.nonNull(lastEventAt, "lastEventAt");
        opened.ifPresent(o -> requireSameSession(started, o, "opened"));
        ended.ifPresent(e -> requireSameSession(started, e, "ended"));
        if (ended.isPresent() != (status == SessionStatus.ENDED)) {
            throw new IllegalArgumentException("ended must be present exactly when status is ENDED, status was "
                    + status);
        }
    }

    /** The session id. */
    public String id() {
        return started.sessionId();
    }

    private static void requireSameSession(SessionEvent.Started started, SessionEvent event, String field) {
        if (!event.sessionId().equals(started.sessionId())) {
            throw new IllegalArgumentException(field + ".sessionId must equal started.sessionId");
        }
    }
}
