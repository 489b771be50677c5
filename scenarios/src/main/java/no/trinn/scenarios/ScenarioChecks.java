package no.trinn.scenarios;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.trinn.core.Similarity;
import no.trinn.scenarios.YamlNode.MapNode;
import no.trinn.scenarios.YamlNode.ScalarNode;

/**
 * Checks how the parts of a scenario document refer to each other: unique ids, {@code next}, {@code steps} and
 * {@code character} references, the shape of start, middle and end states, reachability, and {@code when} parameter
 * names. Works on the YAML tree, so that it runs (and reports by line) even when {@link ScenarioReader} found
 * structural problems; parts it cannot read were already reported and are skipped.
 */
final class ScenarioChecks {
    private final Problems problems;
    private final Set<String> behaviourNames;
    /** Whether some state has no readable id or some next names no state; reachability is not judged then. */
    private boolean incompleteGraph;

    ScenarioChecks(Problems problems, Collection<String> behaviourNames) {
        this.problems = problems;
        this.behaviourNames = new LinkedHashSet<>(behaviourNames);
    }

    /** One state as far as it could be read. */
    private record StateInfo(int index, MapNode node, String path, Optional<String> id, Optional<Boolean> end) {
    }

    void check(YamlNode root) {
        if (!(root instanceof MapNode scenario)) {
            return;
        }
        Map<String, Set<String>> temperaments = characters(scenario);
        Optional<Set<String>> stepIds = goalSteps(scenario);
        List<StateInfo> states = states(scenario);
        Map<String, StateInfo> byId = new LinkedHashMap<>();
        for (StateInfo s : states) {
            s.id().ifPresent(id -> {
                StateInfo first = byId.putIfAbsent(id, s);
                if (first != null) {
                    problems.add(s.node().lineOf("id"), s.path() + ".id", "duplicate state id '" + id
                            + "' (first on line " + first.node().lineOf("id") + ")");
                }
            });
        }
        Set<String> usedSteps = new HashSet<>();
        Map<String, Set<String>> edges = new HashMap<>();
        Optional<String> firstCharacter = scenario.items("characters").stream().flatMap(n -> n.asMap().stream())
                .findFirst().flatMap(c -> c.string("id"));
        lines(scenario, "opening", "opening", speakerNames(firstCharacter, temperaments));
        for (StateInfo s : states) {
            Optional<String> speaker = s.node().string("character").or(() -> firstCharacter);
            s.node().string("character").ifPresent(c -> {
                if (!temperaments.isEmpty() && !temperaments.containsKey(c)) {
                    problems.add(s.node().lineOf("character"), s.path() + ".character", "no character has id '" + c
                            + "'" + hint(c, temperaments.keySet()));
                }
            });
            Set<String> names = speakerNames(speaker, temperaments);
            lines(s.node(), "say", s.path() + ".say", names);
            lines(s.node(), "reprompt", s.path() + ".reprompt", names);
            Set<String> targets = edges.computeIfAbsent(s.id().orElse("#" + s.index()), k -> new HashSet<>());
            intents(s, byId.keySet(), stepIds, usedSteps, targets, names);
            shape(s);
        }
        stepIds.ifPresent(ids -> unreachedSteps(scenario, usedSteps));
        reachability(scenario, states, byId, edges);
    }

