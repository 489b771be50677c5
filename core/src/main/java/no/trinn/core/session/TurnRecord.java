package no.trinn.core.session;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * One client turn and the character's answer, with the per-turn metrics a therapist reviews.
 *
 * @param index 0-based turn number within the session
 * @param clientText what the client said, as given (already bounded in length by the session)
 * @param characterText what the character answered; empty when the turn was handled out of role (safety)
 * @param stateBefore scenario state the turn was said in
 * @param stateAfter scenario state after the character's answer
 * @param intent the intent the client's words were matched to, if any passed the threshold
 * @param confidence the matcher's confidence in [0, 1] for the best intent (also when below the threshold)
 * @param responseMillis how long the client took to answer, from the character's last line to the end of the turn
 * @param words number of words the client said
 * @param goalSteps goal steps first reached in this turn
 * @param repair whether the client asked the character to repeat or rephrase
 * @param question whether the client asked a question
 * @param processingNanos time from the client line in to the character's reply out
 * @param fallback why authored words replaced what a generative engine would have said (a reason code such as
 *     {@code guard:role} or {@code invalid_output}, never the replaced text); empty when nothing was replaced
 */
public record TurnRecord(int index, String clientText, String characterText, String stateBefore, String stateAfter,
        Optional<String> intent, double confidence, long responseMillis, int words, List<String> goalSteps,
        boolean repair, boolean question, long processingNanos, Optional<String> fallback) {
    public TurnRecord {
        Require.inRange(index, 0, Integer.MAX_VALUE, "index");
        Require.nonNull(clientText, "clientText");
        Require.nonNull(characterText, "characterText");
        Require.nonBlank(stateBefore, "stateBefore");
        Require.nonBlank(stateAfter, "stateAfter");
        Require.nonNull(intent, "intent");
        Require.inRange(confidence, 0.0, 1.0, "confidence");
        Require.inRange(responseMillis, 0, Long.MAX_VALUE, "responseMillis");
        Require.inRange(words, 0, Integer.MAX_VALUE, "words");
        goalSteps = List.copyOf(Require.nonNull(goalSteps, "goalSteps"));
        Require.inRange(processingNanos, 0, Long.MAX_VALUE, "processingNanos");
        Require.nonNull(fallback, "fallback");
        fallback.ifPresent(f -> Require.nonBlank(f, "fallback"));
    }
}
