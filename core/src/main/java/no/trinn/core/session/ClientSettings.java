package no.trinn.core.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * What a therapist has set for one client: the difficulty controller stays inside these, always.
 *
 * @param caps the allowed interval per behaviour parameter name, or {@code difficulty} for the overall difficulty
 * @param locks values fixed by the therapist per parameter name (or {@code difficulty}); the controller never moves
 *     a locked value and a lock wins over a cap
 * @param temperament per character, keyed {@code scenarioId/characterId}: temperament values by name that replace
 *     the authored ones (each in [0, 1])
 * @param assigned the scenario ids the client may be given, in ladder order; empty means the whole ladder
 */
public record ClientSettings(Map<String, Bounds> caps, Map<String, Double> locks,
        Map<String, Map<String, Double>> temperament, List<String> assigned) {
    /** No caps, locks, temperament changes or assignments. */
    public static final ClientSettings NONE = new ClientSettings(Map.of(), Map.of(), Map.of(), List.of());

    public ClientSettings {
        caps = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull(caps, "caps")));
        caps.forEach((name, b) -> {
            Require.nonBlank(name, "caps name");
            Require.nonNull(b, "caps." + name);
        });
        locks = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull(locks, "locks")));
        locks.forEach((name, v) -> {
            Require.nonBlank(name, "locks name");
            Require.inRange(Require.nonNull(v, "locks." + name), 0.0, 1.0, "locks." + name);
        });
        Map<String, Map<String, Double>> t = new LinkedHashMap<>();
        Require.nonNull(temperament, "temperament").forEach((key, values) -> {
            if (key == null || !key.matches("[a-z0-9-]+/[a-z0-9-]+")) {
                throw new IllegalArgumentException("temperament: key must be scenarioId/characterId, was '" + key
                        + "'");
            }
            Map<String, Double> copy = new LinkedHashMap<>(Require.nonNull(values, "temperament." + key));
            copy.forEach((name, v) -> Require.inRange(Require.nonNull(v, "temperament." + key + "." + name), 0.0,
                    1.0, "temperament." + key + "." + name));
            t.put(key, Collections.unmodifiableMap(copy));
        });
        temperament = Collections.unmodifiableMap(t);
        assigned = List.copyOf(Require.nonNull(assigned, "assigned"));
        assigned.forEach(id -> Require.nonBlank(id, "assigned"));
    }

    /**
     * The interval {@code name} may move in: the lock's single value if locked, else the cap, else [0, 1].
     */
    public Bounds allowed(String name) {
        Double lock = locks.get(name);
        if (lock != null) {
            return new Bounds(lock, lock);
        }
        return caps.getOrDefault(name, Bounds.FULL);
    }

    /** Whether the therapist locked {@code name}. */
    public boolean locked(String name) {
        return locks.containsKey(name);
    }

    /** The temperament values set for {@code characterId} in {@code scenarioId}, if any. */
    public Optional<Map<String, Double>> temperamentOf(String scenarioId, String characterId) {
        return Optional.ofNullable(temperament.get(scenarioId + "/" + characterId));
    }
}