    /** Character id to temperament names, after reporting duplicate character ids. */
    private Map<String, Set<String>> characters(MapNode scenario) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        List<YamlNode> items = scenario.items("characters");
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            items.get(i).asMap().ifPresent(c -> c.string("id").ifPresent(id -> {
                Integer first = firstLine.putIfAbsent(id, c.lineOf("id"));
                if (first != null) {
                    problems.add(c.lineOf("id"), "characters[" + index + "].id", "duplicate character id '" + id
                            + "' (first on line " + first + ")");
                    return;
                }
                Set<String> names = new LinkedHashSet<>(c.map("temperament").map(t -> t.fields().keySet())
                        .orElse(Set.of()));
                out.put(id, names);
            }));
        }
        return out;
    }

    /** The goal's step ids after reporting duplicates; nothing when the goal's steps cannot be read. */
    private Optional<Set<String>> goalSteps(MapNode scenario) {
        Optional<MapNode> goal = scenario.map("goal");
        if (goal.isEmpty() || !(goal.get().get("steps").orElse(null) instanceof YamlNode.ListNode list)) {
            return Optional.empty();
        }
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            int index = i;
            list.items().get(i).asMap().ifPresent(step -> step.string("id").ifPresent(id -> {
                Integer first = firstLine.putIfAbsent(id, step.lineOf("id"));
                if (first != null) {
                    problems.add(step.lineOf("id"), "goal.steps[" + index + "].id", "duplicate goal step id '" + id
                            + "' (first on line " + first + ")");
                }
            }));
        }
        return Optional.of(firstLine.keySet());
    }

    private static List<StateInfo> states(MapNode scenario) {
        List<StateInfo> out = new ArrayList<>();
        List<YamlNode> items = scenario.items("states");
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            items.get(i).asMap().ifPresent(s -> out.add(new StateInfo(index, s, "states[" + index + "]",
                    s.string("id"), end(s))));
        }
        return out;
    }

    /** Whether the state ends the conversation; nothing when its {@code end} is malformed (already reported). */
    private static Optional<Boolean> end(MapNode state) {
        Optional<YamlNode> end = state.get("end");
        if (end.isEmpty()) {
            return Optional.of(false);
        }
        return end.get() instanceof ScalarNode s && s.kind() == YamlNode.Kind.BOOLEAN
                ? Optional.of(s.text().equalsIgnoreCase("true")) : Optional.empty();
    }

    private Set<String> speakerNames(Optional<String> speaker, Map<String, Set<String>> temperaments) {
        Set<String> names = new LinkedHashSet<>(behaviourNames);
        if (speaker.isPresent() && temperaments.containsKey(speaker.get())) {
            names.addAll(temperaments.get(speaker.get()));
        } else {
            temperaments.values().forEach(names::addAll);
        }
        names.add(BehaviourParameters.DIFFICULTY);
        return names;
    }

    /** Checks the {@code when} parameter names of the lines under {@code key}. */
    private void lines(MapNode owner, String key, String path, Set<String> known) {
        List<YamlNode> items = owner.items(key);
        for (int i = 0; i < items.size(); i++) {
            String linePath = path + "[" + i + "]";
            items.get(i).asMap().flatMap(l -> l.map("when")).ifPresent(when -> {
                for (var e : when.fields().entrySet()) {
                    String name = e.getKey();
                    if (!known.contains(name)) {
                        problems.add(e.getValue().line(), linePath + ".when." + name, "unknown parameter '" + name
                                + "'" + Similarity.closestName(name, known).map(k -> "; did you mean '" + k + "'?")
                                .orElse("; known here: " + String.join(", ", known)));
                    }
                }
            });
        }
    }

    private void intents(StateInfo s, Set<String> stateIds, Optional<Set<String>> stepIds, Set<String> usedSteps,
            Set<String> targets, Set<String> whenNames) {
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, String> examples = new HashMap<>();
        List<YamlNode> items = s.node().items("intents");
        for (int j = 0; j < items.size(); j++) {
            Optional<MapNode> intent = items.get(j).asMap();
            if (intent.isEmpty()) {
                continue;
            }
            MapNode in = intent.get();
            String path = s.path() + ".intents[" + j + "]";
            Optional<String> id = in.string("id");
            id.ifPresent(i -> {
                Integer first = firstLine.putIfAbsent(i, in.lineOf("id"));
                if (first != null) {
                    problems.add(in.lineOf("id"), path + ".id", "duplicate intent id '" + i + "' in state"
                            + s.id().map(x -> " '" + x + "'").orElse("") + " (first on line " + first + ")");
                }
            });
            in.string("next").ifPresent(next -> {
                if (stateIds.contains(next)) {
                    targets.add(next);
                } else {
                    incompleteGraph = true;
                    problems.add(in.lineOf("next"), path + ".next", "no state has id '" + next + "'"
                            + hint(next, stateIds));
                }
            });
            List<YamlNode> steps = in.items("steps");
            for (int k = 0; k < steps.size(); k++) {
                int index = k;
                steps.get(k).asString().ifPresent(step -> {
                    usedSteps.add(step);
                    if (stepIds.isPresent() && !stepIds.get().contains(step)) {
                        problems.add(steps.get(index).line(), path + ".steps[" + index + "]", "no goal step has id '"
                                + step + "'" + hint(step, stepIds.get()));
                    }
                });
            }
            List<YamlNode> ex = in.items("examples");
            String owner = id.orElse("#" + j);
            for (int k = 0; k < ex.size(); k++) {
                int index = k;
                ex.get(k).asString().ifPresent(text -> {
                    String key = normalise(text);
                    String previous = examples.putIfAbsent(key, owner);
                    if (previous != null && !key.isEmpty()) {
                        problems.add(ex.get(index).line(), path + ".examples[" + index + "]",
                                previous.equals(owner) ? "the same example is listed twice"
                                        : "the same example is in intent '" + previous
                                                + "' of this state; the client's words could not tell them apart");
                    }
                });
            }
            lines(in, "reply", path + ".reply", whenNames);
        }
    }

    /** Letters and digits only, lower case: "I'd like a tea." and "i'd like a tea" are the same example. */
    private static String normalise(String example) {
        StringBuilder words = new StringBuilder(example.length());
        boolean gap = false;
        for (int i = 0; i < example.length(); ) {
            int c = example.codePointAt(i);
            i += java.lang.Character.charCount(c);
            if (java.lang.Character.isLetterOrDigit(c)) {
                if (gap && !words.isEmpty()) {
                    words.append(' ');
                }
                words.appendCodePoint(java.lang.Character.toLowerCase(c));
                gap = false;
            } else {
                gap = true;
            }
        }
        return words.toString();
    }

    /** What start, middle and end states must and must not have. */
    private void shape(StateInfo s) {
        MapNode n = s.node();
        String name = s.id().map(id -> "state '" + id + "'").orElse("this state");
        if (s.end().isEmpty()) {
            return;
        }
        if (s.end().get()) {
            if (n.get("intents").isPresent()) {
                problems.add(n.lineOf("intents"), s.path() + ".intents", "an end state has no intents; remove them or"
                        + " remove 'end: true' from " + name);
            }
            if (s.index() == 0) {
                problems.add(n.lineOf("end"), s.path() + ".end", "the first state cannot end the conversation");
            }
        } else {
            if (absentOrEmpty(n, "intents")) {
                problems.add(n.lineOf("intents"), s.path() + ".intents", name + " does not end the conversation, so"
                        + " it needs at least one intent (or 'end: true')");
            }
            if (absentOrEmpty(n, "reprompt")) {
                problems.add(n.lineOf("reprompt"), s.path() + ".reprompt", name + " does not end the conversation, so"
                        + " it needs at least one reprompt line, said when the client's words match no intent");
            }
        }
        if (s.index() > 0 && absentOrEmpty(n, "say")) {
            problems.add(n.lineOf("say"), s.path() + ".say", name + " needs at least one line to say when it is"
                    + " entered (only the first state leaves that to the opening)");
        }
    }

    /** Whether {@code key} is absent or an empty list; other wrong values were reported by the reader. */
    private static boolean absentOrEmpty(MapNode node, String key) {
        Optional<YamlNode> value = node.get(key);
        return value.isEmpty() || value.get() instanceof YamlNode.ListNode list && list.items().isEmpty();
    }

    private void unreachedSteps(MapNode scenario, Set<String> usedSteps) {
        List<YamlNode> steps = scenario.map("goal").map(g -> g.items("steps")).orElse(List.of());
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            steps.get(i).asMap().ifPresent(step -> step.string("id").ifPresent(id -> {
                if (!usedSteps.contains(id)) {
                    problems.add(step.lineOf("id"), "goal.steps[" + index + "].id", "no intent reaches goal step '"
                            + id + "'; name it in the steps of the intent that achieves it");
                }
            }));
        }
    }

    private void reachability(MapNode scenario, List<StateInfo> states, Map<String, StateInfo> byId,
            Map<String, Set<String>> edges) {
        if (states.isEmpty()) {
            return;
        }
        Set<String> ends = new LinkedHashSet<>();
        states.stream().filter(s -> s.end().orElse(false)).forEach(s -> s.id().ifPresent(ends::add));
        if (states.stream().allMatch(s -> s.end().equals(Optional.of(false)))) {
            problems.add(scenario.lineOf("states"), "states", "no state ends the conversation; mark at least one"
                    + " state with 'end: true'");
        }
        StateInfo first = states.getFirst();
        if (incompleteGraph || first.index() != 0 || states.stream().anyMatch(s -> s.id().isEmpty())) {
            return;
        }
        Set<String> reached = walk(Set.of(first.id().get()), edges);
        for (StateInfo s : byId.values()) {
            if (!reached.contains(s.id().orElseThrow())) {
                problems.add(s.node().lineOf("id"), s.path() + ".id", "state '" + s.id().get() + "' cannot be reached"
                        + " from the first state '" + first.id().get() + "': no intent's next leads to it");
            }
        }
        if (ends.isEmpty() || states.stream().anyMatch(s -> s.end().isEmpty())) {
            return;
        }
        Map<String, Set<String>> reverse = new HashMap<>();
        edges.forEach((from, tos) -> tos.forEach(to -> reverse.computeIfAbsent(to, k -> new HashSet<>()).add(from)));
        Set<String> leadToEnd = walk(ends, reverse);
        for (StateInfo s : byId.values()) {
            String id = s.id().orElseThrow();
            if (reached.contains(id) && !leadToEnd.contains(id)) {
                problems.add(s.node().lineOf("id"), s.path() + ".id", "from state '" + id + "' no path of intents"
                        + " leads to an end state; the conversation could never finish");
            }
        }
    }

    private static Set<String> walk(Set<String> from, Map<String, Set<String>> edges) {
        Set<String> seen = new HashSet<>(from);
        ArrayDeque<String> queue = new ArrayDeque<>(from);
        while (!queue.isEmpty()) {
            for (String next : edges.getOrDefault(queue.poll(), Set.of())) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    private static String hint(String wrong, Collection<String> known) {
        if (known.isEmpty()) {
            return "";
        }
        return Similarity.closestName(wrong, known).map(k -> "; did you mean '" + k + "'?")
                .orElse("; known: " + String.join(", ", known));
    }
}
