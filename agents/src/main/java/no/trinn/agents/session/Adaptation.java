package no.trinn.agents.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;

/**
 * What adapts a character to the client while a {@link PracticeSession} runs (the difficulty controller and the
 * client model behind it). The session asks it after every client turn the character answered, and once at the end;
 * it publishes what it returns as session events. Turns the safety layer handled out of role are not shown to it.
 */
public interface Adaptation {
    /**
     * After the character answered {@code turn}: the decision for the next turn. Its {@link Decision#after()} values
     * (behaviour parameters and {@code difficulty}) replace those of the same name from the next turn on; a decision
     * to hold repeats the current values.
     */
    Decision afterTurn(TurnRecord turn);

    /**
     * The session ended ({@code completed} when it reached an end state): how it went, the client model after it,
     * and the decision for the next session, if this adaptation takes one.
     */
    Ending sessionEnded(List<TurnRecord> turns, SessionSummary summary, boolean completed);

    /**
     * The behaviour a character softens to after a sign of distress, given the easiest values {@code gentlest}: by
     * default those, unchanged; an adaptation that keeps to a therapist's caps and locks moves them inside.
     */
    default Map<String, Double> softened(Map<String, Double> gentlest) {
        return gentlest;
    }

    /**
     * What an adaptation reports at the end of a session.
     *
     * @param score the session's score
     * @param levels the client model's estimates after the session
     * @param next the decision for the next session, if any (scope {@code BETWEEN_SESSIONS})
     */
    record Ending(SessionScore score, List<LevelEstimate> levels, Optional<Decision> next) {
        public Ending {
            Require.nonNull(score, "score");
            levels = List.copyOf(Require.nonNull(levels, "levels"));
            Require.nonNull(next, "next");
            next.ifPresent(d -> {
                if (d.scope() != Decision.Scope.BETWEEN_SESSIONS) {
                    throw new IllegalArgumentException("next: must be a decision between sessions");
                }
            });
        }
    }

    /** Merges {@code decided} into {@code current}: values of the same name are replaced, others kept. */
    static Map<String, Double> apply(Map<String, Double> current, Decision decided) {
        Map<String, Double> merged = new LinkedHashMap<>(current);
        merged.putAll(decided.after());
        return Collections.unmodifiableMap(merged);
    }
}
