package no.trinn.vr.render;

import static org.lwjgl.egl.EGL10.EGL_NO_CONTEXT;
import static org.lwjgl.egl.EGL10.EGL_NO_DISPLAY;
import static org.lwjgl.egl.EGL10.EGL_NO_SURFACE;
import static org.lwjgl.egl.EGL10.EGL_NONE;
import static org.lwjgl.egl.EGL10.EGL_SUCCESS;
import static org.lwjgl.egl.EGL10.EGL_SURFACE_TYPE;
import static org.lwjgl.egl.EGL10.eglChooseConfig;
import static org.lwjgl.egl.EGL10.eglCreateContext;
import static org.lwjgl.egl.EGL10.eglDestroyContext;
import static org.lwjgl.egl.EGL10.eglGetDisplay;
import static org.lwjgl.egl.EGL10.eglGetError;
import static org.lwjgl.egl.EGL10.eglInitialize;
import static org.lwjgl.egl.EGL10.eglMakeCurrent;
import static org.lwjgl.egl.EGL10.eglTerminate;
import static org.lwjgl.egl.EGL12.EGL_RENDERABLE_TYPE;
import static org.lwjgl.egl.EGL12.eglBindAPI;
import static org.lwjgl.egl.EGL12.eglReleaseThread;
import static org.lwjgl.egl.EGL14.EGL_OPENGL_BIT;
import static org.lwjgl.egl.EGL14.EGL_OPENGL_API;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_MAJOR_VERSION;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_MINOR_VERSION;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_OPENGL_PROFILE_MASK;
import static org.lwjgl.egl.EGL10.EGL_PBUFFER_BIT;

import java.nio.IntBuffer;
import no.trinn.vr.RenderUnavailableException;
import no.trinn.vr.VrException;
import org.lwjgl.PointerBuffer;
import org.lwjgl.egl.EGL;
import org.lwjgl.egl.EGLCapabilities;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11C;
import org.lwjgl.opengl.GLCapabilities;
import org.lwjgl.system.JNI;
import org.lwjgl.system.MemoryStack;

/**
 * An OpenGL 3.3 core context without any window: EGL on Mesa's surfaceless platform (llvmpipe when there is no GPU),
 * or EGL's default display where that platform is missing. Draws only into framebuffer objects. The display is shared
 * by every context of the process and terminated when the last one closes. Not thread-safe: use one thread at a time;
 * {@link #makeCurrent()} binds it to the calling thread.
 */
final class EglContext implements RenderContext {
    private static final int EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;
    private static final Object LOCK = new Object();
    private static long sharedDisplay;
    private static int users;
    private static String platform = "";

    private final long display;
    private final long config;
    private final long context;
    private GLCapabilities gl;
    private boolean closed;

    private EglContext(long display, long config, long context) {
        this.display = display;
        this.config = config;
        this.context = context;
    }

