package no.trinn.agents.simulate;

import java.util.Map;
import no.trinn.core.session.TurnRecord;

/**
 * Where a simulated session's behaviour values come from between turns: a difficulty controller plugs in here.
 * After each client turn the runner passes the session's record of that turn and the values in use; what it returns
 * is what the character uses from the next turn on, and what the simulated client experiences.
 */
@FunctionalInterface
public interface BehaviourSource {
    /**
     * The behaviour values for the next turn.
     *
     * @param turn the turn just completed
     * @param current the values in use during that turn (behaviour parameters, temperaments, {@code difficulty})
     * @return the values to use next; never null
     */
    Map<String, Double> afterTurn(TurnRecord turn, Map<String, Double> current);

    /** Values that never change: a session at a fixed difficulty. */
    static BehaviourSource fixed() {
        return (turn, current) -> current;
    }
}
