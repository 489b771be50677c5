package no.trinn.core.frame;

import no.trinn.core.Require;

/**
 * A line the character says, in role.
 *
 * @param characterId the scenario's id of the speaking character
 * @param text what is said; never blank
 * @param affect the character's affect while saying it (e.g. "neutral", "warm", "impatient")
 * @param atNanos when the line was ready
 */
public record CharacterUtterance(String characterId, String text, String affect, long atNanos) implements Frame {
    public CharacterUtterance {
        Require.nonBlank(characterId, "characterId");
        Require.nonBlank(text, "text");
        Require.nonBlank(affect, "affect");
    }
}
