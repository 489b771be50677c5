package no.trinn.vr.render;

import static org.lwjgl.opengl.GL33C.*;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.IntBuffer;
import no.trinn.core.Require;
import no.trinn.vr.VrException;
import org.lwjgl.system.MemoryUtil;

/**
 * A framebuffer object of any size with colour and depth, optionally multisampled (resolved into a second one), whose
 * pixels read back into a {@link BufferedImage}. Made by {@link FrameRenderer#offscreenTarget(int, int, int)}; use it
 * on the thread that renders.
 */
public final class OffscreenTarget implements RenderTarget {
    /** The largest width or height accepted. */
    public static final int MAX_SIZE = 8192;

    private final int width;
    private final int height;
    private final int samples;
    private final int drawFbo;
    private final int colour;
    private final int depth;
    private final int resolveFbo;
    private final int resolveColour;
    private final IntBuffer pixels;
    private boolean closed;

    OffscreenTarget(int width, int height, int samples) {
        Require.inRange(width, 1, MAX_SIZE, "width");
        Require.inRange(height, 1, MAX_SIZE, "height");
        Require.inRange(samples, 0, 16, "samples");
        this.width = width;
        this.height = height;
        this.samples = samples;
        drawFbo = Gl.created(glGenFramebuffers(), "glGenFramebuffers");
        colour = Gl.created(glGenRenderbuffers(), "glGenRenderbuffers (colour)");
        depth = Gl.created(glGenRenderbuffers(), "glGenRenderbuffers (depth)");
        glBindRenderbuffer(GL_RENDERBUFFER, colour);
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
        glBindRenderbuffer(GL_RENDERBUFFER, depth);
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH_COMPONENT24, width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, drawFbo);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth);
        complete("the " + width + "x" + height + " framebuffer with " + samples + " samples");
        if (samples > 0) {
            resolveFbo = Gl.created(glGenFramebuffers(), "glGenFramebuffers (resolve)");
            resolveColour = Gl.created(glGenRenderbuffers(), "glGenRenderbuffers (resolve)");
            glBindRenderbuffer(GL_RENDERBUFFER, resolveColour);
            glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
            glBindFramebuffer(GL_FRAMEBUFFER, resolveFbo);
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolveColour);
            complete("the " + width + "x" + height + " resolve framebuffer");
        } else {
            resolveFbo = 0;
            resolveColour = 0;
        }
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        Gl.check("creating the " + width + "x" + height + " offscreen target");
        pixels = MemoryUtil.memAllocInt(width * height);
    }

    private static void complete(String what) {
        int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            throw new VrException("framebuffer incomplete (0x" + Integer.toHexString(status) + ") for " + what);
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Multisamples per pixel; 0 for none. */
    public int samples() {
        return samples;
    }

    @Override
    public void begin() {
        open();
        glBindFramebuffer(GL_FRAMEBUFFER, drawFbo);
        glViewport(0, 0, width, height);
    }

    @Override
    public void end() {
        open();
        if (samples > 0) {
            glBindFramebuffer(GL_READ_FRAMEBUFFER, drawFbo);
            glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo);
            glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        }
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        Gl.check("finishing a frame");
    }

    /** The last finished frame as an RGB image, top row first. */
    public BufferedImage read() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        read(((DataBufferInt) image.getRaster().getDataBuffer()).getData());
        return image;
    }

    /** Copies the last finished frame into {@code argb} (0xAARRGGBB, top row first, width x height). */
    public void read(int[] argb) {
        open();
        if (argb.length < width * height) {
            throw new IllegalArgumentException("argb must hold " + width * height + " pixels, holds " + argb.length);
        }
        glBindFramebuffer(GL_READ_FRAMEBUFFER, samples > 0 ? resolveFbo : drawFbo);
        glPixelStorei(GL_PACK_ALIGNMENT, 4);
        pixels.clear();
        glReadPixels(0, 0, width, height, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, pixels);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
        Gl.check("glReadPixels of the " + width + "x" + height + " target");
        for (int row = 0; row < height; row++) {
            pixels.position((height - 1 - row) * width);
            pixels.get(argb, row * width, width);
        }
        pixels.clear();
    }

    private void open() {
        if (closed) {
            throw new VrException("the " + width + "x" + height + " offscreen target is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        MemoryUtil.memFree(pixels);
        if (resolveFbo != 0) {
            glDeleteFramebuffers(resolveFbo);
            glDeleteRenderbuffers(resolveColour);
        }
        glDeleteRenderbuffers(depth);
        glDeleteRenderbuffers(colour);
        glDeleteFramebuffers(drawFbo);
    }
}
