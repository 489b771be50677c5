package no.trinn.vr.render;

import static org.lwjgl.opengl.GL33C.*;

import no.trinn.core.Require;
import no.trinn.vr.VrException;

/**
 * A framebuffer drawing into an existing 2D colour texture that someone else owns (an OpenXR swapchain image), with
 * its own depth renderbuffer. Closing it deletes the framebuffer and depth buffer, never the texture. Made by
 * {@link FrameRenderer#textureTarget(int, int, int)}; used on that renderer's context only.
 */
public final class TextureTarget implements RenderTarget {
    private final int texture;
    private final int width;
    private final int height;
    private final int fbo;
    private final int depth;
    private boolean closed;

    TextureTarget(int texture, int width, int height) {
        Require.inRange(texture, 1, Integer.MAX_VALUE, "texture");
        Require.inRange(width, 1, 16384, "width");
        Require.inRange(height, 1, 16384, "height");
        this.texture = texture;
        this.width = width;
        this.height = height;
        fbo = Gl.created(glGenFramebuffers(), "glGenFramebuffers (texture target)");
        int d = 0;
        try {
            d = Gl.created(glGenRenderbuffers(), "glGenRenderbuffers (texture target depth)");
            glBindRenderbuffer(GL_RENDERBUFFER, d);
            glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0);
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, d);
            int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            if (status != GL_FRAMEBUFFER_COMPLETE) {
                throw new VrException("framebuffer incomplete (0x" + Integer.toHexString(status) + ") for texture "
                        + texture + " (" + width + "x" + height + ")");
            }
            Gl.check("creating the framebuffer of texture " + texture);
        } catch (RuntimeException e) {
            if (d != 0) {
                glDeleteRenderbuffers(d);
            }
            glDeleteFramebuffers(fbo);
            throw e;
        }
        depth = d;
    }

    /** The texture drawn into. */
    public int texture() {
        return texture;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void begin() {
        if (closed) {
            throw new VrException("the target of texture " + texture + " is closed");
        }
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, width, height);
    }

    @Override
    public void end() {
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        Gl.check("finishing a frame in texture " + texture);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        glDeleteRenderbuffers(depth);
        glDeleteFramebuffers(fbo);
    }
}
