package no.trinn.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import no.trinn.scenarios.YamlNode.MapNode;

/**
 * Reads the structure of a scenario document into records: fields, types, formats and value ranges. Cross-references
 * (state, step and character ids; reachability; {@code when} parameter names) are checked by {@link ScenarioChecks}.
 * Every problem is recorded; a record is built only when its part of the document had none.
 */
final class ScenarioReader {
    /** Scenario ids: lower-case words (letters and digits, starting with a letter) joined by hyphens. */
    static final Pattern SCENARIO_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final String SCENARIO_ID_RULE = "lower-case words joined by hyphens, e.g. 'coffee-order'";
    /** State, intent, character and goal-step ids: lower-case words joined by hyphens or underscores. */
    static final Pattern LOCAL_ID = Pattern.compile("[a-z][a-z0-9]*([_-][a-z0-9]+)*");
    static final String LOCAL_ID_RULE = "lower-case words joined by '_' or '-', e.g. 'order_drink'";
    /** Temperament and behaviour parameter names: lower camel case, e.g. {@code speechRate}. */
    static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");
    static final String PARAMETER_NAME_RULE = "a lower camel-case name, e.g. 'speechRate'";
    static final String SKILL_RULE = "lower-case words joined by hyphens, e.g. 'refusal' or 'small-talk'";
    /** The languages scenarios may be written in. */
    static final List<String> LANGUAGES = List.of("en", "nb");

    static final List<String> SCENARIO_FIELDS = List.of("id", "title", "language", "tier", "summary", "goal",
            "setting", "characters", "opening", "states", "followUp", "translationOf");
    static final List<String> GOAL_FIELDS = List.of("description", "skill", "steps");
    static final List<String> STEP_FIELDS = List.of("id", "description", "strength", "practise");
    static final List<String> CHARACTER_FIELDS = List.of("id", "name", "role", "persona", "voice", "temperament");
    static final List<String> VOICE_FIELDS = List.of("name", "pitch", "rate");
    static final List<String> TEMPERAMENT_FIELDS = List.of("value", "range");
    static final List<String> LINE_FIELDS = List.of("text", "when");
    static final List<String> STATE_FIELDS = List.of("id", "character", "say", "reprompt", "intents", "end");
    static final List<String> INTENT_FIELDS = List.of("id", "examples", "reply", "next", "steps");

    private final Problems problems;

    ScenarioReader(Problems problems) {
        this.problems = problems;
    }

    /** The scenario, when the document's structure had no problems. */
    Optional<Scenario> scenario(YamlNode root, String source) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(root, "", problems, "a scenario", SCENARIO_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<String> id = f.id("id", true, SCENARIO_ID, SCENARIO_ID_RULE);
        Optional<String> title = f.text("title", true);
        Optional<String> language = language(f);
        Optional<Integer> tier = f.integer("tier", true, 1, 4);
        Optional<String> summary = f.text("summary", true);
        Optional<Goal> goal = f.value("goal", true).flatMap(n -> goal(n, f.path("goal")));
        Optional<String> setting = f.text("setting", true);
        Optional<List<Character>> characters = f.list("characters", true, true, this::character);
        Optional<List<Line>> opening = f.list("opening", true, true, this::line);
        Optional<List<State>> states = f.list("states", true, true, this::state);
        Optional<String> followUp = f.text("followUp", true);
        Optional<String> translationOf = f.id("translationOf", false, SCENARIO_ID, SCENARIO_ID_RULE);
        if (translationOf.isPresent() && translationOf.equals(id)) {
            problems.add(f.line("translationOf"), f.path("translationOf"), "a scenario cannot translate itself");
        }
        if (problems.since(mark)) {
            return Optional.empty();
        }
        return build(f, () -> new Scenario(id.orElseThrow(), title.orElseThrow(), language.orElseThrow(),
                tier.orElseThrow(), summary.orElseThrow(), goal.orElseThrow(), setting.orElseThrow(),
                characters.orElseThrow(), opening.orElseThrow(), states.orElseThrow(), followUp.orElseThrow(),
                translationOf, source));
    }

