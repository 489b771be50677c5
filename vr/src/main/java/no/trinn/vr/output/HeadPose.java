package no.trinn.vr.output;

import no.trinn.core.Require;
import no.trinn.vr.math.Vec3;

/**
 * Where the client's head is and where it faces, in the scene's world (metres; y up), as tracked by a headset.
 *
 * @param position the point between the eyes
 * @param forward unit vector the face points along
 * @param displayTimeNanos the runtime's predicted display time the pose was located for
 */
public record HeadPose(Vec3 position, Vec3 forward, long displayTimeNanos) {
    public HeadPose {
        Require.nonNull(position, "position");
        Require.nonNull(forward, "forward");
    }
}
