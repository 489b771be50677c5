package no.trinn.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.scenarios.YamlNode.ListNode;
import no.trinn.scenarios.YamlNode.MapNode;

/**
 * The curriculum ladder: per language, scenario ids in the order a client climbs them, from basic to complex, tier by
 * tier. {@link #standard(ScenarioLibrary)} reads the shipped {@code ladder.yaml}; {@link #parse} reads any ladder
 * file and checks it against a {@link ScenarioLibrary}: every id names a scenario of that language, no id appears
 * twice in a language, and tiers never descend along a language's rungs. Problems name file, line and field, like
 * the scenario loader's. Immutable and thread-safe.
 */
public final class Ladder {
    /** The classpath resource {@link #standard(ScenarioLibrary)} reads. */
    public static final String RESOURCE = "no/trinn/scenarios/ladder.yaml";

    private static final List<String> FILE_FIELDS = List.of("languages");

    private final Map<String, List<Rung>> rungs;

    /**
     * One rung of the ladder.
     *
     * @param scenarioId the scenario practised on this rung
     * @param tier the scenario's tier, 1 to 4
     * @param skill the skill the scenario's goal names, if any
     */
    public record Rung(String scenarioId, int tier, Optional<String> skill) {
        public Rung {
            Require.nonBlank(scenarioId, "scenarioId");
            Require.inRange(tier, 1, 4, "tier");
            Require.nonNull(skill, "skill");
        }

        /** The rung of {@code scenario}. */
        public static Rung of(Scenario scenario) {
            Require.nonNull(scenario, "scenario");
            return new Rung(scenario.id(), scenario.tier(), scenario.goal().skill());
        }
    }

