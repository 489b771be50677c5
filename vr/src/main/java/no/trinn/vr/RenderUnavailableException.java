package no.trinn.vr;

/**
 * Rendering cannot start on this machine: no EGL library, no display, or no OpenGL 3.3 core context. The message is
 * one line naming the call that failed, so that a caller can show it and fall back to text mode, or a test can skip.
 */
public class RenderUnavailableException extends VrException {
    public RenderUnavailableException(String message) {
        super(message);
    }

    public RenderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
