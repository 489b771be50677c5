package no.trinn.vr.output;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.scene.SceneLibrary;
import no.trinn.vr.scene.SettingKind;
import no.trinn.vr.timeline.SessionTimeline;

/**
 * Runs the OpenXR frame loop against whatever runtime answers (a real headset, or Monado's simulated one): the
 * pharmacy scene with a talking, captioned character, until {@code frames} stereo frames were submitted, then a clean
 * shutdown. Reports the states the session went through, the loop's timing and the last head pose.
 */
public final class OpenXrBench {
    private OpenXrBench() {
    }

    /**
     * What one run saw.
     *
     * @param output the output's description (runtime, system, eye size, driver)
     * @param states the session states in the order seen
     * @param timing the loop's timing
     * @param head the last tracked head pose
     * @param closedCleanly whether close() returned without failure
     */
    public record Result(String output, List<String> states, OpenXrOutput.Timing timing, Optional<HeadPose> head,
            boolean closedCleanly) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s%n  states %s%n  %s%n  head %s", output, String.join(" > ", states),
                    timing, head.map(h -> String.format(Locale.ROOT, "(%.2f, %.2f, %.2f) facing (%.2f, %.2f, %.2f)",
                            h.position().x(), h.position().y(), h.position().z(), h.forward().x(), h.forward().y(),
                            h.forward().z())).orElse("never tracked"));
        }
    }

    /**
     * Runs until {@code frames} frames carried a projection layer, or {@code timeoutSeconds} passed.
     *
     * @throws no.trinn.vr.RenderUnavailableException when no runtime or headset answers
     */
    public static Result run(int frames, double timeoutSeconds) {
        Require.inRange(frames, 1, 1_000_000, "frames");
        SessionTimeline timeline = new SessionTimeline(SceneLibrary.shipped().scene(SettingKind.PHARMACY),
                Avatar.forCharacterId("pharmacist"), List.of(SessionTimeline.Line.character("Priya",
                        "Hello! What can I do for you today?", 0.2, "warm")), List.of());
        java.util.ArrayList<String> states = new java.util.ArrayList<>();
        OpenXrOutput out = OpenXrOutput.open("Trinn bench");
        String description = out.describe();
        long start = System.nanoTime();
        long deadline = start + (long) (timeoutSeconds * 1e9);
        try {
            while (out.timing().submitted() < frames && System.nanoTime() < deadline) {
                double t = (System.nanoTime() - start) / 1e9;
                boolean more = out.show(head -> timeline.frame(t % 6, true, head));
                String s = out.sessionStateName();
                if (states.isEmpty() || !states.getLast().equals(s)) {
                    states.add(s);
                }
                if (!more) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            try {
                out.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        Optional<HeadPose> head = out.head();
        out.close();
        String last = out.sessionStateName();
        if (!states.getLast().equals(last)) {
            states.add(last);
        }
        return new Result(description, List.copyOf(states), out.timing(), head, true);
    }

    /** Arguments: [frames [timeoutSeconds]]; defaults 120 and 60. Prints the result. */
    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        double timeout = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        System.out.println(run(frames, timeout));
    }
}
