package no.trinn.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.trinn.core.session.SessionEvent;
import org.junit.jupiter.api.Test;

class EventHubTest {
    private static SessionEvent event(String reason) {
        return new SessionEvent.PauseChanged("s1", Instant.EPOCH, true, reason);
    }

    @Test
    void everyWatcherGetsEveryEventInOrderAndAFailingWatcherIsDropped() {
        EventHub hub = new EventHub();
        List<SessionEvent> a = new ArrayList<>();
        hub.subscribe(a::add);
        hub.subscribe(e -> {
            throw new IllegalStateException("connection closed");
        });
        List<SessionEvent> b = new ArrayList<>();
        hub.subscribe(b::add);
        hub.onEvent(event("one"));
        hub.onEvent(event("two"));
        assertEquals(List.of(event("one"), event("two")), a);
        assertEquals(a, b);
        assertEquals(2, hub.watchers());
        assertEquals(1, hub.dropped());
        assertFalse(hub.unsubscribe(e -> { }));
    }
}
