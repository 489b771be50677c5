package no.trinn.agents.session;

import java.util.Map;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;

/**
 * What a practice session is started with.
 *
 * @param sessionId unique id of the session (records key on it)
 * @param scenario the scenario to practise
 * @param clientAlias the client's pseudonymous alias
 * @param difficulty overall difficulty in [0, 1]; 0 is the easiest
 * @param behaviour behaviour parameter values for the speaking character at this difficulty (see
 *     {@code BehaviourParameters}), plus temperament values and {@code difficulty}
 */
public record SessionSetup(String sessionId, Scenario scenario, String clientAlias, double difficulty,
        Map<String, Double> behaviour) {
    public SessionSetup {
        Require.nonBlank(sessionId, "sessionId");
        Require.nonNull(scenario, "scenario");
        Require.nonBlank(clientAlias, "clientAlias");
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        behaviour = Map.copyOf(Require.nonNull(behaviour, "behaviour"));
    }
}
