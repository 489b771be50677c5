package no.trinn.vr.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.VisemeCue;
import no.trinn.vr.avatar.Affect;
import no.trinn.vr.avatar.Animator;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.avatar.AvatarState;
import no.trinn.vr.avatar.TextVisemes;
import no.trinn.vr.render.AvatarModel;
import no.trinn.vr.render.Caption;
import no.trinn.vr.render.Captions;
import no.trinn.vr.render.Frame;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.scene.Scene;

/**
 * A session's lines on one clock, as a pure structure: given the time, the avatar's pose (speaking with lip sync,
 * listening with nods, the affect of its latest line, looking at the client's eyes) and the captions on screen.
 * A caption stays for {@link #CAPTION_HOLD_SECONDS} after its line ends, or until the same side speaks again.
 * Immutable and thread-safe.
 */
public final class SessionTimeline {
    /** How long a caption stays after its line ends. */
    public static final double CAPTION_HOLD_SECONDS = 3.0;
    /** How long the character keeps nodding after the client stops. */
    public static final double LISTEN_TAIL_SECONDS = 0.5;

    /**
     * One line of the session.
     *
     * @param side who says it
     * @param speaker the caption label
     * @param text what is said
     * @param startSeconds when its audio starts
     * @param durationMillis how long it lasts
     * @param visemes its viseme timeline relative to its start (empty for the client's lines)
     * @param affect the speaker's affect word (see {@link Affect#parse(String)})
     */
    public record Line(Caption.Side side, String speaker, String text, double startSeconds, long durationMillis,
            List<VisemeCue> visemes, String affect) {
        public Line {
            Require.nonNull(side, "side");
            Require.nonBlank(speaker, "speaker");
            Require.nonBlank(text, "text");
            Require.inRange(startSeconds, 0, Double.MAX_VALUE, "startSeconds");
            Require.inRange(durationMillis, 0, Long.MAX_VALUE, "durationMillis");
            visemes = List.copyOf(Require.nonNull(visemes, "visemes"));
            Require.nonBlank(affect, "affect");
            new Animator.Speech(startSeconds, visemes, durationMillis);
        }

        /** A character line with visemes and duration estimated from its spelling ({@link TextVisemes}). */
        public static Line character(String speaker, String text, double startSeconds, String affect) {
            TextVisemes.Estimate e = TextVisemes.estimate(text);
            return new Line(Caption.Side.CHARACTER, speaker, text, startSeconds, e.durationMillis(), e.cues(), affect);
        }

        /** A client line lasting as long as its spelling suggests. */
        public static Line client(String speaker, String text, double startSeconds) {
            return new Line(Caption.Side.CLIENT, speaker, text, startSeconds,
                    TextVisemes.estimate(text).durationMillis(), List.of(), "neutral");
        }

        /** When it ends, seconds. */
        public double endSeconds() {
            return startSeconds + durationMillis / 1000.0;
        }
    }

    /**
     * A span in which the session is paused.
     *
     * @param startSeconds when the pause starts
     * @param endSeconds when it ends; after the start
     */
    public record Pause(double startSeconds, double endSeconds) {
        public Pause {
            Require.inRange(startSeconds, 0, Double.MAX_VALUE, "startSeconds");
            if (!(endSeconds > startSeconds)) {
                throw new IllegalArgumentException("endSeconds must lie after startSeconds " + startSeconds
                        + ", was " + endSeconds);
            }
        }
    }

    /**
     * What the timeline shows at one instant.
     *
     * @param avatar the pose
     * @param captions the captions (visible or not as asked)
     * @param pause the pause text while paused
     */
    public record State(AvatarState avatar, Captions captions, Optional<String> pause) {
    }

    private final Scene scene;
    private final Avatar avatar;
    private final List<Line> lines;
    private final List<Pause> pauses;

    /** A timeline of {@code lines} (any order; sorted by start) and {@code pauses}, in {@code scene}. */
    public SessionTimeline(Scene scene, Avatar avatar, List<Line> lines, List<Pause> pauses) {
        this.scene = Require.nonNull(scene, "scene");
        this.avatar = Require.nonNull(avatar, "avatar");
        this.lines = Require.nonNull(lines, "lines").stream()
                .sorted(Comparator.comparingDouble(Line::startSeconds)).toList();
        this.pauses = List.copyOf(Require.nonNull(pauses, "pauses"));
    }