    /**
     * A ladder of the given rungs per language.
     *
     * @param rungs per language, at least one rung each, ids unique within a language, tiers not descending
     * @throws IllegalArgumentException naming the language and id that break a rule
     */
    public Ladder(Map<String, List<Rung>> rungs) {
        Require.nonNull(rungs, "rungs");
        Map<String, List<Rung>> copy = new LinkedHashMap<>();
        rungs.forEach((language, list) -> {
            Require.nonBlank(language, "rungs language");
            List<Rung> l = List.copyOf(Require.nonEmpty(list, "rungs." + language));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < l.size(); i++) {
                Rung r = l.get(i);
                if (!seen.add(r.scenarioId())) {
                    throw new IllegalArgumentException("rungs." + language + "[" + i + "]: '" + r.scenarioId()
                            + "' appears twice");
                }
                if (i > 0 && r.tier() < l.get(i - 1).tier()) {
                    throw new IllegalArgumentException("rungs." + language + "[" + i + "]: tier " + r.tier()
                            + " comes after tier " + l.get(i - 1).tier() + "; tiers must ascend");
                }
            }
            copy.put(language, l);
        });
        this.rungs = Collections.unmodifiableMap(copy);
    }

    /**
     * The shipped ladder, checked against {@code library}.
     *
     * @throws ScenarioException if the shipped file is missing or does not fit {@code library}
     */
    public static Ladder standard(ScenarioLibrary library) {
        Require.nonNull(library, "library");
        try (InputStream in = Ladder.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ScenarioException("classpath:" + RESOURCE + ": not found; the trinn-scenarios jar is"
                        + " incomplete");
            }
            return parse("classpath:" + RESOURCE, ScenarioLoader.readLimited(in), library);
        } catch (IOException e) {
            throw new ScenarioException("classpath:" + RESOURCE + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a ladder from the bytes of a YAML file of the form {@code languages: {en: [id, ...], nb: [...]}};
     * {@code source} names the file in problems.
     *
     * @throws ScenarioException listing every problem, each with file, line and field (e.g. {@code languages.en[3]})
     */
    public static Ladder parse(String source, byte[] content, ScenarioLibrary library) {
        Require.nonBlank(source, "source");
        Require.nonNull(content, "content");
        Require.nonNull(library, "library");
        Problems problems = new Problems(source);
        Optional<Map<String, List<Rung>>> read = YamlTree.parse(content, problems)
                .flatMap(root -> decode(root, library, problems));
        problems.throwIfAny();
        return new Ladder(read.orElseThrow());
    }

    /** The languages the ladder has rungs for. */
    public Set<String> languages() {
        return rungs.keySet();
    }

    /** The rungs of {@code language}, lowest first; empty for a language the ladder does not cover. */
    public List<Rung> rungs(String language) {
        return rungs.getOrDefault(Require.nonNull(language, "language"), List.of());
    }

    /** The rung of {@code scenarioId} in {@code language}, if the ladder has one. */
    public Optional<Rung> rung(String language, String scenarioId) {
        Require.nonNull(scenarioId, "scenarioId");
        return rungs(language).stream().filter(r -> r.scenarioId().equals(scenarioId)).findFirst();
    }

    private static Optional<Map<String, List<Rung>>> decode(YamlNode root, ScenarioLibrary library,
            Problems problems) {
        Optional<Fields> file = Fields.of(root, "", problems, "a ladder", FILE_FIELDS);
        Optional<YamlNode> languages = file.flatMap(f -> f.value("languages", true));
        if (languages.isEmpty()) {
            return Optional.empty();
        }
        if (!(languages.get() instanceof MapNode map)) {
            problems.add(languages.get().line(), "languages", "expected a mapping of language to scenario ids, found "
                    + languages.get().describe());
            return Optional.empty();
        }
        if (map.fields().isEmpty()) {
            problems.add(map.line(), "languages", "needs at least one language");
        }
        Map<String, List<Rung>> out = new LinkedHashMap<>();
        map.fields().forEach((language, entry) -> {
            String path = "languages." + language;
            if (!ScenarioReader.LANGUAGES.contains(language)) {
                problems.add(entry.line(), path, "language must be one of " + String.join(", ",
                        ScenarioReader.LANGUAGES) + ", was '" + language + "'");
                return;
            }
            rungs(entry.value(), path, language, library, problems).ifPresent(r -> out.put(language, r));
        });
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static Optional<List<Rung>> rungs(YamlNode node, String path, String language, ScenarioLibrary library,
            Problems problems) {
        if (node.invalid()) {
            problems.metReported();
            return Optional.empty();
        }
        if (!(node instanceof ListNode list)) {
            problems.add(node.line(), path, "expected a list of scenario ids, found " + node.describe());
            return Optional.empty();
        }
        if (list.items().isEmpty()) {
            problems.add(node.line(), path, "needs at least one scenario id");
            return Optional.empty();
        }
        int mark = problems.mark();
        List<Rung> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        Optional<Scenario> previous = Optional.empty();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String at = path + "[" + i + "]";
            Optional<String> id = Fields.id(item, at, problems, ScenarioReader.SCENARIO_ID,
                    ScenarioReader.SCENARIO_ID_RULE);
            if (id.isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(id.get(), item.line());
            if (first != null) {
                problems.add(item.line(), at, "'" + id.get() + "' is already on the ladder (line " + first + ")");
                continue;
            }
            Optional<Scenario> scenario = library.find(id.get());
            if (scenario.isEmpty()) {
                List<String> close = library.closestIds(id.get());
                problems.add(item.line(), at, "no scenario has id '" + id.get() + "'" + (close.isEmpty() ? ""
                        : "; did you mean " + String.join(", ", close) + "?"));
                continue;
            }
            Scenario s = scenario.get();
            if (!s.language().equals(language)) {
                problems.add(item.line(), at, "'" + s.id() + "' is in language " + s.language() + ", not "
                        + language);
                continue;
            }
            if (previous.isPresent() && s.tier() < previous.get().tier()) {
                problems.add(item.line(), at, "'" + s.id() + "' (tier " + s.tier() + ") comes after '"
                        + previous.get().id() + "' (tier " + previous.get().tier() + "); tiers must ascend");
            }
            previous = scenario;
            out.add(Rung.of(s));
        }
        return problems.since(mark) ? Optional.empty() : Optional.of(out);
    }
}
