package no.trinn.app.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;

/**
 * Client lines that walk a scenario from its start state to an end state, made from the scenario's own data: in each
 * state, the first example of the first intent that moves to a state not yet visited (backing up if that way never
 * reaches an end). Needs no hand-written script, so every scenario, shipped or new, can be benchmarked.
 */
public final class GoalWalk {
    private GoalWalk() {
    }

    /** The lines, in order; empty if no end state can be reached through intents that move on. */
    public static Optional<List<String>> lines(Scenario scenario) {
        Require.nonNull(scenario, "scenario");
        List<String> lines = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        return walk(scenario, scenario.start(), visited, lines) ? Optional.of(List.copyOf(lines)) : Optional.empty();
    }

    private static boolean walk(Scenario scenario, State state, Set<String> visited, List<String> lines) {
        if (state.end()) {
            return true;
        }
        visited.add(state.id());
        for (Intent intent : state.intents()) {
            Optional<State> next = intent.next().filter(id -> !visited.contains(id)).flatMap(scenario::state);
            if (next.isEmpty()) {
                continue;
            }
            lines.add(intent.examples().getFirst());
            if (walk(scenario, next.get(), visited, lines)) {
                return true;
            }
            lines.removeLast();
        }
        visited.remove(state.id());
        return false;
    }
}
