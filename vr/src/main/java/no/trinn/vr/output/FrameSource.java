package no.trinn.vr.output;

import java.util.Optional;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.render.Frame;

/**
 * What an {@link Output} asks for once per frame: the frame to show now. A session's
 * {@link no.trinn.vr.timeline.SessionTimeline#frame(double, boolean, Optional)} is one:
 * {@code head -> timeline.frame(clock.seconds(), captions, head)}.
 */
@FunctionalInterface
public interface FrameSource {
    /**
     * The frame to show.
     *
     * @param head the client's tracked head in the scene's world (a headset), or empty (window, offscreen: the
     *        scene's camera is the client's eye)
     */
    Frame frame(Optional<Vec3> head);
}