    private Optional<String> language(Fields f) {
        return f.text("language", true).flatMap(l -> {
            if (LANGUAGES.contains(l)) {
                return Optional.of(l);
            }
            String hint = switch (l.toLowerCase(Locale.ROOT)) {
                case "no", "nn", "nob", "nb-no", "no-nb", "norwegian", "norsk" -> "; for Norwegian (bokmål) use 'nb'";
                case "en-gb", "en-us", "eng", "english" -> "; for English use 'en'";
                default -> "";
            };
            problems.add(f.line("language"), f.path("language"), "language must be one of " + String.join(", ",
                    LANGUAGES) + ", was '" + l + "'" + hint);
            return Optional.empty();
        });
    }

    private Optional<Goal> goal(YamlNode node, String path) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(node, path, problems, "a goal", GOAL_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<String> description = f.text("description", true);
        Optional<List<Goal.Step>> steps = f.list("steps", true, true, this::step);
        Optional<String> skill = f.id("skill", false, Goal.SKILL, SKILL_RULE);
        if (problems.since(mark)) {
            return Optional.empty();
        }
        return build(f, () -> new Goal(description.orElseThrow(), steps.orElseThrow(), skill));
    }

    private Optional<Goal.Step> step(YamlNode node, String path) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(node, path, problems, "a goal step", STEP_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<String> id = f.id("id", true, LOCAL_ID, LOCAL_ID_RULE);
        Optional<String> description = f.text("description", true);
        Optional<String> strength = f.text("strength", true);
        Optional<String> practise = f.text("practise", true);
        if (problems.since(mark)) {
            return Optional.empty();
        }
        return build(f, () -> new Goal.Step(id.orElseThrow(), description.orElseThrow(), strength.orElseThrow(),
                practise.orElseThrow()));
    }

    private Optional<Character> character(YamlNode node, String path) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(node, path, problems, "a character", CHARACTER_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<String> id = f.id("id", true, LOCAL_ID, LOCAL_ID_RULE);
        Optional<String> name = f.text("name", true);
        Optional<String> role = f.text("role", true);
        Optional<String> persona = f.text("persona", true);
        Optional<Voice> voice = f.value("voice", true).flatMap(n -> voice(n, f.path("voice")));
        Map<String, Temperament> temperament = f.value("temperament", false)
                .map(n -> temperament(n, f.path("temperament"))).orElse(Map.of());
        if (problems.since(mark)) {
            return Optional.empty();
        }
        return build(f, () -> new Character(id.orElseThrow(), name.orElseThrow(), role.orElseThrow(),
                persona.orElseThrow(), voice.orElseThrow(), temperament));
    }

    private Optional<Voice> voice(YamlNode node, String path) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(node, path, problems, "a voice", VOICE_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<String> name = f.text("name", true);
        double pitch = f.number("pitch", false, -1, 1).orElse(0.0);
        double rate = f.number("rate", false, -1, 1).orElse(0.0);
        if (problems.since(mark)) {
            return Optional.empty();
        }
        return build(f, () -> new Voice(name.orElseThrow(), pitch, rate));
    }

    private Map<String, Temperament> temperament(YamlNode node, String path) {
        if (node.invalid()) {
            problems.metReported();
            return Map.of();
        }
        if (!(node instanceof MapNode map)) {
            problems.add(node.line(), path, "expected temperament parameters (a mapping of name to "
                    + "{ value, range }), found " + node.describe());
            return Map.of();
        }
        Map<String, Temperament> out = new LinkedHashMap<>();
        for (var e : map.fields().entrySet()) {
            String name = e.getKey();
            String at = Fields.child(path, name);
            if (!PARAMETER_NAME.matcher(name).matches()) {
                problems.add(e.getValue().line(), at, "'" + name + "' is not a valid parameter name: use "
                        + PARAMETER_NAME_RULE);
                continue;
            }
            if (name.equals(BehaviourParameters.DIFFICULTY)) {
                problems.add(e.getValue().line(), at, "'difficulty' is set by the session, not by a temperament");
                continue;
            }
            temperamentValue(e.getValue().value(), at).ifPresent(t -> out.put(name, t));
        }
        return out;
    }

