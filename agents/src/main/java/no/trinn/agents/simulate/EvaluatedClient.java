package no.trinn.agents.simulate;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * One simulated client's run in an {@link Evaluation}.
 *
 * @param profile the client as it started (hidden levels before any session)
 * @param finalLevels the hidden levels of tiers 1 to 4 after the last session (after learning)
 * @param sessions the client's sessions, in order; at least one
 * @param rungReached the ladder rung (from 1) the ladder chose for the session after the last: where the client
 *     stands after all sessions
 */
public record EvaluatedClient(ClientProfile profile, List<Double> finalLevels, List<EvaluatedSession> sessions,
        int rungReached) {
    public EvaluatedClient {
        Require.nonNull(profile, "profile");
        finalLevels = List.copyOf(Require.nonNull(finalLevels, "finalLevels"));
        sessions = List.copyOf(Require.nonEmpty(sessions, "sessions"));
        Require.inRange(rungReached, 1, Integer.MAX_VALUE, "rungReached");
    }

    /** The profile's name. */
    public String name() {
        return profile.name();
    }

    /** The error of the estimate after the last session, on that session's tier. */
    public double finalError() {
        return sessions.getLast().error();
    }

    /**
     * The first session number from which the estimate's error stays below {@code tolerance} through the last
     * session; empty when the last session's error is not below it.
     */
    public Optional<Integer> convergedAt(double tolerance) {
        Optional<Integer> at = Optional.empty();
        for (EvaluatedSession s : sessions.reversed()) {
            if (s.error() >= tolerance) {
                break;
            }
            at = Optional.of(s.number());
        }
        return at;
    }

    /** All turns of all sessions. */
    public int turns() {
        return sessions.stream().mapToInt(s -> s.turns().size()).sum();
    }

    /** The share of all the client's turns whose true success chance lay in [{@code low}, {@code high}]. */
    public double trueInBand(double low, double high) {
        long in = sessions.stream().flatMap(s -> s.turns().stream())
                .filter(t -> EvaluatedSession.inBand(t.trueSuccess(), low, high)).count();
        int n = turns();
        return n == 0 ? 0 : in / (double) n;
    }

    /** The mean direction reversals of difficulty per session. */
    public double meanReversals() {
        return sessions.stream().mapToInt(EvaluatedSession::reversals).average().orElse(0);
    }
}
