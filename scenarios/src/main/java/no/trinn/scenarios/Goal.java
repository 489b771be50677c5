package no.trinn.scenarios;

import java.util.List;
import no.trinn.core.Require;

/**
 * A scenario's single learning goal and its observable success criteria.
 *
 * @param description the goal in words a client understands
 * @param steps the observable steps; the goal is met when all are reached
 */
public record Goal(String description, List<Step> steps) {
    public Goal {
        Require.nonBlank(description, "description");
        steps = List.copyOf(Require.nonEmpty(steps, "steps"));
    }

    /**
     * One observable step of a goal.
     *
     * @param id unique within the goal; intents name it
     * @param description what the client does, e.g. "says which medicine they are collecting"
     * @param strength how to praise it in feedback, e.g. "You said clearly what you came for."
     * @param practise how to suggest it when missed, e.g. "Say what you came for in one sentence."
     */
    public record Step(String id, String description, String strength, String practise) {
        public Step {
            Require.nonBlank(id, "id");
            Require.nonBlank(description, "description");
            Require.nonBlank(strength, "strength");
            Require.nonBlank(practise, "practise");
        }
    }
}
