package no.trinn.vr.scene;

import no.trinn.core.Require;
import no.trinn.vr.model.Model;

/**
 * A user-supplied model drawn instead of a character's generated avatar, standing at the scene's character position
 * with its origin at the feet and facing +z. Its head node (if any) turns with the avatar's gaze; lip sync, blinks
 * and expressions are not shown on it.
 *
 * @param characterId the scenario character it stands for
 * @param model the loaded model
 * @param scale uniform scale, positive
 * @param rotationYDegrees rotation about the vertical axis, for models that do not face +z
 */
public record CharacterModel(String characterId, Model model, double scale, double rotationYDegrees) {
    public CharacterModel {
        Require.nonBlank(characterId, "characterId");
        Require.nonNull(model, "model");
        Require.inRange(scale, 0.001, 1000, "scale");
        Require.inRange(rotationYDegrees, -360, 360, "rotationY");
    }
}
