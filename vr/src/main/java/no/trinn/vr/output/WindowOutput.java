package no.trinn.vr.output;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.system.MemoryUtil.NULL;

import java.nio.IntBuffer;
import java.util.Locale;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.RenderUnavailableException;
import no.trinn.vr.VrException;
import no.trinn.vr.render.FrameRenderer;
import no.trinn.vr.render.RenderContext;
import no.trinn.vr.render.RenderTarget;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11C;
import org.lwjgl.opengl.GL33C;
import org.lwjgl.opengl.GLCapabilities;
import org.lwjgl.system.MemoryStack;

/**
 * A resizable desktop window through GLFW with an OpenGL 3.3 core context, drawn by the shared {@link FrameRenderer}.
 * Each {@link #show(FrameSource)} polls events, draws at the window's current framebuffer size (nothing while it is
 * minimised) and swaps buffers, waiting for the display when vsync is on. The close button or Esc ends it. GLFW
 * wants one thread for all its calls: open, show and close the window on the same thread (on macOS, the main one).
 */
public final class WindowOutput implements Output {
    private final FrameRenderer renderer;
    private final WindowContext context;
    private final boolean vsync;
    private boolean ended;
    private boolean closed;

    private WindowOutput(WindowContext context, boolean vsync) {
        this.context = context;
        this.vsync = vsync;
        this.renderer = FrameRenderer.on(context, 0);
    }