    private Optional<Temperament> temperamentValue(YamlNode node, String path) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(node, path, problems, "a temperament parameter ({ value, range })",
                TEMPERAMENT_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<Double> value = f.number("value", true, 0, 1);
        Range range = f.value("range", false).flatMap(n -> Fields.range(n, f.path("range"), problems))
                .orElse(Range.UNIT);
        if (problems.since(mark)) {
            return Optional.empty();
        }
        if (!range.contains(value.orElseThrow())) {
            problems.add(f.line("value"), f.path("value"), "value " + Fields.format(value.get())
                    + " lies outside its range [" + Fields.format(range.min()) + ", " + Fields.format(range.max())
                    + "]");
            return Optional.empty();
        }
        return build(f, () -> new Temperament(value.get(), range));
    }

    private Optional<Line> line(YamlNode node, String path) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(node, path, problems, "a line ({ text, when })", LINE_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<String> text = f.text("text", true);
        Map<String, Range> when = f.value("when", false).map(n -> when(n, f.path("when"))).orElse(Map.of());
        if (problems.since(mark)) {
            return Optional.empty();
        }
        return build(f, () -> new Line(text.orElseThrow(), when));
    }

    private Map<String, Range> when(YamlNode node, String path) {
        if (node.invalid()) {
            problems.metReported();
            return Map.of();
        }
        if (!(node instanceof MapNode map)) {
            problems.add(node.line(), path, "expected conditions (a mapping of parameter name to [min, max]), found "
                    + node.describe());
            return Map.of();
        }
        Map<String, Range> out = new LinkedHashMap<>();
        for (var e : map.fields().entrySet()) {
            Fields.range(e.getValue().value(), Fields.child(path, e.getKey()), problems)
                    .ifPresent(r -> out.put(e.getKey(), r));
        }
        return out;
    }

    private Optional<State> state(YamlNode node, String path) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(node, path, problems, "a state", STATE_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<String> id = f.id("id", true, LOCAL_ID, LOCAL_ID_RULE);
        Optional<String> character = f.id("character", false, LOCAL_ID, LOCAL_ID_RULE);
        List<Line> say = f.list("say", false, false, this::line).orElse(List.of());
        List<Line> reprompt = f.list("reprompt", false, false, this::line).orElse(List.of());
        List<Intent> intents = f.list("intents", false, false, this::intent).orElse(List.of());
        boolean end = f.bool("end", false).orElse(false);
        if (problems.since(mark)) {
            return Optional.empty();
        }
        return build(f, () -> new State(id.orElseThrow(), character, say, reprompt, intents, end));
    }

    private Optional<Intent> intent(YamlNode node, String path) {
        int mark = problems.mark();
        Optional<Fields> of = Fields.of(node, path, problems, "an intent", INTENT_FIELDS);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        Fields f = of.get();
        Optional<String> id = f.id("id", true, LOCAL_ID, LOCAL_ID_RULE);
        Optional<List<String>> examples = f.list("examples", true, true, (n, p) -> Fields.text(n, p, problems));
        List<Line> reply = f.list("reply", false, false, this::line).orElse(List.of());
        Optional<String> next = f.id("next", false, LOCAL_ID, LOCAL_ID_RULE);
        List<String> steps = f.list("steps", false, false,
                (n, p) -> Fields.id(n, p, problems, LOCAL_ID, LOCAL_ID_RULE)).orElse(List.of());
        if (problems.since(mark)) {
            return Optional.empty();
        }
        return build(f, () -> new Intent(id.orElseThrow(), examples.orElseThrow(), reply, next, steps));
    }

    /** Builds a record; a constructor check these readers missed becomes a problem instead of an exception. */
    private <T> Optional<T> build(Fields f, Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException | NoSuchElementException e) {
            problems.add(f.line(), f.path(), String.valueOf(e.getMessage()));
            return Optional.empty();
        }
    }
}
