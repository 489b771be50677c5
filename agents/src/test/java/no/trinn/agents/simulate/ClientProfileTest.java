package no.trinn.agents.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClientProfileTest {
    @Test
    void theShippedArchetypesLoadWithTheirNamedTraits() {
        List<String> names = ClientProfile.archetypes().stream().map(ClientProfile::name).toList();
        assertTrue(names.containsAll(List.of("severe-withdrawn", "anxious-fluent", "steady", "impulsive-off-topic")),
                names.toString());
        ClientProfile withdrawn = ClientProfile.archetype("severe-withdrawn").orElseThrow();
        ClientProfile steady = ClientProfile.archetype("steady").orElseThrow();
        assertTrue(withdrawn.level(1) < 0.2);
        assertTrue(withdrawn.style().meanResponseMillis() > steady.style().meanResponseMillis());
        assertTrue(withdrawn.style().verbosity() < steady.style().verbosity());
        assertTrue(withdrawn.style().repairRate() >= steady.style().repairRate());
        ClientProfile anxious = ClientProfile.archetype("anxious-fluent").orElseThrow();
        assertTrue(anxious.sensitivity().coldness() > steady.sensitivity().coldness());
        assertTrue(ClientProfile.archetype("nobody").isEmpty());
    }

    @Test
    void aRandomPopulationIsSeededAndSpreadOverTheLevelRange() {
        List<ClientProfile> a = ClientProfile.population(new SplittableRandom(7), 200);
        List<ClientProfile> b = ClientProfile.population(new SplittableRandom(7), 200);
        assertEquals(a, b);
        assertEquals("sim-001", a.getFirst().name());
        double min = 1;
        double max = 0;
        for (ClientProfile p : a) {
            for (int tier = 1; tier <= 4; tier++) {
                double level = p.level(tier);
                assertTrue(level >= ClientProfile.MIN_RANDOM_LEVEL && level <= ClientProfile.MAX_RANDOM_LEVEL);
                min = Math.min(min, level);
                max = Math.max(max, level);
            }
        }
        assertTrue(min < 0.15 && max > 0.85, min + " .. " + max);
        assertFalse(a.equals(ClientProfile.population(new SplittableRandom(8), 200)));
    }

    @Test
    void practiceNearTheLevelHelpsMostAndALearningRateOfZeroNever() {
        ClientProfile steady = ClientProfile.archetype("steady").orElseThrow();
        double level = steady.level(2);
        double near = steady.practised(2, level).level(2) - level;
        double far = steady.practised(2, Math.min(1, level + 0.45)).level(2) - level;
        assertTrue(near > 0 && near <= steady.learningRate(), "near " + near);
        assertTrue(far < near / 10, "far " + far);
        assertEquals(steady.level(1), steady.practised(2, level).level(1));
        ClientProfile capable = ClientProfile.archetype("capable").orElseThrow();
        assertEquals(capable, capable.practised(1, capable.level(1)));
    }

    @Test
    void invalidProfilesNameTheField() {
        ClientProfile steady = ClientProfile.archetype("steady").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClientProfile("x",
                List.of(0.5, 0.5, 1.5, 0.5), steady.style(), steady.sensitivity(), 0));
        assertTrue(e.getMessage().startsWith("levels[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ClientProfile("x", List.of(0.5, 0.5),
                steady.style(), steady.sensitivity(), 0));
        assertTrue(e.getMessage().startsWith("levels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ClientProfile.Style(3000, 1000, 1, -0.1, 0, 0,
                0, 0));
        assertTrue(e.getMessage().startsWith("errorRate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ClientProfile.Sensitivity(0, 0, 0, 0, 0));
        assertTrue(e.getMessage().startsWith("sensitivity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> steady.level(5));
    }
}
