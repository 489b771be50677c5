package no.trinn.vr.render;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import no.trinn.core.Require;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.scene.SceneLibrary;
import no.trinn.vr.scene.SettingKind;
import no.trinn.vr.timeline.SessionTimeline;

/**
 * Measures offscreen frame times of a talking, captioned avatar in the pharmacy scene: each frame is animated,
 * drawn and read back into an image, as {@code trinn render} does. Prints one line of figures.
 */
public final class RenderBench {
    private RenderBench() {
    }

    /**
     * Figures of one run, milliseconds per frame including read-back.
     *
     * @param driver the OpenGL renderer
     * @param width frame width
     * @param height frame height
     * @param samples multisamples
     * @param frames frames measured (after warm-up)
     * @param p50 median
     * @param p95 95th percentile
     * @param max slowest
     * @param mean mean
     */
    public record Figures(String driver, int width, int height, int samples, int frames, double p50, double p95,
            double max, double mean) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "render %dx%d samples=%d frames=%d p50=%.1f ms p95=%.1f ms "
                    + "max=%.1f ms mean=%.1f ms (%.0f fps) on %s", width, height, samples, frames, p50, p95, max,
                    mean, 1000 / mean, driver);
        }
    }

    /** Renders {@code warmup} then {@code frames} frames at 30 fps animation time and returns the figures. */
    public static Figures run(int width, int height, int samples, int warmup, int frames) {
        Require.inRange(frames, 1, 1_000_000, "frames");
        SceneLibrary library = SceneLibrary.shipped();
        Avatar avatar = Avatar.forCharacterId("pharmacist");
        SessionTimeline timeline = new SessionTimeline(library.scene(SettingKind.PHARMACY), avatar, List.of(
                SessionTimeline.Line.character("Priya", "Hello! What can I do for you today? Are you collecting a "
                        + "prescription, or looking for something from the shelves?", 0.2, "warm"),
                SessionTimeline.Line.client("You", "I'm here to pick up a prescription.", 7.5),
                SessionTimeline.Line.character("Priya", "Of course. Can I have your name and date of birth, please?",
                        10.5, "neutral")), List.of());
        double[] ms = new double[frames];
        try (FrameRenderer renderer = FrameRenderer.offscreen(samples);
                OffscreenTarget target = renderer.offscreenTarget(width, height, samples)) {
            int[] pixels = new int[width * height];
            for (int i = 0; i < warmup + frames; i++) {
                double t = (i % 450) / 30.0;
                long start = System.nanoTime();
                renderer.render(timeline.frame(t, true), target);
                target.read(pixels);
                long took = System.nanoTime() - start;
                if (i >= warmup) {
                    ms[i - warmup] = took / 1e6;
                }
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            return new Figures(renderer.driver(), width, height, samples, frames, percentile(sorted, 0.5),
                    percentile(sorted, 0.95), sorted[sorted.length - 1], Arrays.stream(ms).average().orElse(0));
        }
    }

    /** Arguments: [width height [frames [samples]]]; defaults 1280 720 300 0. */
    public static void main(String[] args) {
        int width = args.length > 1 ? Integer.parseInt(args[0]) : FrameRenderer.DEFAULT_WIDTH;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : FrameRenderer.DEFAULT_HEIGHT;
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        System.out.println(run(width, height, samples, 20, frames));
    }

    private static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
