package no.trinn.vr.render;

import no.trinn.core.Require;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.math.Vec3;

/**
 * How one eye sees the world: the view matrix (world to eye), the projection (eye to clip space) and where the eye
 * is in the world (for lighting). A desktop frame has one, derived from the frame's {@link no.trinn.vr.scene.CameraPose};
 * a headset frame has one per eye from the runtime's views.
 *
 * @param view world to eye
 * @param projection eye to clip space
 * @param eye the eye's position in the world, metres
 */
public record EyeView(Mat4 view, Mat4 projection, Vec3 eye) {
    /** Near clipping plane of every projection, metres. */
    public static final double NEAR = 0.05;
    /** Far clipping plane of every projection, metres. */
    public static final double FAR = 80;

    public EyeView {
        Require.nonNull(view, "view");
        Require.nonNull(projection, "projection");
        Require.nonNull(eye, "eye");
    }

    /** The view of {@code camera} on a target of {@code width} x {@code height} pixels. */
    public static EyeView of(no.trinn.vr.scene.CameraPose camera, int width, int height) {
        Require.nonNull(camera, "camera");
        return new EyeView(Mat4.lookAt(camera.eye(), camera.target(), new Vec3(0, 1, 0)),
                Mat4.perspective(camera.fovDegrees(), (double) width / height, NEAR, FAR), camera.eye());
    }
}