    /** When the last line ends, seconds (0 with no lines). */
    public double endSeconds() {
        return lines.stream().mapToDouble(Line::endSeconds).max().orElse(0);
    }

    /** The lines, sorted by start. */
    public List<Line> lines() {
        return lines;
    }

    /** What shows at {@code seconds}, captions switched {@code captionsOn}, the character looking at the scene camera. */
    public State at(double seconds, boolean captionsOn) {
        return at(seconds, captionsOn, scene.camera().eye());
    }

    /**
     * What shows at {@code seconds}, the character's gaze following {@code viewer} (the client's head in the world,
     * e.g. a headset's tracked position).
     */
    public State at(double seconds, boolean captionsOn, Vec3 viewer) {
        Require.nonNull(viewer, "viewer");
        double t = seconds;
        Line speaking = null;
        Line lastCharacter = null;
        Line previousCharacter = null;
        boolean listening = false;
        for (Line l : lines) {
            if (l.startSeconds() > t) {
                break;
            }
            if (l.side() == Caption.Side.CHARACTER) {
                previousCharacter = lastCharacter;
                lastCharacter = l;
                if (t <= l.endSeconds()) {
                    speaking = l;
                }
            } else if (t <= l.endSeconds() + LISTEN_TAIL_SECONDS) {
                listening = true;
            }
        }
        Affect affect = lastCharacter == null ? Affect.NEUTRAL : Affect.parse(lastCharacter.affect());
        Affect previous = previousCharacter == null ? Affect.NEUTRAL : Affect.parse(previousCharacter.affect());
        double since = lastCharacter == null ? 0 : lastCharacter.startSeconds();
        Optional<Animator.Speech> speech = Optional.ofNullable(speaking)
                .map(l -> new Animator.Speech(l.startSeconds(), l.visemes(), l.durationMillis()));
        AvatarState pose = Animator.at(t, new Animator.Input(avatar.seed(), affect, previous, since,
                listening && speaking == null, speech, AvatarModel.headCentre(avatar, scene.characterPosition()),
                viewer));

        List<Caption> shown = new ArrayList<>();
        for (Caption.Side side : Caption.Side.values()) {
            lines.stream().filter(l -> l.side() == side && l.startSeconds() <= t).reduce((a, b) -> b)
                    .filter(l -> t <= l.endSeconds() + CAPTION_HOLD_SECONDS)
                    .ifPresent(l -> shown.add(new Caption(side, l.speaker(), l.text())));
        }
        shown.sort(Comparator.comparingDouble(c -> startOf(c, t)));
        Optional<String> pause = pauses.stream().anyMatch(p -> t >= p.startSeconds() && t < p.endSeconds())
                ? Optional.of(Frame.PAUSE_TEXT) : Optional.empty();
        return new State(pose, new Captions(shown, captionsOn), pause);
    }

    /** The frame at {@code seconds} from the scene's camera. */
    public Frame frame(double seconds, boolean captionsOn) {
        State s = at(seconds, captionsOn);
        return new Frame(scene, avatar, s.avatar(), s.captions(), scene.camera(), s.pause());
    }

    /**
     * The frame at {@code seconds} from the scene's camera, the character looking at {@code viewer} when present (a
     * tracked head), else at the camera: what an {@code no.trinn.vr.output.Output}'s frame source returns.
     */
    public Frame frame(double seconds, boolean captionsOn, Optional<Vec3> viewer) {
        Require.nonNull(viewer, "viewer");
        State s = at(seconds, captionsOn, viewer.orElse(scene.camera().eye()));
        return new Frame(scene, avatar, s.avatar(), s.captions(), scene.camera(), s.pause());
    }

    /** The scene. */
    public Scene scene() {
        return scene;
    }

    /** The character's look. */
    public Avatar avatar() {
        return avatar;
    }

    private double startOf(Caption c, double t) {
        return lines.stream().filter(l -> l.side() == c.side() && l.startSeconds() <= t).mapToDouble(
                Line::startSeconds).max().orElse(0);
    }
}
