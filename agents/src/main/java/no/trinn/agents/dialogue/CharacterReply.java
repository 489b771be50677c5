package no.trinn.agents.dialogue;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * A character engine's answer to one client turn: what to say and what the turn achieved.
 *
 * @param text what the character says; never blank
 * @param affect the character's affect while saying it
 * @param intent the client intent recognised, if any passed the threshold
 * @param confidence the best intent's score in [0, 1], also when below the threshold
 * @param nextState the state after this turn
 * @param goalSteps goal steps the client reached in this turn (possibly reached before, too)
 * @param repair whether the client asked for a repeat or rephrase
 * @param understood whether the client's words matched an intent (or a repeat request)
 */
public record CharacterReply(String text, String affect, Optional<String> intent, double confidence,
        String nextState, List<String> goalSteps, boolean repair, boolean understood) {
    public CharacterReply {
        Require.nonBlank(text, "text");
        Require.nonBlank(affect, "affect");
        Require.nonNull(intent, "intent");
        Require.inRange(confidence, 0.0, 1.0, "confidence");
        Require.nonBlank(nextState, "nextState");
        goalSteps = List.copyOf(Require.nonNull(goalSteps, "goalSteps"));
    }
}
