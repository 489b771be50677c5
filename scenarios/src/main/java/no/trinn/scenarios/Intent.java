package no.trinn.scenarios;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * Something the client may say in a state, recognised from example utterances.
 *
 * @param id unique within its state
 * @param examples example utterances in the scenario's language; at least one
 * @param reply lines the character may answer with before the next state's lines (may be empty)
 * @param next the state to move to, if the intent moves the conversation on
 * @param steps goal steps reached when the client says this
 */
public record Intent(String id, List<String> examples, List<Line> reply, Optional<String> next, List<String> steps) {
    public Intent {
        Require.nonBlank(id, "id");
        examples = List.copyOf(Require.nonEmpty(examples, "examples"));
        reply = List.copyOf(Require.nonNull(reply, "reply"));
        Require.nonNull(next, "next");
        steps = List.copyOf(Require.nonNull(steps, "steps"));
    }
}
