package no.trinn.testkit;

import java.util.ArrayList;
import java.util.List;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionObserver;

/** A session observer that keeps every event it is given, in order, for assertions. Thread-safe. */
public final class RecordingObserver implements SessionObserver {
    private final List<SessionEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(SessionEvent event) {
        events.add(event);
    }

    /** Every event so far, in order. */
    public synchronized List<SessionEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type, in order. */
    public synchronized <E extends SessionEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
