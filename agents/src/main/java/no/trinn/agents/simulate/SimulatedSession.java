package no.trinn.agents.simulate;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;

/**
 * The outcome of one simulated session.
 *
 * @param sessionId the session's id
 * @param scenarioId the scenario played
 * @param client the client as it was when the session started
 * @param difficulty the difficulty the session started at
 * @param clientTurns what the simulated client meant and said, one per turn, in order
 * @param turns the session's own records of the same turns, in order
 * @param summary the session's end-of-session summary
 * @param endReason why the session ended: {@code completed}, {@code turn-limit} or another reason of the session
 */
public record SimulatedSession(String sessionId, String scenarioId, ClientProfile client, double difficulty,
        List<SimulatedClient.Turn> clientTurns, List<TurnRecord> turns, SessionSummary summary, String endReason) {
    public SimulatedSession {
        Require.nonBlank(sessionId, "sessionId");
        Require.nonBlank(scenarioId, "scenarioId");
        Require.nonNull(client, "client");
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        clientTurns = List.copyOf(Require.nonNull(clientTurns, "clientTurns"));
        turns = List.copyOf(Require.nonNull(turns, "turns"));
        Require.nonNull(summary, "summary");
        Require.nonBlank(endReason, "endReason");
    }

    /** Whether the conversation reached an end state. */
    public boolean completed() {
        return endReason.equals("completed");
    }

    /** Whether every step of the learning goal was reached. */
    public boolean goalMet() {
        return summary.goalMet();
    }

    /** The mean difficulty the client experienced over its turns, if it took any. */
    public Optional<Double> meanExperiencedDifficulty() {
        return clientTurns.isEmpty() ? Optional.empty() : Optional.of(clientTurns.stream()
                .mapToDouble(SimulatedClient.Turn::experiencedDifficulty).average().orElseThrow());
    }

    /** The share of turns the simulated client meant as successful, 0 for none. */
    public double successShare() {
        return clientTurns.isEmpty() ? 0 : clientTurns.stream()
                .filter(t -> t.kind() == SimulatedClient.Kind.SUCCESS).count() / (double) clientTurns.size();
    }
}
