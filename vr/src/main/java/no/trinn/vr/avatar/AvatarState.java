package no.trinn.vr.avatar;

import no.trinn.core.Require;

/**
 * The avatar's pose at one instant; what {@link Animator} computes and the renderer draws. Angles in degrees.
 *
 * @param breath 0 exhaled .. 1 inhaled
 * @param blink 0 eyes open .. 1 lids shut
 * @param headYaw head turn, positive toward +x
 * @param headPitch head tilt, positive up
 * @param headRoll head roll about the facing axis, positive turning +x toward +y
 * @param eyeYaw eyes in the head, positive toward +x
 * @param eyePitch eyes in the head, positive up
 * @param expression brows and mouth corners
 * @param mouth the mouth shape from lip sync
 */
public record AvatarState(double breath, double blink, double headYaw, double headPitch, double headRoll,
        double eyeYaw, double eyePitch, Expression expression, MouthShape mouth) {
    /** Neutral, eyes open, looking straight ahead, mouth at rest. */
    public static final AvatarState REST = new AvatarState(0.5, 0, 0, 0, 0, 0, 0, Expression.of(Affect.NEUTRAL),
            MouthShape.REST);

    public AvatarState {
        Require.inRange(breath, 0, 1, "breath");
        Require.inRange(blink, 0, 1, "blink");
        Require.inRange(headYaw, -90, 90, "headYaw");
        Require.inRange(headPitch, -90, 90, "headPitch");
        Require.inRange(headRoll, -45, 45, "headRoll");
        Require.inRange(eyeYaw, -45, 45, "eyeYaw");
        Require.inRange(eyePitch, -45, 45, "eyePitch");
        Require.nonNull(expression, "expression");
        Require.nonNull(mouth, "mouth");
    }

    /** This state with {@code mouth}. */
    public AvatarState withMouth(MouthShape mouth) {
        return new AvatarState(breath, blink, headYaw, headPitch, headRoll, eyeYaw, eyePitch, expression, mouth);
    }

    /** This state with {@code expression}. */
    public AvatarState withExpression(Expression expression) {
        return new AvatarState(breath, blink, headYaw, headPitch, headRoll, eyeYaw, eyePitch, expression, mouth);
    }
}
