package no.trinn.scenarios;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import no.trinn.core.Require;

/**
 * A scenario's single learning goal and its observable success criteria.
 *
 * @param description the goal in words a client understands
 * @param steps the observable steps; the goal is met when all are reached
 * @param skill the skill the goal practises across scenarios (e.g. {@code refusal}), if the author named one: a
 *     lower-case word or words joined by hyphens; the client model keeps a level per skill ({@code skill:NAME})
 */
public record Goal(String description, List<Step> steps, Optional<String> skill) {
    /** The format of {@link #skill()}: lower-case words (letters and digits, starting with a letter) joined by hyphens. */
    public static final Pattern SKILL = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Goal {
        Require.nonBlank(description, "description");
        steps = List.copyOf(Require.nonEmpty(steps, "steps"));
        Require.nonNull(skill, "skill");
        skill.ifPresent(k -> {
            if (!SKILL.matcher(k).matches()) {
                throw new IllegalArgumentException("skill: must be lower-case words joined by hyphens, was '" + k
                        + "'");
            }
        });
    }

    /** A goal that names no skill. */
    public Goal(String description, List<Step> steps) {
        this(description, steps, Optional.empty());
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
