package no.trinn.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import no.trinn.core.Require;

/**
 * The named behaviour parameters the difficulty controller and the therapist act on (warmth, patience, ...), each in
 * [0, 1] with a value at the easiest and at the hardest difficulty. {@link #standard()} reads them from the
 * {@code behaviour.yaml} shipped with this module. {@link #valuesFor(Character, double)} gives the values a session
 * starts from, which {@link Line#fits(Map)} conditions are checked against. Immutable and thread-safe.
 *
 * @param parameters the parameters in file order; names unique, none called {@value #DIFFICULTY}
 */
public record BehaviourParameters(List<Parameter> parameters) {
    /** The name under which a session's difficulty appears among the parameter values. */
    public static final String DIFFICULTY = "difficulty";

    /** The classpath resource {@link #standard()} reads. */
    static final String RESOURCE = "no/trinn/scenarios/behaviour.yaml";

    private static final List<String> FILE_FIELDS = List.of("parameters");
    private static final List<String> PARAMETER_FIELDS = List.of("name", "meaning", "easy", "hard");

    public BehaviourParameters {
        parameters = List.copyOf(Require.nonEmpty(parameters, "parameters"));
        Set<String> seen = new HashSet<>();
        for (Parameter p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("parameters: duplicate name '" + p.name() + "'");
            }
        }
    }

    /**
     * One behaviour parameter. Every parameter ranges over [0, 1].
     *
     * @param name a lower camel-case name, e.g. {@code speechRate}; never {@value BehaviourParameters#DIFFICULTY}
     * @param meaning what the values mean, for therapists and authors
     * @param easy the value at difficulty 0, in [0, 1]
     * @param hard the value at difficulty 1, in [0, 1]
     */
    public record Parameter(String name, String meaning, double easy, double hard) {
        public Parameter {
            Require.nonBlank(name, "name");
            if (!ScenarioReader.PARAMETER_NAME.matcher(name).matches() || name.equals(DIFFICULTY)) {
                throw new IllegalArgumentException("name '" + name + "' must be " + ScenarioReader.PARAMETER_NAME_RULE
                        + " other than '" + DIFFICULTY + "'");
            }
            Require.nonBlank(meaning, "meaning");
            Require.inRange(easy, 0.0, 1.0, "easy");
            Require.inRange(hard, 0.0, 1.0, "hard");
        }

        /** The value at {@code difficulty} (in [0, 1]): linear from {@code easy} to {@code hard}. */
        public double at(double difficulty) {
            return lerp(easy, hard, Require.inRange(difficulty, 0.0, 1.0, "difficulty"));
        }
    }

    /**
     * The parameters shipped with Trinn, read once from {@code behaviour.yaml} on the classpath.
     *
     * @throws ScenarioException if the shipped file is missing or invalid (a packaging error)
     */
    public static BehaviourParameters standard() {
        BehaviourParameters standard = Shipped.standard;
        if (standard == null) {
            standard = loadStandard();
            Shipped.standard = standard;
        }
        return standard;
    }

    /** The shipped parameters once read; reading twice in a race is harmless. */
    private static final class Shipped {
        static volatile BehaviourParameters standard;
    }

    /** The parameter names, in file order. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        parameters.forEach(p -> names.add(p.name()));
        return Collections.unmodifiableSet(names);
    }

    /** The parameter called {@code name}, if there is one. */
    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The parameter values for a session with {@code character} at {@code difficulty}. Each behaviour parameter's
     * value moves linearly from its easy value (difficulty 0) to its hard value (difficulty 1); where the character
     * has a temperament of the same name, the temperament's value replaces the easy value and the result is clamped
     * to the temperament's range. Every other temperament of the character appears with its authored value, and
     * {@value #DIFFICULTY} with {@code difficulty}.
     *
     * @param difficulty in [0, 1]
     * @return an unmodifiable map: behaviour parameters in file order, then the character's other temperaments by
     *     name, then {@value #DIFFICULTY}
     * @throws IllegalArgumentException if {@code difficulty} lies outside [0, 1]
     */
    public Map<String, Double> valuesFor(Character character, double difficulty) {
        Require.nonNull(character, "character");
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        Map<String, Double> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Temperament t = character.temperament().get(p.name());
            values.put(p.name(), t == null ? p.at(difficulty) : t.range().clamp(lerp(t.value(), p.hard(), difficulty)));
        }
        new TreeMap<>(character.temperament()).forEach((name, t) -> values.putIfAbsent(name, t.value()));
        values.put(DIFFICULTY, difficulty);
        return Collections.unmodifiableMap(values);
    }

    /**
     * The names a {@link Line#when()} condition of a line spoken by {@code character} may use: the behaviour
     * parameters, the character's temperaments and {@value #DIFFICULTY}.
     */
    public Set<String> conditionNames(Character character) {
        Set<String> names = new LinkedHashSet<>(names());
        names.addAll(new TreeMap<>(character.temperament()).keySet());
        names.add(DIFFICULTY);
        return Collections.unmodifiableSet(names);
    }

    private static double lerp(double from, double to, double t) {
        return from + (to - from) * t;
    }

    /** Reads behaviour parameters from YAML bytes; {@code source} names them in problems. */
    static BehaviourParameters read(String source, byte[] bytes) {
        Problems problems = new Problems(source);
        Optional<BehaviourParameters> read = YamlTree.parse(bytes, problems).flatMap(root -> decode(root, problems));
        problems.throwIfAny();
        return read.orElseThrow();
    }

    private static Optional<BehaviourParameters> decode(YamlNode root, Problems problems) {
        int mark = problems.mark();
        Optional<Fields> file = Fields.of(root, "", problems, "behaviour parameters", FILE_FIELDS);
        Optional<List<Parameter>> list = file.flatMap(f -> f.list("parameters", true, true, (node, path) -> {
            int before = problems.mark();
            Optional<Fields> of = Fields.of(node, path, problems, "a parameter", PARAMETER_FIELDS);
            if (of.isEmpty()) {
                return Optional.empty();
            }
            Fields p = of.get();
            Optional<String> name = p.id("name", true, ScenarioReader.PARAMETER_NAME,
                    ScenarioReader.PARAMETER_NAME_RULE);
            Optional<String> meaning = p.text("meaning", true);
            Optional<Double> easy = p.number("easy", true, 0, 1);
            Optional<Double> hard = p.number("hard", true, 0, 1);
            if (problems.since(before)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Parameter(name.orElseThrow(), meaning.orElseThrow(), easy.orElseThrow(),
                        hard.orElseThrow()));
            } catch (IllegalArgumentException e) {
                problems.add(p.line(), path, e.getMessage());
                return Optional.empty();
            }
        }));
        if (problems.since(mark) || list.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BehaviourParameters(list.get()));
        } catch (IllegalArgumentException e) {
            problems.add(0, "parameters", e.getMessage());
            return Optional.empty();
        }
    }

    private static BehaviourParameters loadStandard() {
        try (InputStream in = BehaviourParameters.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ScenarioException("classpath:" + RESOURCE + ": not found; the trinn-scenarios jar is"
                        + " incomplete");
            }
            return read("classpath:" + RESOURCE, in.readAllBytes());
        } catch (IOException e) {
            throw new ScenarioException("classpath:" + RESOURCE + ": cannot read: " + e.getMessage(), e);
        }
    }
}
