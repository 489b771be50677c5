package no.trinn.vr.avatar;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.VisemeCue;
import no.trinn.vr.math.Vec3;

/**
 * The avatar's pose as a pure function of time and inputs: breathing, seeded blinking, gaze toward a target (head and
 * eyes sharing the turn, with small seeded glances), idle sway, small nods while listening, an expression that eases
 * from the previous affect to the current one over {@link #AFFECT_EASE_SECONDS}, and lip sync while speaking.
 */
public final class Animator {
    /** How long the face takes to move from one affect's expression to the next. */
    public static final double AFFECT_EASE_SECONDS = 0.4;
    /** One breath. */
    public static final double BREATH_SECONDS = 4.2;
    /** Listening nods come one per slot of this length, at a seeded offset. */
    public static final double NOD_SLOT_SECONDS = 2.6;
    /** How deep a listening nod dips, degrees. */
    public static final double NOD_DEGREES = 4;
    private static final double NOD_SECONDS = 0.9;

    private Animator() {
    }

    /**
     * A line being spoken.
     *
     * @param startSeconds when its audio starts, on the same clock as the animation time
     * @param cues its viseme timeline, relative to the start of the audio
     * @param durationMillis how long the audio lasts
     */
    public record Speech(double startSeconds, List<VisemeCue> cues, long durationMillis) {
        public Speech {
            cues = List.copyOf(Require.nonNull(cues, "cues"));
            Require.inRange(durationMillis, 0, Long.MAX_VALUE, "durationMillis");
            if (!cues.isEmpty() && cues.getLast().startMillis() > durationMillis) {
                throw new IllegalArgumentException("durationMillis " + durationMillis + " ends before the last cue at "
                        + cues.getLast().startMillis());
            }
        }

        /** When the audio ends, seconds. */
        public double endSeconds() {
            return startSeconds + durationMillis / 1000.0;
        }
    }

    /**
     * What drives the pose.
     *
     * @param seed makes blinks, glances and nods differ between characters
     * @param affect the current affect
     * @param previousAffect the affect before it
     * @param affectSinceSeconds when the current affect began
     * @param listening whether the character is listening to the client (it nods now and then)
     * @param speech the line being spoken, if any
     * @param headPosition where the head is in the world
     * @param gazeTarget what it looks at (usually the client's eyes)
     */
    public record Input(long seed, Affect affect, Affect previousAffect, double affectSinceSeconds, boolean listening,
            Optional<Speech> speech, Vec3 headPosition, Vec3 gazeTarget) {
        public Input {
            Require.nonNull(affect, "affect");
            Require.nonNull(previousAffect, "previousAffect");
            Require.nonNull(speech, "speech");
            Require.nonNull(headPosition, "headPosition");
            Require.nonNull(gazeTarget, "gazeTarget");
        }
    }

    /** The pose at {@code seconds}. */
    public static AvatarState at(double seconds, Input in) {
        Require.nonNull(in, "in");
        double t = seconds;
        long seed = in.seed();
        double breath = 0.5 + 0.5 * Math.sin(2 * Math.PI * t / BREATH_SECONDS + Seeds.unit(seed, 1) * 2 * Math.PI);
        double blink = Blink.closure(seed, t);

        Gaze.Angles gaze = Gaze.toward(in.headPosition(), in.gazeTarget());
        Gaze.Angles head = Gaze.head(gaze);
        Gaze.Angles eyes = Gaze.eyes(gaze, head);
        // small glances: the eyes rest at a slightly different point every 0.8 s
        long glance = (long) Math.floor(t / 0.8);
        double glanceYaw = (Seeds.unit(seed, 100 + glance) - 0.5) * 3;
        double glancePitch = (Seeds.unit(seed, 200 + glance) - 0.5) * 2;

        double phase = Seeds.unit(seed, 2) * 100;
        double yaw = head.yawDegrees() + 1.5 * Math.sin(0.31 * t + phase) + 0.6 * Math.sin(0.87 * t + phase);
        double pitch = head.pitchDegrees() + 1.0 * Math.sin(0.23 * t + phase * 0.7);
        double roll = 1.2 * Math.sin(0.17 * t + phase * 1.3);
        boolean speaking = in.speech().map(s -> t >= s.startSeconds() && t <= s.endSeconds()).orElse(false);
        if (in.listening()) {
            pitch -= nod(seed, t);
        }
        if (speaking) {
            pitch += 1.5 * Math.sin(2 * Math.PI * 0.9 * t + phase);
            yaw += 1.0 * Math.sin(2 * Math.PI * 0.37 * t);
        }

        double ease = smoothstep((t - in.affectSinceSeconds()) / AFFECT_EASE_SECONDS);
        Expression expression = Expression.of(in.previousAffect()).blend(Expression.of(in.affect()), ease);

        MouthShape mouth = in.speech()
                .map(s -> LipSync.mouth(s.cues(), s.durationMillis(), (t - s.startSeconds()) * 1000))
                .orElse(MouthShape.REST);
        return new AvatarState(breath, blink, clamp(yaw, 90), clamp(pitch, 90), clamp(roll, 45),
                clamp(eyes.yawDegrees() + glanceYaw, 45), clamp(eyes.pitchDegrees() + glancePitch, 45), expression,
                mouth);
    }

    /** How far down a listening nod has the head at {@code t}, degrees (0 between nods). */
    public static double nod(long seed, double t) {
        long slot = (long) Math.floor(t / NOD_SLOT_SECONDS);
        double best = 0;
        for (long s = slot - 1; s <= slot; s++) {
            double start = s * NOD_SLOT_SECONDS + Seeds.unit(seed, 300 + s) * (NOD_SLOT_SECONDS - NOD_SECONDS);
            double d = t - start;
            if (d >= 0 && d < NOD_SECONDS) {
                best = Math.max(best, NOD_DEGREES * Math.abs(Math.sin(2 * Math.PI * d / NOD_SECONDS))
                        * (1 - d / NOD_SECONDS));
            }
        }
        return best;
    }

    private static double smoothstep(double x) {
        double k = Math.max(0, Math.min(1, x));
        return k * k * (3 - 2 * k);
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
