package no.trinn.store;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.core.session.SessionEvent;

/**
 * What was recorded for one session after a {@link Cursor}: the opening line (if not seen yet), the turns after the
 * cursor's turn, the decisions, safety events and pauses after its row numbers, and the end (if not seen yet), with
 * the cursor to ask from next time. Read by {@link SessionStore#changes}.
 *
 * @param from the cursor asked from
 * @param cursor the cursor after these changes
 * @param status the session's status now
 * @param opened the opening line, when {@code from} had not seen it
 * @param turns new turns, by turn number
 * @param decisions new decisions, in the order recorded
 * @param safety new safety events, in the order recorded
 * @param pauses new pauses and resumptions, in the order recorded
 * @param ended the end, when {@code from} had not seen it
 */
public record LiveChanges(Cursor from, Cursor cursor, SessionStatus status, Optional<SessionEvent.Opened> opened,
        List<SessionEvent.TurnCompleted> turns, List<SessionEvent.Decided> decisions,
        List<SessionEvent.SafetyRaised> safety, List<SessionEvent.PauseChanged> pauses,
        Optional<SessionEvent.Ended> ended) {
    public LiveChanges {
        Require.nonNull(from, "from");
        Require.nonNull(cursor, "cursor");
        Require.nonNull(status, "status");
        Require.nonNull(opened, "opened");
        turns = List.copyOf(turns);
        decisions = List.copyOf(decisions);
        safety = List.copyOf(safety);
        pauses = List.copyOf(pauses);
        Require.nonNull(ended, "ended");
    }

    /** Whether nothing new was recorded. */
    public boolean isEmpty() {
        return from.equals(cursor);
    }

    /**
     * How far a reader has seen a session: the last turn number ({@code -1}: none), the last row numbers of
     * decisions, safety events and pauses ({@code 0}: none), whether the opening line was seen, and whether the end
     * (or an interruption) was seen.
     */
    public record Cursor(int turn, long decision, long safety, long pause, boolean opened, boolean over) {
        /** Nothing seen yet. */
        public static final Cursor START = new Cursor(-1, 0, 0, 0, false, false);

        public Cursor {
            Require.inRange(turn, -1, Integer.MAX_VALUE, "turn");
            Require.inRange(decision, 0, Long.MAX_VALUE, "decision");
            Require.inRange(safety, 0, Long.MAX_VALUE, "safety");
            Require.inRange(pause, 0, Long.MAX_VALUE, "pause");
        }

        /** Whether this cursor has seen at least everything {@code other} has. */
        public boolean covers(Cursor other) {
            return turn >= other.turn && decision >= other.decision && safety >= other.safety
                    && pause >= other.pause && (opened || !other.opened) && (over || !other.over);
        }

        /** The cursor as a short token, e.g. {@code 3.12.0.4.1.0}, for a URL or an SSE event id. */
        public String token() {
            return turn + "." + decision + "." + safety + "." + pause + "." + (opened ? 1 : 0) + "." + (over ? 1 : 0);
        }

        /** The cursor a {@link #token()} names; empty if {@code token} is not one. */
        public static Optional<Cursor> parse(String token) {
            if (token == null || !token.matches("-?\\d{1,10}(\\.\\d{1,18}){3}\\.[01]\\.[01]")) {
                return Optional.empty();
            }
            String[] p = token.split("\\.");
            try {
                return Optional.of(new Cursor(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Long.parseLong(p[3]), p[4].equals("1"), p[5].equals("1")));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
