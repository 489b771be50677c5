package no.trinn.vr.output;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.VrException;
import no.trinn.vr.render.FrameRenderer;
import no.trinn.vr.render.OffscreenTarget;

/**
 * Frames rendered without any display into an offscreen target; the last one can be read back as an image. Never
 * ends by itself: the caller decides when to stop.
 */
public final class OffscreenOutput implements Output {
    private final FrameRenderer renderer;
    private final OffscreenTarget target;
    private boolean closed;

    private OffscreenOutput(FrameRenderer renderer, int width, int height) {
        this.renderer = renderer;
        try {
            this.target = renderer.offscreenTarget(width, height, 0);
        } catch (RuntimeException e) {
            renderer.close();
            throw e;
        }
    }

    /**
     * An offscreen output of {@code width} x {@code height}.
     *
     * @throws no.trinn.vr.RenderUnavailableException one line when EGL or OpenGL 3.3 core cannot start
     */
    public static OffscreenOutput open(int width, int height) {
        Require.inRange(width, 1, OffscreenTarget.MAX_SIZE, "width");
        Require.inRange(height, 1, OffscreenTarget.MAX_SIZE, "height");
        return new OffscreenOutput(FrameRenderer.offscreen(), width, height);
    }

    @Override
    public OutputKind kind() {
        return OutputKind.OFFSCREEN;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "offscreen %dx%d on %s", target.width(), target.height(),
                renderer.driver());
    }

    @Override
    public boolean show(FrameSource source) {
        Require.nonNull(source, "source");
        if (closed) {
            throw new VrException("the offscreen output is closed");
        }
        renderer.render(source.frame(Optional.empty()), target);
        return true;
    }

    /** The last frame shown, as an RGB image. */
    public BufferedImage lastImage() {
        return target.read();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            target.close();
        } finally {
            renderer.close();
        }
    }
}
