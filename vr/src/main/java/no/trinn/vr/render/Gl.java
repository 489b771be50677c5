package no.trinn.vr.render;

import static org.lwjgl.opengl.GL33C.GL_INVALID_ENUM;
import static org.lwjgl.opengl.GL33C.GL_INVALID_FRAMEBUFFER_OPERATION;
import static org.lwjgl.opengl.GL33C.GL_INVALID_OPERATION;
import static org.lwjgl.opengl.GL33C.GL_INVALID_VALUE;
import static org.lwjgl.opengl.GL33C.GL_NO_ERROR;
import static org.lwjgl.opengl.GL33C.GL_OUT_OF_MEMORY;
import static org.lwjgl.opengl.GL33C.glGetError;

import no.trinn.vr.VrException;

/** OpenGL error checks: every failure names the operation. */
final class Gl {
    private Gl() {
    }

    /** Throws naming {@code what} if OpenGL has recorded an error; clears every recorded error. */
    static void check(String what) {
        int first = glGetError();
        if (first == GL_NO_ERROR) {
            return;
        }
        while (glGetError() != GL_NO_ERROR) {
            // drain the remaining flags so the next check starts clean
        }
        throw new VrException("OpenGL error " + name(first) + " after " + what);
    }

    /** Throws naming {@code what} if {@code handle} is 0 (a failed glGen or glCreate call). */
    static int created(int handle, String what) {
        if (handle == 0) {
            check(what);
            throw new VrException("OpenGL returned no object for " + what);
        }
        return handle;
    }

    static String name(int error) {
        return switch (error) {
            case GL_INVALID_ENUM -> "GL_INVALID_ENUM";
            case GL_INVALID_VALUE -> "GL_INVALID_VALUE";
            case GL_INVALID_OPERATION -> "GL_INVALID_OPERATION";
            case GL_INVALID_FRAMEBUFFER_OPERATION -> "GL_INVALID_FRAMEBUFFER_OPERATION";
            case GL_OUT_OF_MEMORY -> "GL_OUT_OF_MEMORY";
            default -> "0x" + Integer.toHexString(error);
        };
    }
}
