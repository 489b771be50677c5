package no.trinn.core.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * One decision of the difficulty controller, with what it saw and why, so a therapist can follow it.
 *
 * @param scope within a session (behaviour parameters move between turns) or between sessions (the next scenario
 *     and starting difficulty on the ladder)
 * @param turnIndex the client turn after which the decision was taken (0-based); -1 between sessions
 * @param before the values before the decision (behaviour parameters, {@code difficulty}); may be empty
 * @param after the values after it; equal to {@code before} when the controller decided to hold
 * @param inputs the signals the decision was taken on, by name (e.g. {@code success}, {@code level},
 *     {@code levelSd}); finite numbers
 * @param reason a short sentence a therapist can read, never the client's words
 * @param nextScenario between sessions: the scenario chosen for the next session
 */
public record Decision(Scope scope, int turnIndex, Map<String, Double> before, Map<String, Double> after,
        Map<String, Double> inputs, String reason, Optional<String> nextScenario) {
    /** When the decision was taken. */
    public enum Scope {
        /** Between two turns of a session. */
        WITHIN_SESSION,
        /** After a session, for the next one. */
        BETWEEN_SESSIONS
    }

    public Decision {
        Require.nonNull(scope, "scope");
        Require.inRange(turnIndex, -1, Integer.MAX_VALUE, "turnIndex");
        if ((scope == Scope.BETWEEN_SESSIONS) != (turnIndex == -1)) {
            throw new IllegalArgumentException("turnIndex: must be -1 exactly between sessions, was " + turnIndex);
        }
        before = finite(before, "before");
        after = finite(after, "after");
        inputs = finite(inputs, "inputs");
        Require.nonBlank(reason, "reason");
        Require.nonNull(nextScenario, "nextScenario");
        nextScenario.ifPresent(s -> Require.nonBlank(s, "nextScenario"));
    }

    /** Whether any value changed. */
    public boolean changed() {
        return !before.equals(after);
    }

    private static Map<String, Double> finite(Map<String, Double> values, String field) {
        Require.nonNull(values, field);
        Map<String, Double> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Require.nonBlank(name, field + " name");
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(field + "." + name + ": must be a finite number, was " + value);
            }
            copy.put(name, value);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