    /**
     * Opens a window of {@code width} x {@code height} titled {@code title}.
     *
     * @param vsync whether buffer swaps wait for the display's refresh
     * @throws RenderUnavailableException one line when there is no display or GLFW or OpenGL 3.3 cannot start
     */
    public static WindowOutput open(String title, int width, int height, boolean vsync) {
        Require.nonBlank(title, "title");
        Require.inRange(width, 1, 16384, "width");
        Require.inRange(height, 1, 16384, "height");
        WindowContext context = WindowContext.create(title, width, height, vsync);
        try {
            return new WindowOutput(context, vsync);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * Why no window can be opened now ({@code no display ($DISPLAY unset)}, {@code no display (glfwInit failed:
     * ...)}), or empty when GLFW starts on a display. {@code variables} reads the environment.
     */
    public static Optional<String> unavailableReason(java.util.function.Function<String, Optional<String>> variables) {
        boolean x11 = variables.apply("DISPLAY").filter(s -> !s.isBlank()).isPresent();
        boolean wayland = variables.apply("WAYLAND_DISPLAY").filter(s -> !s.isBlank()).isPresent();
        if (!x11 && !wayland) {
            return Optional.of("no display ($DISPLAY unset)");
        }
        try {
            String error = WindowContext.init();
            glfwTerminate();
            WindowContext.dropErrorCallback();
            return error.isEmpty() ? Optional.empty() : Optional.of("no display (" + error + ")");
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("no display (GLFW could not load: " + e.getMessage() + ")");
        }
    }

    @Override
    public OutputKind kind() {
        return OutputKind.WINDOW;
    }

    @Override
    public String describe() {
        int[] size = context.framebufferSize();
        return String.format(Locale.ROOT, "window %dx%d%s on %s", size[0], size[1], vsync ? " vsync" : "",
                renderer.driver());
    }

    /** Whether the window has been closed (close button, Esc, or {@link #requestClose()}). */
    public boolean closing() {
        return ended || glfwWindowShouldClose(context.window);
    }

    /** Asks the window to close at the next {@link #show(FrameSource)}. */
    public void requestClose() {
        glfwSetWindowShouldClose(context.window, true);
    }

    /** Asks for a window of {@code width} x {@code height} screen units; the framebuffer follows when it is applied. */
    public void resize(int width, int height) {
        Require.inRange(width, 1, 16384, "width");
        Require.inRange(height, 1, 16384, "height");
        glfwSetWindowSize(context.window, width, height);
    }

    /** The current framebuffer size in pixels, {width, height}. */
    public int[] size() {
        return context.framebufferSize();
    }

    @Override
    public boolean show(FrameSource source) {
        Require.nonNull(source, "source");
        if (closed) {
            throw new VrException("the window is closed");
        }
        glfwPollEvents();
        if (closing()) {
            ended = true;
            return false;
        }
        if (draw(source)) {
            glfwSwapBuffers(context.window);
        } else {
            glfwWaitEventsTimeout(0.05);
        }
        return true;
    }

    /** Draws a frame into the back buffer without presenting it; false while minimised (nothing drawn). */
    boolean draw(FrameSource source) {
        int[] size = context.framebufferSize();
        if (size[0] <= 0 || size[1] <= 0) {
            return false;
        }
        renderer.render(source.frame(Optional.empty()), new DefaultFramebuffer(size[0], size[1]));
        return true;
    }

    /** Reads back the back buffer after {@link #draw(FrameSource)}, ARGB top row first (for tests). */
    int[] readPixels() {
        int[] size = context.framebufferSize();
        int[] rgba = new int[size[0] * size[1]];
        context.makeCurrent();
        GL33C.glReadBuffer(GL33C.GL_BACK);
        GL11C.glReadPixels(0, 0, size[0], size[1], GL33C.GL_BGRA, GL33C.GL_UNSIGNED_INT_8_8_8_8_REV, rgba);
        int[] flipped = new int[rgba.length];
        for (int y = 0; y < size[1]; y++) {
            System.arraycopy(rgba, (size[1] - 1 - y) * size[0], flipped, y * size[0], size[0]);
        }
        return flipped;
    }

    /** Closes the renderer, then destroys the window and terminates GLFW. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renderer.close();
    }

    /** The window's default framebuffer at its current size. */
    private record DefaultFramebuffer(int width, int height) implements RenderTarget {
        @Override
        public void begin() {
            GL33C.glBindFramebuffer(GL33C.GL_FRAMEBUFFER, 0);
            GL11C.glViewport(0, 0, width, height);
        }

        @Override
        public void end() {
            // glfwSwapBuffers presents it
        }

        @Override
        public void close() {
            // owned by the window
        }
    }

    /** A GLFW window and its context; closing it destroys the window and terminates GLFW. */
    private static final class WindowContext implements RenderContext {
        private static final StringBuilder LAST_ERROR = new StringBuilder();
        private final long window;
        private final GLCapabilities caps;
        private boolean closed;

        private WindowContext(long window, GLCapabilities caps) {
            this.window = window;
            this.caps = caps;
        }

        /** Initialises GLFW; returns "" or the error. */
        static String init() {
            synchronized (LAST_ERROR) {
                LAST_ERROR.setLength(0);
            }
            GLFWErrorCallback previous = glfwSetErrorCallback((code, description) -> {
                synchronized (LAST_ERROR) {
                    LAST_ERROR.setLength(0);
                    LAST_ERROR.append(GLFWErrorCallback.getDescription(description)).append(" (GLFW error 0x")
                            .append(Integer.toHexString(code)).append(')');
                }
            });
            if (previous != null) {
                previous.free();
            }
            if (!glfwInit()) {
                String why = lastError();
                dropErrorCallback();
                return "glfwInit failed: " + (why.isEmpty() ? "no reason given" : why);
            }
            return "";
        }

        static void dropErrorCallback() {
            GLFWErrorCallback cb = glfwSetErrorCallback(null);
            if (cb != null) {
                cb.free();
            }
        }

        static String lastError() {
            synchronized (LAST_ERROR) {
                return LAST_ERROR.toString();
            }
        }

        static WindowContext create(String title, int width, int height, boolean vsync) {
            String error;
            try {
                error = init();
            } catch (LinkageError e) {
                throw new RenderUnavailableException("no window: GLFW could not load (" + e.getMessage() + ")", e);
            }
            if (!error.isEmpty()) {
                throw new RenderUnavailableException("no window: " + error);
            }
            glfwDefaultWindowHints();
            glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
            glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
            glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
            glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
            glfwWindowHint(GLFW_DEPTH_BITS, 24);
            long window = glfwCreateWindow(width, height, title, NULL, NULL);
            if (window == NULL) {
                String why = lastError();
                glfwTerminate();
                dropErrorCallback();
                throw new RenderUnavailableException("no window: glfwCreateWindow(OpenGL 3.3 core) failed: "
                        + (why.isEmpty() ? "no reason given" : why));
            }
            try {
                glfwMakeContextCurrent(window);
                GLCapabilities caps = GL.createCapabilities();
                if (!caps.OpenGL33) {
                    throw new RenderUnavailableException("no window: OpenGL 3.3 core is not supported ("
                            + GL11C.glGetString(GL11C.GL_VERSION) + ")");
                }
                glfwSwapInterval(vsync ? 1 : 0);
                glfwSetKeyCallback(window, (w, key, scancode, action, mods) -> {
                    if (key == GLFW_KEY_ESCAPE && action == GLFW_PRESS) {
                        glfwSetWindowShouldClose(w, true);
                    }
                });
                return new WindowContext(window, caps);
            } catch (RuntimeException e) {
                GL.setCapabilities(null);
                glfwDestroyWindow(window);
                glfwTerminate();
                dropErrorCallback();
                throw e;
            }
        }

        int[] framebufferSize() {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                IntBuffer w = stack.mallocInt(1);
                IntBuffer h = stack.mallocInt(1);
                glfwGetFramebufferSize(window, w, h);
                return new int[] {w.get(0), h.get(0)};
            }
        }

        @Override
        public void makeCurrent() {
            if (closed) {
                throw new VrException("the window's OpenGL context is closed");
            }
            glfwMakeContextCurrent(window);
            GL.setCapabilities(caps);
        }

        @Override
        public String describe() {
            makeCurrent();
            return GL11C.glGetString(GL11C.GL_RENDERER) + " | " + GL11C.glGetString(GL11C.GL_VERSION) + " | GLFW "
                    + glfwGetVersionString().split(" ")[0] + " " + platformName();
        }

        private static String platformName() {
            return switch (glfwGetPlatform()) {
                case GLFW_PLATFORM_X11 -> "X11";
                case GLFW_PLATFORM_WAYLAND -> "Wayland";
                case GLFW_PLATFORM_WIN32 -> "Win32";
                case GLFW_PLATFORM_COCOA -> "Cocoa";
                case GLFW_PLATFORM_NULL -> "null";
                default -> "?";
            };
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            GL.setCapabilities(null);
            glfwMakeContextCurrent(NULL);
            org.lwjgl.glfw.Callbacks.glfwFreeCallbacks(window);
            glfwDestroyWindow(window);
            glfwTerminate();
            dropErrorCallback();
        }
    }
}
