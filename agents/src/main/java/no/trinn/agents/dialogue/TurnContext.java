package no.trinn.agents.dialogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;

/**
 * Everything a dialogue engine needs to answer one client turn, beside the messages: where the conversation stands
 * and how the character should behave. Engines are stateless; the session keeps this and passes it with each
 * request (see {@link TurnRequestParameters}).
 *
 * @param scenario the scenario being practised
 * @param stateId the current state
 * @param behaviour the behaviour parameter values for this turn, plus temperament values and {@code difficulty}
 * @param recentLines the character's recent lines, oldest first, so the engine can avoid repeating itself
 * @param lastCharacterLine what the character said last, for repeat requests
 * @param misunderstandings how many client turns in a row were not understood
 */
public record TurnContext(Scenario scenario, String stateId, Map<String, Double> behaviour, List<String> recentLines,
        Optional<String> lastCharacterLine, int misunderstandings) {
    public TurnContext {
        Require.nonNull(scenario, "scenario");
        Require.nonBlank(stateId, "stateId");
        if (scenario.state(stateId).isEmpty()) {
            throw new IllegalArgumentException("stateId '" + stateId + "' is not a state of scenario "
                    + scenario.id());
        }
        behaviour = Map.copyOf(Require.nonNull(behaviour, "behaviour"));
        recentLines = List.copyOf(Require.nonNull(recentLines, "recentLines"));
        Require.nonNull(lastCharacterLine, "lastCharacterLine");
        Require.inRange(misunderstandings, 0, Integer.MAX_VALUE, "misunderstandings");
    }

    /** The value of behaviour parameter {@code name}, or {@code fallback} if it is not set. */
    public double value(String name, double fallback) {
        return behaviour.getOrDefault(name, fallback);
    }
}
