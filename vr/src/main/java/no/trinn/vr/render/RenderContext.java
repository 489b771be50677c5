package no.trinn.vr.render;

import java.util.Optional;

/**
 * An OpenGL 3.3 core context a {@link FrameRenderer} draws with: the offscreen EGL context, or a desktop window's
 * context. The renderer owns it and closes it last. Not thread-safe: one thread at a time, and {@link #makeCurrent()}
 * binds it to the calling thread.
 */
public interface RenderContext extends AutoCloseable {
    /** Binds the context (and its LWJGL capabilities) to the calling thread. */
    void makeCurrent();

    /** The OpenGL renderer and version, and how the context was made. */
    String describe();

    /** The EGL handles when this is an EGL context (what an OpenXR session binds to); empty otherwise. */
    default Optional<EglHandles> egl() {
        return Optional.empty();
    }

    @Override
    void close();

    /**
     * The native handles of an EGL context.
     *
     * @param display the EGLDisplay
     * @param config the EGLConfig the context was made with
     * @param context the EGLContext
     */
    record EglHandles(long display, long config, long context) {
    }
}
