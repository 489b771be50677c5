package no.trinn.core.session;

import java.util.List;
import no.trinn.core.Require;

/**
 * What a client is told at the end of a session: goals met, strengths first, one thing to practise, and the
 * real-world task.
 *
 * @param goalStepsMet the learning goal's steps the client reached, in goal order
 * @param goalStepsMissed the steps not reached, in goal order
 * @param goalMet whether every step was reached
 * @param strengths things the client did well, most important first; at least one
 * @param practiseNext the one thing to practise next time
 * @param realWorldTask the small task to try in real life before the next session
 * @param turns number of client turns
 */
public record SessionSummary(List<String> goalStepsMet, List<String> goalStepsMissed, boolean goalMet,
        List<String> strengths, String practiseNext, String realWorldTask, int turns) {
    public SessionSummary {
        goalStepsMet = List.copyOf(Require.nonNull(goalStepsMet, "goalStepsMet"));
        goalStepsMissed = List.copyOf(Require.nonNull(goalStepsMissed, "goalStepsMissed"));
        strengths = List.copyOf(Require.nonEmpty(strengths, "strengths"));
        Require.nonBlank(practiseNext, "practiseNext");
        Require.nonBlank(realWorldTask, "realWorldTask");
        Require.inRange(turns, 0, Integer.MAX_VALUE, "turns");
    }
}
