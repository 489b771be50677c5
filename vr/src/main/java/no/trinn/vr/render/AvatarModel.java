package no.trinn.vr.render;

import java.util.ArrayList;
import java.util.List;
import no.trinn.core.Require;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.avatar.AvatarState;
import no.trinn.vr.avatar.Expression;
import no.trinn.vr.avatar.MouthShape;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.scene.Rgb;

/**
 * Builds the generated humanoid from boxes, cylinders and ellipsoids: legs, torso, arms, neck and a head with ears,
 * nose, eyes (sclera, iris, pupil, upper lids), brows, hair and a mouth (dark inner mouth, teeth, two-part lips whose
 * outer ends follow the smile). Pure: the same avatar, state and position always give the same parts.
 * Dimensions are metres for a figure of height 1; the figure faces +z with its feet at the given position.
 */
public final class AvatarModel {
    /** The neck's top, where the head turns, above the feet. */
    static final double HEAD_PIVOT_Y = 1.50;
    /** The head's centre above the pivot. */
    static final double HEAD_ABOVE_PIVOT = 0.11;
    private static final double A = 0.092;
    private static final double B = 0.118;
    private static final double C = 0.102;
    private static final double EYE_X = 0.033;
    private static final double EYE_Y = 0.012;
    private static final double EYE_R = 0.0145;
    private static final double MOUTH_Y = -0.055;
    private static final Rgb WHITE_OF_EYE = Rgb.hex("#f4f1ec");
    private static final Rgb PUPIL = Rgb.hex("#0d0d0f");
    private static final Rgb MOUTH_INSIDE = Rgb.hex("#2a0c10");
    private static final Rgb TEETH = Rgb.hex("#efece2");
    private static final Rgb LIP_TINT = Rgb.hex("#a8454f");

    private AvatarModel() {
    }

    /** The centre of the head in the world, head upright. */
    public static Vec3 headCentre(Avatar avatar, Vec3 feet) {
        return feet.plus(new Vec3(0, (HEAD_PIVOT_Y + HEAD_ABOVE_PIVOT) * avatar.height(), 0));
    }

    /** The centre of the mouth in the world for {@code state}. */
    public static Vec3 mouthCentre(Avatar avatar, AvatarState state, Vec3 feet) {
        return head(avatar, state, feet).transformPoint(new Vec3(0, MOUTH_Y, surface(0, MOUTH_Y)));
    }

