package no.trinn.agents.adapt;

import java.util.List;
import java.util.OptionalDouble;
import no.trinn.core.Require;

/**
 * What {@link Assessor} derived from one client turn: the per-turn measures a therapist reviews and the turn's
 * success, which the {@link DifficultyController} and the {@link ClientModel} learn from.
 *
 * @param index the turn's 0-based index in the session
 * @param responseMillis how long the client took to answer, at least 0
 * @param words how many words the client said, at least 0
 * @param speechShare the share of the turn the client spent speaking, in [0, 1]; empty in text sessions
 * @param silenceMillis silence within the turn, at least 0; 0 in text sessions
 * @param longestPauseMillis the longest single pause in the turn, at least 0; 0 in text sessions
 * @param interruptions how often the client spoke over the character, at least 0; 0 in text sessions
 * @param repair whether the client asked the character to repeat or rephrase
 * @param question whether the client asked a question
 * @param understood whether the client's words matched an intent (and were not a repair request)
 * @param advanced whether the turn moved the scenario on: a new state or a goal step reached
 * @param goalSteps the goal steps first reached in this turn
 * @param politeMarkers politeness phrases counted in the turn, at least 0
 * @param positiveMarkers phrases of positive affect, at least 0
 * @param negativeMarkers phrases of negative affect, at least 0
 * @param patienceWindowMillis how long the character waits at the patience in force, at least 1
 * @param success the turn's success in [0, 1]; see {@link Assessor} for the formula
 */
public record TurnAssessment(int index, long responseMillis, int words, OptionalDouble speechShare, long silenceMillis,
        long longestPauseMillis, int interruptions, boolean repair, boolean question, boolean understood,
        boolean advanced, List<String> goalSteps, int politeMarkers, int positiveMarkers, int negativeMarkers,
        long patienceWindowMillis, double success) {
    public TurnAssessment {
        Require.inRange(index, 0, Integer.MAX_VALUE, "index");
        Require.inRange(responseMillis, 0, Long.MAX_VALUE, "responseMillis");
        Require.inRange(words, 0, Integer.MAX_VALUE, "words");
        Require.nonNull(speechShare, "speechShare");
        speechShare.ifPresent(s -> Require.inRange(s, 0.0, 1.0, "speechShare"));
        Require.inRange(silenceMillis, 0, Long.MAX_VALUE, "silenceMillis");
        Require.inRange(longestPauseMillis, 0, Long.MAX_VALUE, "longestPauseMillis");
        Require.inRange(interruptions, 0, Integer.MAX_VALUE, "interruptions");
        goalSteps = List.copyOf(Require.nonNull(goalSteps, "goalSteps"));
        Require.inRange(politeMarkers, 0, Integer.MAX_VALUE, "politeMarkers");
        Require.inRange(positiveMarkers, 0, Integer.MAX_VALUE, "positiveMarkers");
        Require.inRange(negativeMarkers, 0, Integer.MAX_VALUE, "negativeMarkers");
        Require.inRange(patienceWindowMillis, 1, Long.MAX_VALUE, "patienceWindowMillis");
        Require.inRange(success, 0.0, 1.0, "success");
    }
}
