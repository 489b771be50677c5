package no.trinn.vr.output;

import static no.trinn.vr.output.XrResults.check;
import static org.lwjgl.openxr.KHROpenGLEnable.XR_KHR_OPENGL_ENABLE_EXTENSION_NAME;
import static org.lwjgl.openxr.KHROpenGLEnable.xrGetOpenGLGraphicsRequirementsKHR;
import static org.lwjgl.openxr.MNDXEGLEnable.XR_MNDX_EGL_ENABLE_EXTENSION_NAME;
import static org.lwjgl.openxr.XR10.*;
import static org.lwjgl.system.MemoryUtil.NULL;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.vr.RenderUnavailableException;
import no.trinn.vr.VrException;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.render.EyeView;
import no.trinn.vr.render.Frame;
import no.trinn.vr.render.FrameRenderer;
import no.trinn.vr.render.RenderContext;
import no.trinn.vr.render.TextureTarget;
import no.trinn.vr.scene.CameraPose;
import org.lwjgl.PointerBuffer;
import org.lwjgl.egl.EGL;
import org.lwjgl.openxr.XrCompositionLayerProjection;
import org.lwjgl.openxr.XrCompositionLayerProjectionView;
import org.lwjgl.openxr.XrApplicationInfo;
import org.lwjgl.openxr.XrEventDataBuffer;
import org.lwjgl.openxr.XrEventDataSessionStateChanged;
import org.lwjgl.openxr.XrExtensionProperties;
import org.lwjgl.openxr.XrFovf;
import org.lwjgl.openxr.XrFrameBeginInfo;
import org.lwjgl.openxr.XrFrameEndInfo;
import org.lwjgl.openxr.XrFrameState;
import org.lwjgl.openxr.XrFrameWaitInfo;
import org.lwjgl.openxr.XrGraphicsBindingEGLMNDX;
import org.lwjgl.openxr.XrGraphicsRequirementsOpenGLKHR;
import org.lwjgl.openxr.XrInstance;
import org.lwjgl.openxr.XrInstanceCreateInfo;
import org.lwjgl.openxr.XrInstanceProperties;
import org.lwjgl.openxr.XrPosef;
import org.lwjgl.openxr.XrQuaternionf;
import org.lwjgl.openxr.XrReferenceSpaceCreateInfo;
import org.lwjgl.openxr.XrSession;
import org.lwjgl.openxr.XrSessionBeginInfo;
import org.lwjgl.openxr.XrSessionCreateInfo;
import org.lwjgl.openxr.XrSpace;
import org.lwjgl.openxr.XrSpaceLocation;
import org.lwjgl.openxr.XrSwapchain;
import org.lwjgl.openxr.XrSwapchainCreateInfo;
import org.lwjgl.openxr.XrSwapchainImageAcquireInfo;
import org.lwjgl.openxr.XrSwapchainImageBaseHeader;
import org.lwjgl.openxr.XrSwapchainImageOpenGLKHR;
import org.lwjgl.openxr.XrSwapchainImageReleaseInfo;
import org.lwjgl.openxr.XrSwapchainImageWaitInfo;
import org.lwjgl.openxr.XrSystemGetInfo;
import org.lwjgl.openxr.XrSystemProperties;
import org.lwjgl.openxr.XrView;
import org.lwjgl.openxr.XrViewConfigurationView;
import org.lwjgl.openxr.XrViewLocateInfo;
import org.lwjgl.openxr.XrViewState;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * A headset through OpenXR, rendering with the shared {@link FrameRenderer} on an EGL context bound to the session
 * with {@code XR_KHR_opengl_enable} and {@code XR_MNDX_egl_enable} (works without any window or display). Creates the
 * instance, the head-mounted system, the session, a LOCAL reference space and a VIEW space, and one swapchain per eye
 * at the recommended size. {@link #show(FrameSource)} follows the session state machine (IDLE, READY: begin,
 * SYNCHRONIZED, VISIBLE, FOCUSED, STOPPING: end, EXITING or LOSS_PENDING: done) and, while the session runs, does one
 * xrWaitFrame/xrBeginFrame/xrEndFrame with a projection layer of both eyes, each drawn with its view's pose and field
 * of view. The first tracked head pose is placed at the scene camera's eye, facing the character ("recentring"); from
 * then on head movement moves the view and the character's gaze follows the head. {@link #close()} asks the runtime to
 * exit, ends the session, and destroys everything in reverse order. Every XrResult is checked; a failure names the
 * call. Use from one thread.
 */
