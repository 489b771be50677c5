package no.trinn.agents.simulate;

import no.trinn.scenarios.Scenario;

/**
 * Port: how a simulated client's words reach the session. The text channel ({@link #TEXT}) passes the words as typed;
 * a voice channel (in the app: speech synthesis, then the recognizer the voice session would use in that state) gives
 * the session what was recognized instead. Called once per client turn, before the session takes it, from the thread
 * running the session; an implementation used by an {@link Evaluation} with more than one thread must be
 * thread-safe.
 */
@FunctionalInterface
public interface ClientChannel {
    /** The text channel: the session gets {@link SimulatedClient.Turn#text()} unchanged. */
    ClientChannel TEXT = (client, scenario, stateId, turn) -> turn.text();

    /**
     * What the session gets when the client takes {@code turn}.
     *
     * @param client the client as the session began
     * @param scenario the scenario being played
     * @param stateId the state the session is in while the client speaks
     * @param turn what the client meant and said; its text is empty for silence
     * @return the text the session is given; empty for silence (nothing heard)
     */
    String heard(ClientProfile client, Scenario scenario, String stateId, SimulatedClient.Turn turn);
}
