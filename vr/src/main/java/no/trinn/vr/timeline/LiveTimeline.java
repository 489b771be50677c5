package no.trinn.vr.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.render.Frame;
import no.trinn.vr.scene.Scene;
import no.trinn.vr.scene.SceneLibrary;

/**
 * A session's timeline as it happens: the session thread adds lines and pauses as they come, the render thread asks
 * for the frame at the session clock's time. Each change publishes a new immutable {@link SessionTimeline}, so a
 * frame never sees half a change. Thread-safe.
 */
public final class LiveTimeline {
    private final Scene scene;
    private final Avatar avatar;
    private final List<SessionTimeline.Line> lines = new ArrayList<>();
    private final List<SessionTimeline.Pause> pauses = new ArrayList<>();
    private double openPause = -1;
    private volatile SessionTimeline current;

    /** An empty timeline of {@code avatar} in {@code scene}. */
    public LiveTimeline(Scene scene, Avatar avatar) {
        this.scene = Require.nonNull(scene, "scene");
        this.avatar = Require.nonNull(avatar, "avatar");
        current = new SessionTimeline(scene, avatar, List.of(), List.of());
    }

    /**
     * An empty timeline of {@code scenario}'s first character in the scene for its setting: the user's scene folder's
     * if it has one of that kind ({@link SceneLibrary#installed()}), else the shipped one.
     */
    public static LiveTimeline of(Scenario scenario) {
        Require.nonNull(scenario, "scenario");
        return new LiveTimeline(SceneLibrary.installed().sceneFor(scenario),
                Avatar.forCharacter(scenario.characters().getFirst()));
    }

    /**
     * Adds a line: a character's ({@link SessionTimeline.Line#character}, or with a synthesizer's visemes through the
     * record's constructor) or the client's ({@link SessionTimeline.Line#client}), timed on the session clock.
     */
    public synchronized void add(SessionTimeline.Line line) {
        lines.add(Require.nonNull(line, "line"));
        publish();
    }

    /** The session paused at {@code seconds}: the pause screen shows from then until {@link #resume(double)}. */
    public synchronized void pause(double seconds) {
        Require.inRange(seconds, 0, Double.MAX_VALUE, "seconds");
        if (openPause < 0) {
            openPause = seconds;
            publish();
        }
    }

    /** The session resumed at {@code seconds}. */
    public synchronized void resume(double seconds) {
        if (openPause >= 0) {
            if (seconds > openPause) {
                pauses.add(new SessionTimeline.Pause(openPause, seconds));
            }
            openPause = -1;
            publish();
        }
    }

    /** The timeline as it stands. */
    public SessionTimeline snapshot() {
        return current;
    }

    /** The frame at {@code seconds}, the character looking at {@code head} when tracked (an output's frame source). */
    public Frame frame(double seconds, boolean captionsOn, Optional<Vec3> head) {
        return current.frame(seconds, captionsOn, head);
    }

    private void publish() {
        List<SessionTimeline.Pause> all = new ArrayList<>(pauses);
        if (openPause >= 0) {
            all.add(new SessionTimeline.Pause(openPause, Double.MAX_VALUE));
        }
        current = new SessionTimeline(scene, avatar, List.copyOf(lines), all);
    }
}