    /**
     * Creates a context and makes it current on the calling thread.
     *
     * @throws RenderUnavailableException naming the EGL or GL call that failed
     */
    static EglContext open() {
        long display = acquireDisplay();
        long context = 0;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            if (!eglBindAPI(EGL_OPENGL_API)) {
                throw unavailable("eglBindAPI(EGL_OPENGL_API) failed: this EGL has no desktop OpenGL");
            }
            PointerBuffer configs = stack.mallocPointer(1);
            IntBuffer count = stack.mallocInt(1);
            boolean chose = eglChooseConfig(display, stack.ints(EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                    EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_NONE), configs, count) && count.get(0) > 0;
            if (!chose && !(eglChooseConfig(display, stack.ints(EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                    EGL_SURFACE_TYPE, 0, EGL_NONE), configs, count) && count.get(0) > 0)) {
                throw unavailable("eglChooseConfig found no OpenGL config on the " + platform + " display");
            }
            context = eglCreateContext(display, configs.get(0), EGL_NO_CONTEXT, stack.ints(
                    EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                    EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE));
            if (context == EGL_NO_CONTEXT) {
                throw unavailable("eglCreateContext(OpenGL 3.3 core) failed");
            }
            EglContext created = new EglContext(display, configs.get(0), context);
            if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
                throw unavailable("eglMakeCurrent without a surface failed (EGL_KHR_surfaceless_context missing?)");
            }
            GLCapabilities caps = GL.createCapabilities();
            if (!caps.OpenGL33) {
                String version = GL11C.glGetString(GL11C.GL_VERSION);
                eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
                throw new RenderUnavailableException("offscreen rendering unavailable: OpenGL 3.3 core is not "
                        + "supported (the driver reports " + version + ")");
            }
            created.gl = caps;
            return created;
        } catch (RuntimeException | LinkageError e) {
            if (context != 0) {
                eglDestroyContext(display, context);
            }
            releaseDisplay();
            if (e instanceof RenderUnavailableException r) {
                throw r;
            }
            throw new RenderUnavailableException("offscreen rendering unavailable: creating the OpenGL context "
                    + "failed: " + e, e);
        }
    }

    /** What the driver calls itself, e.g. {@code llvmpipe (LLVM 15.0.6, 256 bits) | 4.5 (Core Profile) Mesa}. */
    @Override
    public String describe() {
        makeCurrent();
        return GL11C.glGetString(GL11C.GL_RENDERER) + " | " + GL11C.glGetString(GL11C.GL_VERSION) + " | EGL "
                + platform;
    }

    /** Binds this context to the calling thread. */
    @Override
    public void makeCurrent() {
        if (closed) {
            throw new VrException("the offscreen OpenGL context is closed");
        }
        if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
            throw new VrException("eglMakeCurrent failed: EGL error 0x" + Integer.toHexString(eglGetError()));
        }
        GL.setCapabilities(gl);
    }

    /** The native handles, for binding an OpenXR session to this context (XR_MNDX_egl_enable). */
    @Override
    public java.util.Optional<EglHandles> egl() {
        return java.util.Optional.of(new EglHandles(display, config, context));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        GL.setCapabilities(null);
        boolean destroyed = eglDestroyContext(display, context);
        int error = eglGetError();
        eglReleaseThread();
        releaseDisplay();
        if (!destroyed) {
            throw new VrException("eglDestroyContext failed: EGL error 0x" + Integer.toHexString(error));
        }
    }

    private static long acquireDisplay() {
        synchronized (LOCK) {
            if (users > 0) {
                users++;
                return sharedDisplay;
            }
            EGLCapabilities caps;
            try {
                caps = EGL.getCapabilities();
            } catch (RuntimeException | LinkageError e) {
                throw new RenderUnavailableException("offscreen rendering unavailable: libEGL could not be loaded ("
                        + e.getMessage() + ")", e);
            }
            long display = EGL_NO_DISPLAY;
            // LWJGL's eglGetPlatformDisplay rejects the null native display that this platform requires
            long getPlatformDisplay = caps.eglGetPlatformDisplay != 0 ? caps.eglGetPlatformDisplay
                    : caps.eglGetPlatformDisplayEXT;
            if (getPlatformDisplay != 0) {
                display = JNI.callPPP(EGL_PLATFORM_SURFACELESS_MESA, 0L, 0L, getPlatformDisplay);
                eglGetError();
                platform = "surfaceless";
            }
            if (display == EGL_NO_DISPLAY) {
                display = eglGetDisplay(0L);
                platform = "default";
            }
            if (display == EGL_NO_DISPLAY) {
                throw unavailable("eglGetDisplay found neither a surfaceless nor a default EGL display");
            }
            try (MemoryStack stack = MemoryStack.stackPush()) {
                if (!eglInitialize(display, stack.mallocInt(1), stack.mallocInt(1))) {
                    throw unavailable("eglInitialize failed on the " + platform + " display");
                }
            }
            sharedDisplay = display;
            users = 1;
            return display;
        }
    }

    private static void releaseDisplay() {
        synchronized (LOCK) {
            if (users == 0) {
                return;
            }
            users--;
            if (users == 0) {
                boolean ok = eglTerminate(sharedDisplay);
                sharedDisplay = 0;
                if (!ok) {
                    throw new VrException("eglTerminate failed: EGL error 0x" + Integer.toHexString(eglGetError()));
                }
            }
        }
    }

    private static RenderUnavailableException unavailable(String what) {
        int error = eglGetError();
        return new RenderUnavailableException("offscreen rendering unavailable: " + what
                + (error == EGL_SUCCESS ? "" : " (EGL error 0x" + Integer.toHexString(error) + ")"));
    }
}
