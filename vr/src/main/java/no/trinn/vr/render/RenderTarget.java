package no.trinn.vr.render;

/**
 * Where a frame is drawn: an offscreen framebuffer now; a desktop window or an OpenXR swapchain image later. The
 * renderer calls {@link #begin()}, draws, then {@link #end()}. Each target belongs to the renderer that made it.
 */
public interface RenderTarget extends AutoCloseable {
    /** Width in pixels. */
    int width();

    /** Height in pixels. */
    int height();

    /** Binds the target for drawing and sets the viewport to its size. */
    void begin();

    /** Finishes the frame (resolves multisampling, presents, or releases a swapchain image). */
    void end();

    @Override
    void close();
}
