package no.trinn.vr.output;

import static org.lwjgl.openxr.XR10.*;

import java.nio.ByteBuffer;
import no.trinn.vr.VrException;
import org.lwjgl.openxr.XrInstance;
import org.lwjgl.system.MemoryStack;

/** Checks of OpenXR return codes: every failure names the call and the result. */
final class XrResults {
    private XrResults() {
    }

    /** Throws a {@link VrException} naming {@code call} when {@code result} is a failure (negative). */
    static int check(XrInstance instance, int result, String call) {
        if (result < 0) {
            throw new VrException(call + " failed: " + name(instance, result));
        }
        return result;
    }

    /** The name of {@code result}: the runtime's own when there is an instance, else the core names. */
    static String name(XrInstance instance, int result) {
        if (instance != null) {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                ByteBuffer text = stack.calloc(XR_MAX_RESULT_STRING_SIZE);
                if (xrResultToString(instance, result, text) >= 0) {
                    String s = org.lwjgl.system.MemoryUtil.memUTF8Safe(text);
                    if (s != null && !s.isBlank()) {
                        return s + " (" + result + ")";
                    }
                }
            }
        }
        return staticName(result) + " (" + result + ")";
    }

    static String staticName(int result) {
        return switch (result) {
            case XR_SUCCESS -> "XR_SUCCESS";
            case XR_TIMEOUT_EXPIRED -> "XR_TIMEOUT_EXPIRED";
            case XR_SESSION_LOSS_PENDING -> "XR_SESSION_LOSS_PENDING";
            case XR_EVENT_UNAVAILABLE -> "XR_EVENT_UNAVAILABLE";
            case XR_ERROR_VALIDATION_FAILURE -> "XR_ERROR_VALIDATION_FAILURE";
            case XR_ERROR_RUNTIME_FAILURE -> "XR_ERROR_RUNTIME_FAILURE";
            case XR_ERROR_OUT_OF_MEMORY -> "XR_ERROR_OUT_OF_MEMORY";
            case XR_ERROR_API_VERSION_UNSUPPORTED -> "XR_ERROR_API_VERSION_UNSUPPORTED";
            case XR_ERROR_INITIALIZATION_FAILED -> "XR_ERROR_INITIALIZATION_FAILED";
            case XR_ERROR_FUNCTION_UNSUPPORTED -> "XR_ERROR_FUNCTION_UNSUPPORTED";
            case XR_ERROR_FEATURE_UNSUPPORTED -> "XR_ERROR_FEATURE_UNSUPPORTED";
            case XR_ERROR_EXTENSION_NOT_PRESENT -> "XR_ERROR_EXTENSION_NOT_PRESENT";
            case XR_ERROR_LIMIT_REACHED -> "XR_ERROR_LIMIT_REACHED";
            case XR_ERROR_SIZE_INSUFFICIENT -> "XR_ERROR_SIZE_INSUFFICIENT";
            case XR_ERROR_HANDLE_INVALID -> "XR_ERROR_HANDLE_INVALID";
            case XR_ERROR_INSTANCE_LOST -> "XR_ERROR_INSTANCE_LOST";
            case XR_ERROR_SESSION_RUNNING -> "XR_ERROR_SESSION_RUNNING";
            case XR_ERROR_SESSION_NOT_RUNNING -> "XR_ERROR_SESSION_NOT_RUNNING";
            case XR_ERROR_SESSION_LOST -> "XR_ERROR_SESSION_LOST";
            case XR_ERROR_SYSTEM_INVALID -> "XR_ERROR_SYSTEM_INVALID";
            case XR_ERROR_SESSION_NOT_READY -> "XR_ERROR_SESSION_NOT_READY";
            case XR_ERROR_SESSION_NOT_STOPPING -> "XR_ERROR_SESSION_NOT_STOPPING";
            case XR_ERROR_FORM_FACTOR_UNSUPPORTED -> "XR_ERROR_FORM_FACTOR_UNSUPPORTED";
            case XR_ERROR_FORM_FACTOR_UNAVAILABLE -> "XR_ERROR_FORM_FACTOR_UNAVAILABLE";
            case XR_ERROR_GRAPHICS_DEVICE_INVALID -> "XR_ERROR_GRAPHICS_DEVICE_INVALID";
            case XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING -> "XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING";
            case XR_ERROR_CALL_ORDER_INVALID -> "XR_ERROR_CALL_ORDER_INVALID";
            case XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED -> "XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED";
            case XR_ERROR_RUNTIME_UNAVAILABLE -> "XR_ERROR_RUNTIME_UNAVAILABLE";
            default -> "XrResult";
        };
    }
}
