package no.trinn.app.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.render.Frame;
import no.trinn.vr.render.FrameRenderer;
import no.trinn.vr.render.OffscreenTarget;
import no.trinn.vr.scene.SceneLibrary;
import no.trinn.vr.timeline.SessionTimeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trinn render ID --at TIME --out FILE}: one offscreen frame of a session of a scenario, the first character
 * speaking its opening lines (visemes estimated from the text) from {@link #OPENING_START_SECONDS}. Unknown id, a bad
 * time, size or output path: exit 2; no EGL or OpenGL 3.3: one line, exit 1.
 */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Render one frame of a session of scenario ID as a PNG: the scene, the first character saying "
                + "its opening lines (lip sync estimated from the text) and captions, at the given time. Offscreen; "
                + "needs EGL with OpenGL 3.3 (Mesa's llvmpipe is enough).")
public final class RenderCommand implements Callable<Integer> {
    /** When the first opening line starts, seconds. */
    public static final double OPENING_START_SECONDS = 0.5;
    /** The pause between two opening lines, seconds. */
    public static final double LINE_GAP_SECONDS = 0.4;

    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The scenario ('trinn scenarios list').")
    private String id;

    @Option(names = "--at", paramLabel = "TIME", defaultValue = "2.5s",
            description = "Session time of the frame: seconds (2.5, 2.5s) or milliseconds (2500ms). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String at;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The PNG file to write.")
    private Path out;

    @Option(names = "--width", paramLabel = "W", defaultValue = "1280",
            description = "Width in pixels, 16-" + OffscreenTarget.MAX_SIZE + ". Default: ${DEFAULT-VALUE}.")
    private int width;

    @Option(names = "--height", paramLabel = "H", defaultValue = "720",
            description = "Height in pixels, 16-" + OffscreenTarget.MAX_SIZE + ". Default: ${DEFAULT-VALUE}.")
    private int height;

    @Option(names = "--no-captions", description = "Leave the captions out.")
    private boolean noCaptions;

    @Option(names = "--paused", description = "Show the calm pause screen over the scene.")
    private boolean paused;

    /** The command under {@code root}. */
    public RenderCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() {
        double seconds = parseTime(at);
        for (var size : List.of(List.of("--width", width), List.of("--height", height))) {
            int v = (Integer) size.get(1);
            if (v < 16 || v > OffscreenTarget.MAX_SIZE) {
                throw new ParameterException(spec.commandLine(), size.get(0) + " must lie in [16, "
                        + OffscreenTarget.MAX_SIZE + "], was " + v);
            }
        }
        Scenario scenario = Scenarios.require(root.home().library(), id);
        Path file = writable(out);
        SessionTimeline timeline = timeline(scenario);
        Frame frame = timeline.frame(seconds, !noCaptions);
        if (paused) {
            frame = frame.paused(Frame.PAUSE_TEXT);
        }
        String driver;
        BufferedImage image;
        try (FrameRenderer renderer = FrameRenderer.offscreen()) {
            image = renderer.render(frame, width, height);
            driver = renderer.driver();
        }
        FrameRenderer.writePng(image, file);
        root.io().out().println(String.format(Locale.ROOT, "Wrote %s (%dx%d, %s at %.2f s%s) on %s", file, width,
                height, scenario.id(), seconds, paused ? ", paused" : "", driver));
        return Cli.OK;
    }

    /** The session of {@code scenario} as a timeline: its first character says the opening lines one after another. */
    public static SessionTimeline timeline(Scenario scenario) {
        SceneLibrary scenes = SceneLibrary.installed();
        var character = scenario.characters().getFirst();
        List<SessionTimeline.Line> lines = new ArrayList<>();
        double start = OPENING_START_SECONDS;
        for (var line : scenario.opening()) {
            SessionTimeline.Line l = SessionTimeline.Line.character(character.name(), line.text(), start, "neutral");
            lines.add(l);
            start = l.endSeconds() + LINE_GAP_SECONDS;
        }
        return new SessionTimeline(scenes.sceneFor(scenario), Avatar.forCharacter(character), lines, List.of());
    }

    /** Parses {@code 2.5}, {@code 2.5s} or {@code 2500ms} into seconds; bad usage otherwise. */
    private double parseTime(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (t.endsWith("ms")) {
            scale = 0.001;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        double v;
        try {
            v = Double.parseDouble(t.strip()) * scale;
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v) || v < 0 || v > 86_400) {
            throw new ParameterException(spec.commandLine(), "--at must be a time from 0 to 86400 s such as 2.5s, "
                    + "2.5 or 2500ms, was '" + text + "'");
        }
        return v;
    }

    /** {@code file} when it can be written (its folder exists or can be made, it is no folder); bad input otherwise. */
    private static Path writable(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new InputException("cannot write " + file + ": it is a folder");
        }
        Path parent = abs.getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new InputException("cannot write " + file + ": " + existing + " is not a folder");
        }
        if (!Files.isWritable(existing) || (Files.exists(abs) && !Files.isWritable(abs))) {
            throw new InputException("cannot write " + file + ": permission denied");
        }
        return file;
    }
}
