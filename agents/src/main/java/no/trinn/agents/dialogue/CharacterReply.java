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
 * @param gesture a gesture to go with the words (e.g. {@code nod}), if the engine chose one
 * @param fallback a reason code when authored words replaced all or part of what the engine would have said, or
 *     its reply was cut (e.g. {@code guard:role}, {@code invalid_output}, {@code latency}); never the replaced text.
 *     Empty when the engine's own answer was said as it was.
 */
public record CharacterReply(String text, String affect, Optional<String> intent, double confidence,
        String nextState, List<String> goalSteps, boolean repair, boolean understood, Optional<String> gesture,
        Optional<String> fallback) {
    public CharacterReply {
        Require.nonBlank(text, "text");
        Require.nonBlank(affect, "affect");
        Require.nonNull(intent, "intent");
        Require.inRange(confidence, 0.0, 1.0, "confidence");
        Require.nonBlank(nextState, "nextState");
        goalSteps = List.copyOf(Require.nonNull(goalSteps, "goalSteps"));
        Require.nonNull(gesture, "gesture");
        Require.nonNull(fallback, "fallback");
        gesture.ifPresent(g -> Require.nonBlank(g, "gesture"));
        fallback.ifPresent(f -> Require.nonBlank(f, "fallback"));
    }

    /** A reply without gesture or fallback: what the scripted engine gives. */
    public CharacterReply(String text, String affect, Optional<String> intent, double confidence, String nextState,
            List<String> goalSteps, boolean repair, boolean understood) {
        this(text, affect, intent, confidence, nextState, goalSteps, repair, understood, Optional.empty(),
                Optional.empty());
    }
}
