package no.trinn.agents.adapt;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import no.trinn.core.session.TurnRecord;

/** Builders of turn records and assessments for the adaptation tests. */
final class Turns {
    private Turns() {
    }

    /** A turn saying {@code text} in state {@code before}, ending in {@code after}. */
    static TurnRecord record(int index, String text, String before, String after, Optional<String> intent,
            long responseMillis, List<String> steps, boolean repair) {
        return new TurnRecord(index, text, "OK.", before, after, intent, intent.isPresent() ? 0.9 : 0.2,
                responseMillis, no.trinn.agents.dialogue.Text.wordCount(text), steps, repair, text.contains("?"),
                1_000, Optional.empty());
    }

    /** An assessment with only index, steps and success set. */
    static TurnAssessment assessment(int index, double success, List<String> steps) {
        return new TurnAssessment(index, 1_000, 3, OptionalDouble.empty(), 0, 0, 0, false, false, true, true, steps,
                0, 0, 0, 8_000, success);
    }

    /** An assessment with only index and success set. */
    static TurnAssessment assessment(int index, double success) {
        return assessment(index, success, List.of());
    }
}
