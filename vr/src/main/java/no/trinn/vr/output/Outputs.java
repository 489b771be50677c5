package no.trinn.vr.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import no.trinn.core.Require;

/**
 * Chooses where frames go and opens it. The automatic order is an OpenXR headset when a runtime answers with a
 * head-mounted system, else a desktop window when a display exists ({@code DISPLAY} or {@code WAYLAND_DISPLAY} set and
 * GLFW starts on it), else offscreen. A preference starts the order at that output and falls back down it. The choice
 * comes with a one-line reason naming why each better output was passed over, e.g. {@code no OpenXR runtime
 * (XR_ERROR_RUNTIME_UNAVAILABLE); no display ($DISPLAY unset): offscreen}, for the log and the command line.
 */
public final class Outputs {
    private Outputs() {
    }

    /** What the caller wants. */
    public enum Preference {
        /** The best available: headset, window, offscreen. */
        AUTO,
        /** A headset, falling back to a window, then offscreen. */
        OPENXR,
        /** A window, falling back to offscreen (never a headset). */
        WINDOW,
        /** Offscreen only. */
        OFFSCREEN
    }

    /**
     * The outcome of {@link #choose(Preference)}.
     *
     * @param kind the output to open
     * @param reason one line: why the better outputs were passed over, then {@code : kind}
     * @param preferred whether {@code kind} is the one asked for ({@code true} for {@link Preference#AUTO})
     */
    public record Choice(OutputKind kind, String reason, boolean preferred) {
        public Choice {
            Require.nonNull(kind, "kind");
            Require.nonBlank(reason, "reason");
        }
    }

    /** What the selector probes; the real machine's by default, fakes in tests. */
    public interface Probes {
        /** Why no headset can be used, or empty when one can. */
        Optional<String> openXrUnavailable();

        /** Why no window can be opened, or empty when one can. */
        Optional<String> windowUnavailable();

        /** This machine: {@link OpenXrOutput#unavailableReason()} and {@link WindowOutput#unavailableReason}. */
        static Probes system() {
            return system(name -> Optional.ofNullable(System.getenv(name)));
        }

        /** This machine, reading environment variables through {@code variables}. */
        static Probes system(Function<String, Optional<String>> variables) {
            Require.nonNull(variables, "variables");
            return new Probes() {
                @Override
                public Optional<String> openXrUnavailable() {
                    return OpenXrOutput.unavailableReason();
                }

                @Override
                public Optional<String> windowUnavailable() {
                    return WindowOutput.unavailableReason(variables);
                }
            };
        }
    }

    /** Chooses on this machine. */
    public static Choice choose(Preference preference) {
        return choose(preference, Probes.system());
    }

    /** Chooses with {@code probes}; probes only what the preference allows, in order. */
    public static Choice choose(Preference preference, Probes probes) {
        Require.nonNull(preference, "preference");
        Require.nonNull(probes, "probes");
        List<String> passed = new ArrayList<>();
        OutputKind asked = switch (preference) {
            case AUTO, OPENXR -> OutputKind.OPENXR;
            case WINDOW -> OutputKind.WINDOW;
            case OFFSCREEN -> OutputKind.OFFSCREEN;
        };
        OutputKind chosen = OutputKind.OFFSCREEN;
        if (asked == OutputKind.OPENXR) {
            Optional<String> why = probes.openXrUnavailable();
            if (why.isEmpty()) {
                chosen = OutputKind.OPENXR;
            } else {
                passed.add(why.get());
            }
        }
        if (chosen == OutputKind.OFFSCREEN && asked != OutputKind.OFFSCREEN) {
            Optional<String> why = probes.windowUnavailable();
            if (why.isEmpty()) {
                chosen = OutputKind.WINDOW;
            } else {
                passed.add(why.get());
            }
        }
        String head = passed.isEmpty() ? (preference == Preference.AUTO ? "best available"
                : "as asked") : String.join("; ", passed);
        boolean preferred = preference == Preference.AUTO || chosen == asked;
        return new Choice(chosen, head + ": " + chosen.word(), preferred);
    }

    /**
     * Opens the output of {@code kind}: a headset at its recommended size, a window or offscreen target of
     * {@code width} x {@code height} (the window with vsync).
     *
     * @throws no.trinn.vr.RenderUnavailableException one line when it cannot start
     */
    public static Output open(OutputKind kind, String title, int width, int height) {
        Require.nonNull(kind, "kind");
        return switch (kind) {
            case OPENXR -> OpenXrOutput.open(title);
            case WINDOW -> WindowOutput.open(title, width, height, true);
            case OFFSCREEN -> OffscreenOutput.open(width, height);
        };
    }
}
