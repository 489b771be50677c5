package no.trinn.core.session;

/** Receives a session's events in order. Observers must not throw for ordinary events. */
@FunctionalInterface
public interface SessionObserver {
    /** Called once per event, on the session's thread. */
    void onEvent(SessionEvent event);
}