public final class OpenXrOutput implements Output {
    private static final int GL_SRGB8_ALPHA8 = 0x8C43;
    private static final int GL_RGBA8 = 0x8058;
    private static final long CLOSE_TIMEOUT_NANOS = 3_000_000_000L;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final XrInstance instance;
    private final long systemId;
    private final String runtime;
    private final String systemName;
    private final FrameRenderer renderer;
    private final XrSession session;
    private final XrSpace local;
    private final XrSpace viewSpace;
    private final XrSwapchain[] swapchains = new XrSwapchain[2];
    private final int[] eyeWidth = new int[2];
    private final int[] eyeHeight = new int[2];
    private final List<List<TextureTarget>> targets = new ArrayList<>();
    private final XrEventDataBuffer event;
    private final Timing timing = new Timing();
    private int state = XR_SESSION_STATE_UNKNOWN;
    private boolean running;
    private boolean ended;
    private boolean closed;
    private Mat4 anchor;
    private HeadPose head;

    private OpenXrOutput(String applicationName) {
        XrInstance created = null;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            Set<String> extensions = extensions();
            for (String needed : List.of(XR_KHR_OPENGL_ENABLE_EXTENSION_NAME, XR_MNDX_EGL_ENABLE_EXTENSION_NAME)) {
                if (!extensions.contains(needed)) {
                    throw new RenderUnavailableException("the OpenXR runtime lacks " + needed + " (OpenGL on EGL)");
                }
            }
            PointerBuffer names = stack.mallocPointer(2);
            names.put(stack.UTF8(XR_KHR_OPENGL_ENABLE_EXTENSION_NAME)).put(stack.UTF8(XR_MNDX_EGL_ENABLE_EXTENSION_NAME))
                    .flip();
            XrInstanceCreateInfo info = XrInstanceCreateInfo.calloc(stack).type$Default().next(NULL).createFlags(0)
                    .applicationInfo(XrApplicationInfo.calloc(stack).applicationName(stack.UTF8(applicationName))
                            .applicationVersion(1).engineName(stack.UTF8("Trinn")).engineVersion(1)
                            .apiVersion(XR_API_VERSION_1_0))
                    .enabledApiLayerNames(null).enabledExtensionNames(names);
            PointerBuffer handle = stack.mallocPointer(1);
            check(null, xrCreateInstance(info, handle), "xrCreateInstance");
            created = new XrInstance(handle.get(0), info);
            instance = created;
            XrInstance inst = created;
            resources.push(() -> check(null, xrDestroyInstance(inst), "xrDestroyInstance"));

            XrInstanceProperties props = XrInstanceProperties.calloc(stack).type$Default();
            check(instance, xrGetInstanceProperties(instance, props), "xrGetInstanceProperties");
            runtime = props.runtimeNameString() + " " + XR_VERSION_MAJOR(props.runtimeVersion()) + "."
                    + XR_VERSION_MINOR(props.runtimeVersion()) + "." + XR_VERSION_PATCH(props.runtimeVersion());

            LongBuffer system = stack.mallocLong(1);
            int got = xrGetSystem(instance, XrSystemGetInfo.calloc(stack).type$Default()
                    .formFactor(XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY), system);
            if (got == XR_ERROR_FORM_FACTOR_UNAVAILABLE) {
                throw new RenderUnavailableException("no headset connected to " + runtime
                        + " (XR_ERROR_FORM_FACTOR_UNAVAILABLE)");
            }
            check(instance, got, "xrGetSystem(HEAD_MOUNTED_DISPLAY)");
            systemId = system.get(0);
            XrSystemProperties sys = XrSystemProperties.calloc(stack).type$Default();
            check(instance, xrGetSystemProperties(instance, systemId, sys), "xrGetSystemProperties");
            systemName = sys.systemNameString();

            XrGraphicsRequirementsOpenGLKHR req = XrGraphicsRequirementsOpenGLKHR.calloc(stack).type$Default();
            check(instance, xrGetOpenGLGraphicsRequirementsKHR(instance, systemId, req),
                    "xrGetOpenGLGraphicsRequirementsKHR");
            long minGl = req.minApiVersionSupported();
            if (XR_VERSION_MAJOR(minGl) > 3 || (XR_VERSION_MAJOR(minGl) == 3 && XR_VERSION_MINOR(minGl) > 3)) {
                throw new RenderUnavailableException(runtime + " needs OpenGL " + XR_VERSION_MAJOR(minGl) + "."
                        + XR_VERSION_MINOR(minGl) + "; the renderer uses 3.3 core");
            }

            renderer = FrameRenderer.offscreen();
            resources.push(renderer);
            RenderContext.EglHandles egl = renderer.context().egl().orElseThrow(
                    () -> new VrException("the offscreen renderer has no EGL context"));
            renderer.context().makeCurrent();
            XrGraphicsBindingEGLMNDX binding = XrGraphicsBindingEGLMNDX.calloc(stack).type$Default().next(NULL)
                    .getProcAddress(EGL.getCapabilities().eglGetProcAddress).display(egl.display())
                    .config(egl.config()).context(egl.context());
            check(instance, xrCreateSession(instance, XrSessionCreateInfo.calloc(stack).type$Default()
                    .next(binding.address()).createFlags(0).systemId(systemId), handle), "xrCreateSession");
            session = new XrSession(handle.get(0), instance);
            resources.push(() -> check(instance, xrDestroySession(session), "xrDestroySession"));

            local = space(stack, XR_REFERENCE_SPACE_TYPE_LOCAL, "LOCAL");
            viewSpace = space(stack, XR_REFERENCE_SPACE_TYPE_VIEW, "VIEW");
            createSwapchains(stack);
            event = XrEventDataBuffer.calloc().type$Default();
            resources.push(event::free);
        } catch (RuntimeException | LinkageError e) {
            RuntimeException failure = e instanceof RuntimeException r ? r
                    : new RenderUnavailableException("OpenXR unavailable: " + e, e);
            closeResources(failure);
            throw failure;
        }
    }

    /**
     * Opens the headset output.
     *
     * @param applicationName the name the runtime shows
     * @throws RenderUnavailableException one line when there is no OpenXR runtime ({@code no OpenXR runtime
     *         (XR_ERROR_RUNTIME_UNAVAILABLE)}), no headset, no EGL or a runtime without OpenGL on EGL
     * @throws VrException naming the OpenXR or EGL call that failed
     */
    public static OpenXrOutput open(String applicationName) {
        Require.nonBlank(applicationName, "applicationName");
        return new OpenXrOutput(applicationName);
    }

    /**
     * Why no OpenXR headset can be used now, in a few words ({@code no OpenXR runtime (XR_ERROR_RUNTIME_UNAVAILABLE)},
     * {@code no headset connected to Monado ...}), or empty when a runtime answers with a head-mounted system. Creates
     * and destroys an instance; cheap (milliseconds).
     */
    public static Optional<String> unavailableReason() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            Set<String> extensions = extensions();
            if (!extensions.contains(XR_KHR_OPENGL_ENABLE_EXTENSION_NAME)
                    || !extensions.contains(XR_MNDX_EGL_ENABLE_EXTENSION_NAME)) {
                return Optional.of("the OpenXR runtime lacks OpenGL on EGL (" + XR_KHR_OPENGL_ENABLE_EXTENSION_NAME
                        + " + " + XR_MNDX_EGL_ENABLE_EXTENSION_NAME + ")");
            }
            XrInstanceCreateInfo info = XrInstanceCreateInfo.calloc(stack).type$Default()
                    .applicationInfo(XrApplicationInfo.calloc(stack).applicationName(stack.UTF8("Trinn probe"))
                            .engineName(stack.UTF8("Trinn")).apiVersion(XR_API_VERSION_1_0));
            PointerBuffer handle = stack.mallocPointer(1);
            int r = xrCreateInstance(info, handle);
            if (r < 0) {
                return Optional.of("the OpenXR runtime refused an instance (xrCreateInstance: "
                        + XrResults.name(null, r) + ")");
            }
            XrInstance probe = new XrInstance(handle.get(0), info);
            try {
                LongBuffer system = stack.mallocLong(1);
                int s = xrGetSystem(probe, XrSystemGetInfo.calloc(stack).type$Default()
                        .formFactor(XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY), system);
                if (s < 0) {
                    return Optional.of("no headset (xrGetSystem: " + XrResults.name(probe, s) + ")");
                }
                return Optional.empty();
            } finally {
                xrDestroyInstance(probe);
            }
        } catch (RenderUnavailableException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("the OpenXR loader failed (" + e.getMessage() + ")");
        }
    }

    private static Set<String> extensions() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int r;
            try {
                r = xrEnumerateInstanceExtensionProperties((CharSequence) null, count, null);
            } catch (RuntimeException | LinkageError e) {
                throw new RenderUnavailableException("no OpenXR loader (" + e.getMessage() + ")", e);
            }
            if (r == XR_ERROR_RUNTIME_UNAVAILABLE) {
                throw new RenderUnavailableException("no OpenXR runtime (XR_ERROR_RUNTIME_UNAVAILABLE)");
            }
            check(null, r, "xrEnumerateInstanceExtensionProperties");
            XrExtensionProperties.Buffer props = XrExtensionProperties.calloc(count.get(0), stack);
            for (XrExtensionProperties p : props) {
                p.type$Default();
            }
            check(null, xrEnumerateInstanceExtensionProperties((CharSequence) null, count, props),
                    "xrEnumerateInstanceExtensionProperties");
            Set<String> names = new HashSet<>();
            for (XrExtensionProperties p : props) {
                names.add(p.extensionNameString());
            }
            return names;
        }
    }

    private XrSpace space(MemoryStack stack, int type, String name) {
        XrPosef identity = XrPosef.calloc(stack);
        identity.orientation(XrQuaternionf.calloc(stack).set(0, 0, 0, 1));
        PointerBuffer handle = stack.mallocPointer(1);
        check(instance, xrCreateReferenceSpace(session, XrReferenceSpaceCreateInfo.calloc(stack).type$Default()
                .referenceSpaceType(type).poseInReferenceSpace(identity), handle),
                "xrCreateReferenceSpace(" + name + ")");
        XrSpace space = new XrSpace(handle.get(0), session);
        resources.push(() -> check(instance, xrDestroySpace(space), "xrDestroySpace(" + name + ")"));
        return space;
    }

    private void createSwapchains(MemoryStack stack) {
        IntBuffer count = stack.mallocInt(1);
        check(instance, xrEnumerateViewConfigurationViews(instance, systemId,
                XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, count, null), "xrEnumerateViewConfigurationViews");
        if (count.get(0) != 2) {
            throw new VrException("the headset has " + count.get(0) + " views; stereo needs 2");
        }
        XrViewConfigurationView.Buffer views = XrViewConfigurationView.calloc(2, stack);
        for (XrViewConfigurationView v : views) {
            v.type$Default();
        }
        check(instance, xrEnumerateViewConfigurationViews(instance, systemId,
                XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, count, views), "xrEnumerateViewConfigurationViews");

        check(instance, xrEnumerateSwapchainFormats(session, count, null), "xrEnumerateSwapchainFormats");
        LongBuffer formats = stack.mallocLong(count.get(0));
        check(instance, xrEnumerateSwapchainFormats(session, count, formats), "xrEnumerateSwapchainFormats");
        long format = 0;
        for (long preferred : new long[] {GL_SRGB8_ALPHA8, GL_RGBA8}) {
            for (int i = 0; i < count.get(0) && format == 0; i++) {
                if (formats.get(i) == preferred) {
                    format = preferred;
                }
            }
        }
        if (format == 0) {
            throw new VrException("the runtime offers neither GL_SRGB8_ALPHA8 nor GL_RGBA8 swapchains");
        }
        for (int eye = 0; eye < 2; eye++) {
            XrViewConfigurationView v = views.get(eye);
            eyeWidth[eye] = v.recommendedImageRectWidth();
            eyeHeight[eye] = v.recommendedImageRectHeight();
            PointerBuffer handle = stack.mallocPointer(1);
            check(instance, xrCreateSwapchain(session, XrSwapchainCreateInfo.calloc(stack).type$Default()
                    .usageFlags(XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT)
                    .format(format).sampleCount(1).width(eyeWidth[eye]).height(eyeHeight[eye]).faceCount(1)
                    .arraySize(1).mipCount(1), handle), "xrCreateSwapchain(eye " + eye + ")");
            XrSwapchain swapchain = new XrSwapchain(handle.get(0), session);
            swapchains[eye] = swapchain;
            String which = "eye " + eye;
            resources.push(() -> check(instance, xrDestroySwapchain(swapchain), "xrDestroySwapchain(" + which + ")"));

            check(instance, xrEnumerateSwapchainImages(swapchain, count, null), "xrEnumerateSwapchainImages");
            XrSwapchainImageOpenGLKHR.Buffer images = XrSwapchainImageOpenGLKHR.calloc(count.get(0), stack);
            for (XrSwapchainImageOpenGLKHR image : images) {
                image.type$Default();
            }
            check(instance, xrEnumerateSwapchainImages(swapchain, count,
                    XrSwapchainImageBaseHeader.create(images.address(), images.capacity())),
                    "xrEnumerateSwapchainImages");
            List<TextureTarget> eyeTargets = new ArrayList<>();
            for (XrSwapchainImageOpenGLKHR image : images) {
                TextureTarget target = renderer.textureTarget(image.image(), eyeWidth[eye], eyeHeight[eye]);
                eyeTargets.add(target);
                resources.push(target);
            }
            targets.add(eyeTargets);
        }
    }

    @Override
    public OutputKind kind() {
        return OutputKind.OPENXR;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "openxr %s, %s, %dx%d per eye, on %s", runtime, systemName, eyeWidth[0],
                eyeHeight[0], renderer.driver());
    }

    /** The runtime's name and version, e.g. {@code Monado(XRT) ... 25.0.0}. */
    public String runtime() {
        return runtime;
    }

    /** The name of the head-mounted system. */
    public String systemName() {
        return systemName;
    }

    /** The session's current state (an {@code XR_SESSION_STATE_*} value). */
    public int sessionState() {
        return state;
    }

    /** The name of the session's current state, e.g. {@code FOCUSED}. */
    public String sessionStateName() {
        return stateName(state);
    }

    /** Whether the session has begun and not ended: frames are being submitted. */
    public boolean running() {
        return running;
    }

    /** Timing of the frames submitted so far. */
    public Timing timing() {
        return timing;
    }

    @Override
    public Optional<HeadPose> head() {
        return Optional.ofNullable(head);
    }

    @Override
    public boolean show(FrameSource source) {
        Require.nonNull(source, "source");
        open();
        pollEvents();
        if (ended) {
            return false;
        }
        if (!running) {
            sleepMillis(5);
            return true;
        }
        frame(Optional.of(source));
        return !ended;
    }

    private void frame(Optional<FrameSource> source) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            XrFrameState frameState = XrFrameState.calloc(stack).type$Default();
            long beforeWait = System.nanoTime();
            check(instance, xrWaitFrame(session, XrFrameWaitInfo.calloc(stack).type$Default(), frameState),
                    "xrWaitFrame");
            long afterWait = System.nanoTime();
            check(instance, xrBeginFrame(session, XrFrameBeginInfo.calloc(stack).type$Default()), "xrBeginFrame");
            long time = frameState.predictedDisplayTime();
            PointerBuffer layers = null;
            long[] eyeNanos = null;
            if (frameState.shouldRender() && source.isPresent()) {
                XrView.Buffer views = XrView.calloc(2, stack);
                for (XrView v : views) {
                    v.type$Default();
                }
                XrViewState viewState = XrViewState.calloc(stack).type$Default();
                IntBuffer count = stack.mallocInt(1);
                check(instance, xrLocateViews(session, XrViewLocateInfo.calloc(stack).type$Default()
                        .viewConfigurationType(XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO).displayTime(time)
                        .space(local), viewState, count, views), "xrLocateViews");
                long valid = XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT;
                if ((viewState.viewStateFlags() & valid) == valid && count.get(0) == 2) {
                    eyeNanos = new long[2];
                    layers = renderEyes(stack, source.get(), views, time, eyeNanos);
                }
            }
            XrFrameEndInfo end = XrFrameEndInfo.calloc(stack).type$Default().displayTime(time)
                    .environmentBlendMode(XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
            if (layers != null) {
                end.layers(layers);
            } else {
                end.layerCount(0);
            }
            check(instance, xrEndFrame(session, end), "xrEndFrame");
            timing.record(beforeWait, afterWait, layers != null, eyeNanos, frameState.predictedDisplayPeriod());
        }
    }

    private PointerBuffer renderEyes(MemoryStack stack, FrameSource source, XrView.Buffer views, long time,
            long[] eyeNanos) {
        Optional<Mat4> headLocal = locateHead(stack, time);
        Optional<Vec3> headWorld = anchor == null ? Optional.empty()
                : headLocal.map(h -> anchor.times(h).transformPoint(Vec3.ZERO));
        Frame frame = source.frame(headWorld);
        if (anchor == null) {
            anchor = recentre(frame.camera(), headLocal.orElse(poseOf(views.get(0).pose())));
        }
        headLocal.ifPresent(h -> {
            Mat4 world = anchor.times(h);
            head = new HeadPose(world.transformPoint(Vec3.ZERO),
                    world.transformDirection(new Vec3(0, 0, -1)).normalized(), time);
        });
        XrCompositionLayerProjectionView.Buffer projectionViews = XrCompositionLayerProjectionView.calloc(2, stack);
        IntBuffer index = stack.mallocInt(1);
        for (int eye = 0; eye < 2; eye++) {
            long start = System.nanoTime();
            XrView view = views.get(eye);
            XrSwapchain swapchain = swapchains[eye];
            check(instance, xrAcquireSwapchainImage(swapchain, XrSwapchainImageAcquireInfo.calloc(stack)
                    .type$Default(), index), "xrAcquireSwapchainImage(eye " + eye + ")");
            check(instance, xrWaitSwapchainImage(swapchain, XrSwapchainImageWaitInfo.calloc(stack).type$Default()
                    .timeout(XR_INFINITE_DURATION)), "xrWaitSwapchainImage(eye " + eye + ")");
            Mat4 eyeWorld = anchor.times(poseOf(view.pose()));
            XrFovf fov = view.fov();
            EyeView eyeView = new EyeView(eyeWorld.inverseRigid(), Mat4.projection(Math.tan(fov.angleLeft()),
                    Math.tan(fov.angleRight()), Math.tan(fov.angleUp()), Math.tan(fov.angleDown()), EyeView.NEAR,
                    EyeView.FAR), eyeWorld.transformPoint(Vec3.ZERO));
            renderer.render(frame, targets.get(eye).get(index.get(0)), eyeView);
            check(instance, xrReleaseSwapchainImage(swapchain, XrSwapchainImageReleaseInfo.calloc(stack)
                    .type$Default()), "xrReleaseSwapchainImage(eye " + eye + ")");
            int w = eyeWidth[eye];
            int h = eyeHeight[eye];
            projectionViews.get(eye).type$Default().pose(view.pose()).fov(fov).subImage(s -> s.swapchain(swapchain)
                    .imageRect(r -> r.offset(o -> o.set(0, 0)).extent(e -> e.set(w, h))).imageArrayIndex(0));
            eyeNanos[eye] = System.nanoTime() - start;
        }
        XrCompositionLayerProjection layer = XrCompositionLayerProjection.calloc(stack).type$Default().space(local)
                .views(projectionViews);
        return stack.pointers(layer.address());
    }

    private Optional<Mat4> locateHead(MemoryStack stack, long time) {
        XrSpaceLocation location = XrSpaceLocation.calloc(stack).type$Default();
        check(instance, xrLocateSpace(viewSpace, local, time, location), "xrLocateSpace(VIEW in LOCAL)");
        long valid = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT;
        if ((location.locationFlags() & valid) != valid) {
            return Optional.empty();
        }
        return Optional.of(poseOf(location.pose()));
    }

    private static Mat4 poseOf(XrPosef pose) {
        XrQuaternionf q = pose.orientation();
        return Mat4.pose(q.x(), q.y(), q.z(), q.w(), new Vec3(pose.position$().x(), pose.position$().y(),
                pose.position$().z()));
    }

    /** World from LOCAL: the head at {@code headLocal} lands on the camera's eye, facing (in yaw) its target. */
    static Mat4 recentre(CameraPose camera, Mat4 headLocal) {
        Vec3 camForward = camera.target().minus(camera.eye());
        Vec3 headForward = headLocal.transformDirection(new Vec3(0, 0, -1));
        double yawCamera = Math.atan2(-camForward.x(), -camForward.z());
        double yawHead = Math.abs(headForward.x()) + Math.abs(headForward.z()) < 1e-6 ? 0
                : Math.atan2(-headForward.x(), -headForward.z());
        Vec3 headPos = headLocal.transformPoint(Vec3.ZERO);
        return Mat4.translation(camera.eye()).times(Mat4.rotationY(yawCamera - yawHead))
                .times(Mat4.translation(headPos.times(-1)));
    }

    private void pollEvents() {
        while (true) {
            event.type(XR_TYPE_EVENT_DATA_BUFFER).next(NULL);
            int r = xrPollEvent(instance, event);
            if (r == XR_EVENT_UNAVAILABLE) {
                return;
            }
            check(instance, r, "xrPollEvent");
            switch (event.type()) {
                case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING -> ended = true;
                case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED -> changeState(
                        XrEventDataSessionStateChanged.create(event.address()).state());
                default -> {
                    // other events (interaction profile, reference space changes) do not concern the renderer
                }
            }
        }
    }

    private void changeState(int next) {
        state = next;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            switch (next) {
                case XR_SESSION_STATE_READY -> {
                    check(instance, xrBeginSession(session, XrSessionBeginInfo.calloc(stack).type$Default()
                            .primaryViewConfigurationType(XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)),
                            "xrBeginSession");
                    running = true;
                }
                case XR_SESSION_STATE_STOPPING -> {
                    check(instance, xrEndSession(session), "xrEndSession");
                    running = false;
                }
                case XR_SESSION_STATE_EXITING, XR_SESSION_STATE_LOSS_PENDING -> {
                    running = false;
                    ended = true;
                }
                default -> {
                    // IDLE, SYNCHRONIZED, VISIBLE, FOCUSED: keep submitting frames while running
                }
            }
        }
    }

    /** The name of a session state, e.g. {@code FOCUSED}. */
    public static String stateName(int state) {
        return switch (state) {
            case XR_SESSION_STATE_IDLE -> "IDLE";
            case XR_SESSION_STATE_READY -> "READY";
            case XR_SESSION_STATE_SYNCHRONIZED -> "SYNCHRONIZED";
            case XR_SESSION_STATE_VISIBLE -> "VISIBLE";
            case XR_SESSION_STATE_FOCUSED -> "FOCUSED";
            case XR_SESSION_STATE_STOPPING -> "STOPPING";
            case XR_SESSION_STATE_LOSS_PENDING -> "LOSS_PENDING";
            case XR_SESSION_STATE_EXITING -> "EXITING";
            default -> "UNKNOWN";
        };
    }

    private void open() {
        if (closed) {
            throw new VrException("the OpenXR output is closed");
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks the runtime to end the session (xrRequestExitSession), keeps submitting empty frames until it reaches
     * STOPPING (then xrEndSession) and EXITING, at most 3 s, then destroys swapchains, spaces, the session, the
     * renderer and the instance, in that order.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
            if (running && !ended) {
                check(instance, xrRequestExitSession(session), "xrRequestExitSession");
                long deadline = System.nanoTime() + CLOSE_TIMEOUT_NANOS;
                while (!ended && System.nanoTime() < deadline) {
                    pollEvents();
                    if (running) {
                        frame(Optional.empty());
                    } else if (!ended) {
                        sleepMillis(5);
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        closeResources(failure);
        if (failure != null) {
            throw failure;
        }
    }

    private void closeResources(RuntimeException primary) {
        RuntimeException failure = primary;
        while (!resources.isEmpty()) {
            try {
                AutoCloseable next = resources.pop();
                if (next instanceof TextureTarget) {
                    renderer.context().makeCurrent();
                }
                next.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new VrException("closing OpenXR failed: " + e, e);
                } else if (failure != e) {
                    failure.addSuppressed(e);
                }
            }
        }
        if (primary == null && failure != null) {
            throw failure;
        }
    }

    /**
     * Timing of the frame loop: how many frames carried a projection layer, the period between successive
     * xrWaitFrame returns (the runtime's pacing), the time xrWaitFrame blocked, and the render time per eye (acquire,
     * draw, release).
     */
    public static final class Timing {
        private final List<Long> waitReturns = new ArrayList<>();
        private final List<Long> waits = new ArrayList<>();
        private final List<Long> eyes = new ArrayList<>();
        private int submitted;
        private int frames;
        private long displayPeriod;

        void record(long beforeWait, long afterWait, boolean submittedLayer, long[] eyeNanos, long period) {
            frames++;
            waitReturns.add(afterWait);
            waits.add(afterWait - beforeWait);
            displayPeriod = period;
            if (submittedLayer) {
                submitted++;
                for (long e : eyeNanos) {
                    eyes.add(e);
                }
            }
        }

        /** Frames ended (xrEndFrame), with or without a layer. */
        public int frames() {
            return frames;
        }

        /** Frames ended with a stereo projection layer. */
        public int submitted() {
            return submitted;
        }

        /** The runtime's predicted display period, milliseconds. */
        public double displayPeriodMillis() {
            return displayPeriod / 1e6;
        }

        /** Percentile {@code q} (0..1) of the period between xrWaitFrame returns, ms; 0 with under two frames. */
        public double waitPeriodMillis(double q) {
            long[] d = new long[Math.max(0, waitReturns.size() - 1)];
            for (int i = 1; i < waitReturns.size(); i++) {
                d[i - 1] = waitReturns.get(i) - waitReturns.get(i - 1);
            }
            return percentile(d, q);
        }

        /** Percentile {@code q} of the time xrWaitFrame blocked, ms. */
        public double waitBlockedMillis(double q) {
            return percentile(waits.stream().mapToLong(Long::longValue).toArray(), q);
        }

        /** Percentile {@code q} of the render time of one eye (acquire, draw, release), ms. */
        public double eyeMillis(double q) {
            return percentile(eyes.stream().mapToLong(Long::longValue).toArray(), q);
        }

        private static double percentile(long[] values, double q) {
            if (values.length == 0) {
                return 0;
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "frames submitted=%d of %d; xrWaitFrame period p50=%.1f ms "
                    + "p95=%.1f ms (display period %.1f ms), blocked p50=%.1f ms; render per eye p50=%.1f ms "
                    + "p95=%.1f ms", submitted, frames, waitPeriodMillis(0.5), waitPeriodMillis(0.95),
                    displayPeriodMillis(), waitBlockedMillis(0.5), eyeMillis(0.5), eyeMillis(0.95));
        }
    }
}
