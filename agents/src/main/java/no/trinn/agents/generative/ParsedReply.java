package no.trinn.agents.generative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.core.Require;
import no.trinn.scenarios.Goal;

/**
 * A model's structured reply, parsed and checked against the scenario.
 *
 * @param say what to say, stripped, not blank
 * @param affect one of the reply format's affects
 * @param gesture a gesture of the reply format other than {@code none}, if one was given
 * @param goalStepsMet ids of goal steps of the scenario, without repeats
 * @param nextState the current state or one an intent of the current state leads to
 */
record ParsedReply(String say, String affect, Optional<String> gesture, List<String> goalStepsMet,
        String nextState) {
    private static final ObjectMapper JSON = new ObjectMapper();

    ParsedReply {
        Require.nonBlank(say, "say");
        Require.nonBlank(affect, "affect");
        Require.nonNull(gesture, "gesture");
        goalStepsMet = List.copyOf(goalStepsMet);
        Require.nonBlank(nextState, "nextState");
    }

    /** Why a reply could not be used; the code names the problem in the retry prompt ({@code problems.*}). */
    enum Problem {
        JSON("json"), FIELDS("fields"), SAY("say"), AFFECT("affect"), STATE("state"), STEPS("steps");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** The outcome of parsing: a reply or a problem, exactly one of them. */
    record Result(Optional<ParsedReply> reply, Optional<Problem> problem) {
        Result {
            if (reply.isPresent() == problem.isPresent()) {
                throw new IllegalArgumentException("a result holds a reply or a problem");
            }
        }
    }

    /**
     * Parses {@code text}, the model's whole answer. The JSON object may stand between other text (a code fence);
     * {@code gesture} may be missing, empty, {@code none} or unknown (then there is none); every other field must be
     * there and valid for {@code ctx}.
     */
    static Result parse(String text, TurnContext ctx, ReplyFormat format) {
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open < 0 || close < open) {
            return problem(Problem.JSON);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.substring(open, close + 1));
        } catch (JsonProcessingException e) {
            return problem(Problem.JSON);
        }
        if (!root.isObject()) {
            return problem(Problem.JSON);
        }
        JsonNode say = root.path("say");
        JsonNode affect = root.path("affect");
        JsonNode steps = root.path("goalStepsMet");
        JsonNode next = root.path("nextState");
        if (!say.isTextual() || !affect.isTextual() || !steps.isArray() || !next.isTextual()) {
            return problem(Problem.FIELDS);
        }
        if (say.asText().isBlank()) {
            return problem(Problem.SAY);
        }
        if (!format.affects().contains(affect.asText().strip())) {
            return problem(Problem.AFFECT);
        }
        if (!CharacterPrompt.allowedNextStates(ctx).contains(next.asText().strip())) {
            return problem(Problem.STATE);
        }
        Set<String> known = new LinkedHashSet<>();
        ctx.scenario().goal().steps().stream().map(Goal.Step::id).forEach(known::add);
        Set<String> met = new LinkedHashSet<>();
        List<String> reachable = CharacterPrompt.allowedGoalSteps(ctx);
        for (JsonNode s : steps) {
            if (!s.isTextual() || !known.contains(s.asText().strip())) {
                return problem(Problem.STEPS);
            }
            // a step no intent of this state leads to cannot have been met now: the claim is dropped, not trusted
            if (reachable.contains(s.asText().strip())) {
                met.add(s.asText().strip());
            }
        }
        String g = root.path("gesture").asText("").strip();
        Optional<String> gesture = g.isEmpty() || g.equals("none") || !format.gestures().contains(g)
                ? Optional.empty() : Optional.of(g);
        return new Result(Optional.of(new ParsedReply(say.asText().strip(), affect.asText().strip(), gesture,
                List.copyOf(new ArrayList<>(met)), next.asText().strip())), Optional.empty());
    }

    private static Result problem(Problem p) {
        return new Result(Optional.empty(), Optional.of(p));
    }
}
