package no.trinn.vr.output;

import java.util.Optional;

/**
 * Where frames go: an OpenXR headset, a desktop window, or offscreen images. The caller drives it from one thread:
 * {@link #show(FrameSource)} once per frame until it returns {@code false}, then {@link #close()}. Every output
 * shares one {@link no.trinn.vr.render.FrameRenderer}; an output owns its renderer and native objects and closes
 * them in reverse order of creation.
 */
public interface Output extends AutoCloseable {
    /** Which output this is. */
    OutputKind kind();

    /** One line naming the output, its size and driver, e.g. {@code window 1280x720 on llvmpipe ...}. */
    String describe();

    /**
     * Renders and presents one frame: asks {@code source} once for the frame (passing the tracked head position when
     * there is one, so the character's gaze follows it), draws it (once per eye in a headset) and presents it. Paces
     * the caller: a window with vsync waits for the display, a headset for the runtime's frame timing.
     *
     * @return {@code false} once the output has ended (window closed or Esc, headset session exiting); the caller
     *         then stops and closes it
     * @throws no.trinn.vr.VrException naming the native call that failed
     */
    boolean show(FrameSource source);

    /** The last tracked head pose in the scene's world; empty for outputs without tracking or before the first. */
    default Optional<HeadPose> head() {
        return Optional.empty();
    }

    @Override
    void close();
}
