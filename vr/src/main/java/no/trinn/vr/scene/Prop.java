package no.trinn.vr.scene;

import no.trinn.core.Require;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.model.Model;

/**
 * A user-supplied model placed in a scene: scaled, turned about the vertical axis, then moved to {@code position}.
 *
 * @param name what it is, for messages (the file name unless the scene file names it)
 * @param model the loaded model
 * @param position where the model's origin goes, metres
 * @param rotationYDegrees rotation about the vertical axis
 * @param scale uniform scale, positive
 */
public record Prop(String name, Model model, Vec3 position, double rotationYDegrees, double scale) {
    public Prop {
        Require.nonBlank(name, "name");
        Require.nonNull(model, "model");
        Require.nonNull(position, "position");
        Require.inRange(rotationYDegrees, -360, 360, "rotationY");
        Require.inRange(scale, 0.001, 1000, "scale");
    }
}
