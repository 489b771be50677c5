package no.trinn.console.settings;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;

/**
 * The rules for a therapist's change to one client's settings, shared by {@code trinn client set} and the web
 * console: caps and locks name {@code difficulty} or a behaviour parameter and hold values in 0..1 (a cap's minimum
 * at most its maximum); a temperament names a scenario of the library, one of its characters and one of that
 * character's condition names other than {@code difficulty}; assigned scenarios exist in the library.
 *
 * <p>A change starts from the settings it modifies and applies each step in turn; a step that breaks a rule throws a
 * {@link SettingsException} whose message starts with {@code option + " " + text} as the caller gave them (for the
 * command line the option and its argument, for a form the field and the name), and the change keeps the steps
 * before it. {@link #result()} gives the settings. Not thread-safe; use one change per request.
 */
public final class SettingsChange {
    private final ScenarioLibrary library;
    private final Map<String, Bounds> caps;
    private final Map<String, Double> locks;
    private final Map<String, Map<String, Double>> temperament = new LinkedHashMap<>();
    private List<String> assigned;

    /** A change of {@code start} against the scenarios of {@code library}. */
    public SettingsChange(ScenarioLibrary library, ClientSettings start) {
        this.library = Require.nonNull(library, "library");
        Require.nonNull(start, "start");
        caps = new LinkedHashMap<>(start.caps());
        locks = new LinkedHashMap<>(start.locks());
        start.temperament().forEach((k, v) -> temperament.put(k, new LinkedHashMap<>(v)));
        assigned = start.assigned();
    }

    /** The names a cap or lock may name: {@code difficulty}, then the behaviour parameters in file order. */
    public static Set<String> parameterNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(BehaviourParameters.DIFFICULTY);
        names.addAll(BehaviourParameters.standard().names());
        return names;
    }

    /**
     * The temperament names a therapist may set for {@code character}: its condition names (behaviour parameters
     * and its own temperaments) without {@code difficulty}.
     */
    public static Set<String> temperamentNames(Character character) {
        Set<String> names = new LinkedHashSet<>(BehaviourParameters.standard().conditionNames(character));
        names.remove(BehaviourParameters.DIFFICULTY);
        return names;
    }

    /** Keeps parameter {@code name} inside [{@code min}, {@code max}], given as text. */
    public SettingsChange cap(String option, String whole, String name, String min, String max) {
        double lo = value(option, whole, min);
        double hi = value(option, whole, max);
        if (lo > hi) {
            throw new SettingsException(option + " " + whole + ": MIN " + min + " lies above MAX " + max);
        }
        caps.put(requireName(option, name), new Bounds(lo, hi));
        return this;
    }

    /** Removes the cap on {@code name}. */
    public SettingsChange uncap(String option, String name) {
        caps.remove(requireName(option, name));
        return this;
    }

    /** Fixes parameter {@code name} at {@code value}, given as text. */
    public SettingsChange lock(String option, String whole, String name, String value) {
        String known = requireName(option, name);
        locks.put(known, value(option, whole, value));
        return this;
    }

    /** Removes the lock on {@code name}. */
    public SettingsChange unlock(String option, String name) {
        locks.remove(requireName(option, name));
        return this;
    }

    /** Sets temperament {@code name} of {@code characterId} in {@code scenarioId} to {@code value}, given as text. */
    public SettingsChange temperament(String option, String whole, String scenarioId, String characterId,
            String name, String value) {
        Character character = character(option, whole, scenarioId, characterId);
        Set<String> allowed = temperamentNames(character);
        if (!allowed.contains(name)) {
            throw new SettingsException(option + " " + whole + ": '" + name + "' is not a temperament of "
                    + character.id() + "; use one of " + String.join(", ", allowed));
        }
        double v = value(option, whole, value);
        temperament.computeIfAbsent(scenarioId + "/" + character.id(), k -> new LinkedHashMap<>()).put(name, v);
        return this;
    }

    /** Removes every temperament value set for {@code characterId} in {@code scenarioId}. */
    public SettingsChange clearTemperament(String scenarioId, String characterId) {
        temperament.remove(scenarioId + "/" + characterId);
        return this;
    }

    /** The scenarios the client may be given, in ladder order; empty assigns the whole ladder. */
    public SettingsChange assign(String option, List<String> ids) {
        Require.nonNull(ids, "ids");
        assigned = ids.stream().map(id -> scenario(option + ":", id).id()).toList();
        return this;
    }

    /** The settings with every step applied. */
    public ClientSettings result() {
        return new ClientSettings(caps, locks, temperament, assigned);
    }

    /**
     * The character {@code characterId} of scenario {@code scenarioId}.
     *
     * @throws SettingsException if the library has no such scenario or the scenario no such character
     */
    public Character character(String option, String whole, String scenarioId, String characterId) {
        Scenario scenario = scenario(option + " " + whole + ":", scenarioId);
        return scenario.character(characterId).orElseThrow(() -> new SettingsException(option + " " + whole
                + ": scenario " + scenario.id() + " has no character '" + characterId + "'; its characters: "
                + String.join(", ", scenario.characters().stream().map(Character::id).toList())));
    }

    private Scenario scenario(String option, String id) {
        return library.find(id).orElseThrow(() -> {
            List<String> close = library.closestIds(id);
            String message = option + " unknown scenario '" + id + "'" + (close.isEmpty()
                    ? "; 'trinn scenarios list' shows every scenario"
                    : "; did you mean: " + String.join(", ", close) + "?");
            if (!library.problems().isEmpty()) {
                message += " (" + library.problems().size() + " problem(s) reading scenario files; "
                        + "'trinn scenarios list' shows them)";
            }
            return new SettingsException(message);
        });
    }

    private static String requireName(String option, String name) {
        Set<String> names = parameterNames();
        if (!names.contains(name)) {
            throw new SettingsException(option + " " + name + ": unknown parameter; use one of "
                    + String.join(", ", names));
        }
        return name;
    }

    /**
     * {@code text} as a value in 0..1.
     *
     * @throws SettingsException "OPTION WHOLE: 'TEXT' is not a number" or "... lies outside 0..1"
     */
    public static double value(String option, String whole, String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new SettingsException(option + " " + whole + ": '" + text + "' is not a number", e);
        }
        if (!(v >= 0 && v <= 1)) {
            throw new SettingsException(option + " " + whole + ": " + text + " lies outside 0..1");
        }
        return v;
    }
}