    /** The parts of {@code avatar} in {@code state}, standing at {@code feet}. */
    public static List<Part> parts(Avatar avatar, AvatarState state, Vec3 feet) {
        Require.nonNull(avatar, "avatar");
        Require.nonNull(state, "state");
        Require.nonNull(feet, "feet");
        List<Part> out = new ArrayList<>(64);
        Mat4 root = Mat4.translation(feet).times(Mat4.scale(avatar.height(), avatar.height(), avatar.height()));
        double build = avatar.build();
        Rgb skin = avatar.skin();
        Rgb top = avatar.top();

        // legs, hips, torso
        for (int s = -1; s <= 1; s += 2) {
            out.add(part("leg", Part.MeshKind.CYLINDER, root, Mat4.translation(s * 0.085, 0.45, 0)
                    .times(Mat4.scale(0.12, 0.86, 0.13)), avatar.trousers(), 0.05));
            out.add(part("shoe", Part.MeshKind.BOX, root, Mat4.translation(s * 0.085, 0.04, 0.035)
                    .times(Mat4.scale(0.1, 0.08, 0.25)), avatar.shoes(), 0.3));
        }
        out.add(part("hips", Part.MeshKind.CYLINDER, root, Mat4.translation(0, 0.9, 0)
                .times(Mat4.scale(0.34 * build, 0.14, 0.2 * build)), avatar.trousers(), 0.05));
        double chest = 1 + 0.03 * (state.breath() - 0.5);
        out.add(part("torso", Part.MeshKind.CYLINDER, root, Mat4.translation(0, 1.14, 0)
                .times(Mat4.scale(0.36 * build * chest, 0.58, 0.21 * build * chest)), top, 0.08));
        out.add(part("chest", Part.MeshKind.SPHERE, root, Mat4.translation(0, 1.33, 0.0)
                .times(Mat4.scale(0.18 * build * chest, 0.1, 0.105 * build * chest)), top, 0.08));
        // arms hang slightly out, forearms bend forward
        for (int s = -1; s <= 1; s += 2) {
            Mat4 shoulder = Mat4.translation(s * (0.17 * build + 0.02), 1.37 + 0.004 * state.breath(), 0);
            out.add(part("shoulder", Part.MeshKind.SPHERE, root, shoulder.times(Mat4.scale(0.06, 0.055, 0.065)),
                    top, 0.08));
            Mat4 upper = shoulder.times(Mat4.rotationZ(s * 0.12));
            out.add(part("upper-arm", Part.MeshKind.CYLINDER, root, upper.times(Mat4.translation(0, -0.15, 0))
                    .times(Mat4.scale(0.085, 0.3, 0.085)), top, 0.08));
            Mat4 elbow = upper.times(Mat4.translation(0, -0.3, 0)).times(Mat4.rotationX(-0.25));
            out.add(part("forearm", Part.MeshKind.CYLINDER, root, elbow.times(Mat4.translation(0, -0.13, 0))
                    .times(Mat4.scale(0.07, 0.26, 0.07)), top, 0.08));
            out.add(part("hand", Part.MeshKind.SPHERE, root, elbow.times(Mat4.translation(0, -0.3, 0))
                    .times(Mat4.scale(0.045, 0.055, 0.03)), skin, 0.15));
        }
        out.add(part("neck", Part.MeshKind.CYLINDER, root, Mat4.translation(0, 1.46, -0.005)
                .times(Mat4.scale(0.085, 0.14, 0.085)), skin.scaled(0.93), 0.15));

        Mat4 head = headLocal(state);
        out.add(part("head", Part.MeshKind.SPHERE, root, head.times(Mat4.scale(A, B, C)), skin, 0.2));
        for (int s = -1; s <= 1; s += 2) {
            out.add(part("ear", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(s * A * 0.97, 0.005, -0.01))
                    .times(Mat4.scale(0.011, 0.024, 0.016)), skin.scaled(0.93), 0.15));
        }
        out.add(part("nose", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(0, -0.018,
                surface(0, -0.018) + 0.003)).times(Mat4.scale(0.0085, 0.016, 0.0105)), skin.scaled(0.96), 0.25));
        eyes(out, root, head, avatar, state);
        brows(out, root, head, avatar, state.expression());
        mouth(out, root, head, avatar, state.expression(), state.mouth());
        hair(out, root, head, avatar);
        return out;
    }

    private static void eyes(List<Part> out, Mat4 root, Mat4 head, Avatar avatar, AvatarState state) {
        double lid = 0.18 + 0.82 * state.blink();
        for (int s = -1; s <= 1; s += 2) {
            double x = s * EYE_X;
            Mat4 eye = head.times(Mat4.translation(x, EYE_Y, surface(x, EYE_Y) - 0.0055));
            out.add(part("eye-white", Part.MeshKind.SPHERE, root, eye.times(Mat4.scale(EYE_R, EYE_R, EYE_R)),
                    WHITE_OF_EYE, 0.6));
            Mat4 look = eye.times(Mat4.rotationY(Math.toRadians(state.eyeYaw())))
                    .times(Mat4.rotationX(Math.toRadians(-state.eyePitch())));
            out.add(part("iris", Part.MeshKind.SPHERE, root, look.times(Mat4.translation(0, 0, EYE_R * 0.9))
                    .times(Mat4.scale(0.0078, 0.0078, 0.0035)), avatar.iris(), 0.7));
            out.add(part("pupil", Part.MeshKind.SPHERE, root, look.times(Mat4.translation(0, 0, EYE_R * 0.9 + 0.0022))
                    .times(Mat4.scale(0.0037, 0.0037, 0.0022)), PUPIL, 0.9));
            out.add(part("eyelid", Part.MeshKind.SPHERE, root, eye.times(Mat4.translation(0, EYE_R * (1 - lid),
                    0.0008)).times(Mat4.scale(EYE_R * 1.15, EYE_R * Math.max(lid, 0.05), EYE_R * 1.22)),
                    avatar.skin().scaled(0.97), 0.2));
        }
    }

    private static void brows(List<Part> out, Mat4 root, Mat4 head, Avatar avatar, Expression e) {
        double y = 0.037 + 0.008 * e.browRaise();
        for (int s = -1; s <= 1; s += 2) {
            double x = s * 0.035;
            out.add(part("brow", Part.MeshKind.BOX, root, head.times(Mat4.translation(x, y, surface(x, y) + 0.002))
                    .times(Mat4.rotationY(s * 0.35)).times(Mat4.rotationZ(-s * e.browTilt() * 0.3))
                    .times(Mat4.scale(0.032, 0.0065, 0.008)), avatar.hair().scaled(0.8), 0.05));
        }
    }

    private static void mouth(List<Part> out, Mat4 root, Mat4 head, Avatar avatar, Expression e, MouthShape m) {
        double z = surface(0, MOUTH_Y);
        double smile = e.smile();
        double half = 0.024 * (0.75 + 0.5 * m.width()) * (1 - 0.35 * m.round()) * (1 + 0.12 * Math.max(0, smile));
        double gap = 0.0012 + m.open() * 0.014;
        double push = 0.004 * m.round();
        Rgb lips = avatar.skin().mix(LIP_TINT, 0.4).scaled(0.9);
        out.add(part("mouth-inner", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(0, MOUTH_Y,
                z - 0.003 + push)).times(Mat4.scale(half * 0.92, gap, 0.0065)), MOUTH_INSIDE, 0));
        if (m.open() > 0.08) {
            out.add(part("teeth", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(0, MOUTH_Y + gap - 0.002,
                    z - 0.001 + push)).times(Mat4.scale(half * 0.7, Math.min(0.004, gap * 0.35), 0.0045)), TEETH,
                    0.5));
        }
        double corner = smile * 0.35;
        for (int s = -1; s <= 1; s += 2) {
            out.add(part("upper-lip", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(s * half * 0.5,
                    MOUTH_Y + gap + 0.0024, z + 0.001 + push)).times(Mat4.rotationZ(s * corner))
                    .times(Mat4.scale(half * 0.56, 0.0036 * (1 + 0.3 * m.round()), 0.0055 + push)), lips, 0.35));
            out.add(part("lower-lip", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(s * half * 0.5,
                    MOUTH_Y - gap - 0.003, z + 0.0015 + push)).times(Mat4.rotationZ(s * corner))
                    .times(Mat4.scale(half * 0.54, 0.0045 * (1 + 0.3 * m.round()), 0.006 + push)), lips, 0.35));
        }
    }

    private static void hair(List<Part> out, Mat4 root, Mat4 head, Avatar avatar) {
        Rgb hair = avatar.hair();
        switch (avatar.hairStyle()) {
            case CROPPED -> out.add(part("hair", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(0, 0.034,
                    -0.02)).times(Mat4.scale(A * 1.03, B * 0.92, C * 1.02)), hair, 0.15));
            case SHORT, BUN, LONG -> {
                out.add(part("hair", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(0, 0.028, -0.016))
                        .times(Mat4.scale(A * 1.07, B * 0.96, C * 1.06)), hair, 0.15));
                if (avatar.hairStyle() == Avatar.HairStyle.BUN) {
                    out.add(part("hair-bun", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(0, 0.09, -0.085))
                            .times(Mat4.scale(0.038, 0.038, 0.038)), hair, 0.15));
                }
                if (avatar.hairStyle() == Avatar.HairStyle.LONG) {
                    out.add(part("hair-back", Part.MeshKind.BOX, root, head.times(Mat4.translation(0, -0.07, -0.06))
                            .times(Mat4.scale(A * 1.9, 0.2, 0.05)), hair, 0.15));
                    for (int s = -1; s <= 1; s += 2) {
                        out.add(part("hair-side", Part.MeshKind.SPHERE, root, head.times(Mat4.translation(s * A * 0.92,
                                -0.03, -0.025)).times(Mat4.scale(0.022, 0.08, 0.045)), hair, 0.15));
                    }
                }
            }
        }
    }

    /** The head's frame: origin at the head's centre, turned by the state's yaw, pitch and roll about the neck. */
    private static Mat4 headLocal(AvatarState s) {
        return Mat4.translation(0, HEAD_PIVOT_Y, 0)
                .times(Mat4.rotationY(Math.toRadians(s.headYaw())))
                .times(Mat4.rotationX(Math.toRadians(-s.headPitch())))
                .times(Mat4.rotationZ(Math.toRadians(s.headRoll())))
                .times(Mat4.translation(0, HEAD_ABOVE_PIVOT, 0));
    }

    private static Mat4 head(Avatar avatar, AvatarState state, Vec3 feet) {
        return Mat4.translation(feet).times(Mat4.scale(avatar.height(), avatar.height(), avatar.height()))
                .times(headLocal(state));
    }

    /** The front of the head's ellipsoid at (x, y) in the head frame. */
    private static double surface(double x, double y) {
        return C * Math.sqrt(Math.max(0, 1 - x * x / (A * A) - y * y / (B * B)));
    }

    private static Part part(String name, Part.MeshKind mesh, Mat4 root, Mat4 local, Rgb colour, double shine) {
        return new Part(name, mesh, root.times(local), colour, shine);
    }
}
