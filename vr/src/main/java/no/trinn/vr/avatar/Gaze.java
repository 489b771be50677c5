package no.trinn.vr.avatar;

import no.trinn.core.Require;
import no.trinn.vr.math.Vec3;

/**
 * Where to look: the angles from a head to a target, and how they split between head and eyes (the head turns
 * {@link #HEAD_SHARE} of the way, the eyes the rest, each within its limits). Pure functions.
 */
public final class Gaze {
    /** The share of a gaze turn the head makes; the eyes make the rest. */
    public static final double HEAD_SHARE = 0.4;
    /** How far the eyes turn left or right in the head, degrees. */
    public static final double EYE_YAW_LIMIT = 25;
    /** How far the eyes turn up or down in the head, degrees. */
    public static final double EYE_PITCH_LIMIT = 18;
    /** How far the head turns left or right, degrees. */
    public static final double HEAD_YAW_LIMIT = 35;
    /** How far the head tilts up or down, degrees. */
    public static final double HEAD_PITCH_LIMIT = 20;

    private Gaze() {
    }

    /**
     * Gaze angles.
     *
     * @param yawDegrees positive toward +x (the character's left, the client's right)
     * @param pitchDegrees positive up
     */
    public record Angles(double yawDegrees, double pitchDegrees) {
    }

    /** The angles from {@code from} to {@code target} for a head facing +z; straight ahead when they coincide. */
    public static Angles toward(Vec3 from, Vec3 target) {
        Require.nonNull(from, "from");
        Require.nonNull(target, "target");
        Vec3 d = target.minus(from);
        double flat = Math.hypot(d.x(), d.z());
        if (flat < 1e-9 && Math.abs(d.y()) < 1e-9) {
            return new Angles(0, 0);
        }
        return new Angles(Math.toDegrees(Math.atan2(d.x(), d.z())), Math.toDegrees(Math.atan2(d.y(), flat)));
    }

    /** The head's part of a gaze, within the head's limits. */
    public static Angles head(Angles gaze) {
        return new Angles(clamp(gaze.yawDegrees() * HEAD_SHARE, HEAD_YAW_LIMIT),
                clamp(gaze.pitchDegrees() * HEAD_SHARE, HEAD_PITCH_LIMIT));
    }

    /** The eyes' part of a gaze given the head's part, within the eyes' limits. */
    public static Angles eyes(Angles gaze, Angles head) {
        return new Angles(clamp(gaze.yawDegrees() - head.yawDegrees(), EYE_YAW_LIMIT),
                clamp(gaze.pitchDegrees() - head.pitchDegrees(), EYE_PITCH_LIMIT));
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
