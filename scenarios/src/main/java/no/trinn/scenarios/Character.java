package no.trinn.scenarios;

import java.util.Map;
import no.trinn.core.Require;

/**
 * A character of a scenario. A character is data: who it is and how it tends to behave.
 *
 * @param id unique within the scenario
 * @param name what the character is called
 * @param role its role in the setting, e.g. "pharmacist"
 * @param persona a few sentences about the character, for authors and the generative engine
 * @param voice how it sounds
 * @param temperament named temperament parameters (e.g. warmth, patience, irritability)
 */
public record Character(String id, String name, String role, String persona, Voice voice,
        Map<String, Temperament> temperament) {
    public Character {
        Require.nonBlank(id, "id");
        Require.nonBlank(name, "name");
        Require.nonBlank(role, "role");
        Require.nonBlank(persona, "persona");
        Require.nonNull(voice, "voice");
        temperament = Map.copyOf(Require.nonNull(temperament, "temperament"));
    }
}
