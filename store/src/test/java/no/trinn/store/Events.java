package no.trinn.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;

/** Sample session events for the store's tests. */
final class Events {
    static final Instant T0 = Instant.parse("2025-03-01T09:30:00.123456789Z");

    private Events() {
    }

    static SessionEvent.Started started(String sessionId, String alias, Instant at) {
        return new SessionEvent.Started(sessionId, at, alias, "shop-greeting", "nb", 0.25);
    }

    static SessionEvent.Opened opened(String sessionId, Instant at) {
        return new SessionEvent.Opened(sessionId, at, "greeting", "Hei! Kan jeg hjelpe deg med noe?");
    }

    static SessionEvent.TurnCompleted turn(String sessionId, int index, Instant at) {
        return new SessionEvent.TurnCompleted(sessionId, at, new TurnRecord(index,
                "Hei, jeg ser etter \"brød\"\nog melk. Ærlig talt 😊 \\ \u0001 tab\there",
                index % 2 == 0 ? "Brødet står der borte." : "",
                "state-" + index, "state-" + (index + 1),
                index % 2 == 0 ? Optional.of("ask-for-item") : Optional.empty(),
                0.1 + index % 90 / 100.0, 1500L + index, 9, index == 0 ? List.of("greet", "say \"what\"") : List.of(),
                index == 1, index % 2 == 0, 12_345_678L * (index + 1),
                index % 3 == 2 ? Optional.of("guard:role") : Optional.empty()));
    }

    static SessionEvent.SafetyRaised safety(String sessionId, int turnIndex, Instant at) {
        return new SessionEvent.SafetyRaised(sessionId, at,
                new SafetyEvent(turnIndex, SafetyEvent.Kind.DISTRESS, 2, "similarity", 0.8125));
    }

    static SessionEvent.PauseChanged pause(String sessionId, boolean paused, Instant at) {
        return new SessionEvent.PauseChanged(sessionId, at, paused, paused ? "client asked" : "resumed by client");
    }

    static SessionEvent.Ended ended(String sessionId, Instant at, boolean goalMet) {
        return new SessionEvent.Ended(sessionId, at, "completed", new SessionSummary(
                List.of("greet", "say \"what\""), goalMet ? List.of() : List.of("pay"), goalMet,
                List.of("You greeted clearly", "Line\nbreak ø"), "Ask for the price", "Buy bread tomorrow", 2));
    }
}
