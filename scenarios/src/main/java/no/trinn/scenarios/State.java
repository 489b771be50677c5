package no.trinn.scenarios;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * A node of a scenario's state graph.
 *
 * @param id unique within the scenario
 * @param character the speaking character's id; empty means the scenario's first character
 * @param say lines the character says on entering the state (may be empty only for the first state, whose words
 *     are the scenario's opening)
 * @param reprompt lines said when the client's words match no intent; at least one unless the state ends the
 *     scenario
 * @param intents what the client may say here; empty only in an end state
 * @param end whether reaching this state ends the conversation
 */
public record State(String id, Optional<String> character, List<Line> say, List<Line> reprompt, List<Intent> intents,
        boolean end) {
    public State {
        Require.nonBlank(id, "id");
        Require.nonNull(character, "character");
        say = List.copyOf(Require.nonNull(say, "say"));
        reprompt = List.copyOf(Require.nonNull(reprompt, "reprompt"));
        intents = List.copyOf(Require.nonNull(intents, "intents"));
    }

    /** The intent with {@code id}, if this state has one. */
    public Optional<Intent> intent(String id) {
        return intents.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
