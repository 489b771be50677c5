package no.trinn.app.scene;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import no.trinn.app.practice.TranscriptSink;
import no.trinn.app.voice.SpokenTranscript;
import no.trinn.core.Require;
import no.trinn.core.TrinnException;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.Frame;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Scenario;
import no.trinn.vr.output.Output;
import no.trinn.vr.output.OutputKind;
import no.trinn.vr.output.Outputs;
import no.trinn.vr.render.Caption;
import no.trinn.vr.timeline.LiveTimeline;
import no.trinn.vr.timeline.SessionTimeline;

/**
 * The scene of a practice session in a headset or a window ({@code trinn practice --vr} / {@code --window}): a render
 * thread opens the output and shows the {@link LiveTimeline} at the session's clock, while {@link #showing} wraps the
 * session's transcript sink so every line said (the client's and the character's) and every pause reaches the
 * timeline: the character's lips move with its words (visemes estimated from the text), its expression follows its
 * affect, captions show both sides, and a calm pause scene shows while the session is paused. The conversation itself
 * goes on in the terminal (or by voice) as without a scene. When only offscreen rendering is available there is no
 * scene to show: {@link #start} says why in one line and returns empty.
 */
public final class SceneView implements AutoCloseable {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final long START_WAIT_SECONDS = 30;

    private final Scenario scenario;
    private final LiveTimeline timeline;
    private final long originNanos = System.nanoTime();
    private final Thread renderer;
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Optional<String> described = Optional.empty();
    private volatile Optional<RuntimeException> failure = Optional.empty();
    private double speakingUntil;
    private volatile boolean captions = true;

    /** A scene of {@code scenario} to show on {@code kind} once started; with no kind, nothing is rendered. */
    SceneView(Scenario scenario, Optional<OutputKind> kind) {
        this.scenario = Require.nonNull(scenario, "scenario");
        this.timeline = LiveTimeline.of(scenario);
        this.renderer = new Thread(() -> kind.ifPresent(this::render), "trinn-scene");
        renderer.setDaemon(true);
    }

    /**
     * Opens the scene of {@code scenario} on the best output for {@code preference} ({@code OPENXR} for
     * {@code --vr}, {@code WINDOW} for {@code --window}), with captions of both sides unless {@code captions} is
     * false; tells {@code err} which output and why in one line.
     *
     * @return empty when no headset or window can be had (only offscreen rendering): the session goes on without
     * @throws TrinnException if the chosen output fails to open (one line naming what failed)
     */
    public static Optional<SceneView> start(Outputs.Preference preference, Scenario scenario, boolean captions,
            PrintWriter err) {
        Require.nonNull(preference, "preference");
        Require.nonNull(scenario, "scenario");
        Outputs.Choice choice = Outputs.choose(preference);
        if (choice.kind() == OutputKind.OFFSCREEN) {
            err.println("trinn: scene: " + choice.reason() + "; the session goes on without a scene");
            err.flush();
            return Optional.empty();
        }
        SceneView view = new SceneView(scenario, Optional.of(choice.kind()));
        view.captions = captions;
        view.renderer.start();
        view.awaitOpen();
        err.println("trinn: scene: " + choice.reason() + " (" + view.described.orElse(choice.kind().toString())
                + ")");
        err.flush();
        return Optional.of(view);
    }

    /**
     * {@code sink} with every line and pause also shown in the scene. {@code paused} tells whether the session is
     * paused, asked after each batch of frames. The character's lines get visemes estimated from their text; in a
     * voice session use {@link #showing(TranscriptSink, BooleanSupplier, boolean)} without them and give the
     * synthesizer's clauses to {@link #spoken}.
     */
    public TranscriptSink showing(TranscriptSink sink, BooleanSupplier paused) {
        return showing(sink, paused, true);
    }

    /**
     * As {@link #showing(TranscriptSink, BooleanSupplier)}; with {@code characterLines} false the character's lines
     * reach the scene only through {@link #spoken} (a voice session, with the synthesizer's visemes).
     */
    public TranscriptSink showing(TranscriptSink sink, BooleanSupplier paused, boolean characterLines) {
        Require.nonNull(sink, "sink");
        Require.nonNull(paused, "paused");
        return new TranscriptSink() {
            @Override
            public void header(Scenario s, String engine) {
                sink.header(s, engine);
            }

            @Override
            public void loading() {
                sink.loading();
            }

            @Override
            public void client(String text) {
                if (!text.isBlank()) {
                    timeline.add(SessionTimeline.Line.client("You", text, seconds()));
                }
                sink.client(text);
            }

            @Override
            public void command(String command) {
                sink.command(command);
            }

            @Override
            public void frames(List<Frame> frames) {
                for (Frame f : frames) {
                    if (characterLines && f instanceof CharacterUtterance line) {
                        String name = scenario.character(line.characterId()).map(Character::name)
                                .orElse(line.characterId());
                        timeline.add(SessionTimeline.Line.character(name, line.text(), seconds(), line.affect()));
                    }
                }
                sink.frames(frames);
                if (paused.getAsBoolean()) {
                    timeline.pause(seconds());
                } else {
                    timeline.resume(seconds());
                }
            }

            @Override
            public void info(String text) {
                sink.info(text);
            }
        };
    }

    /**
     * A clause the character is about to say aloud, with the synthesizer's visemes: shown from now, or from the end
     * of the clause before it if that is still being spoken (clauses play one after another).
     */
    public synchronized void spoken(SpokenTranscript.SpokenClause clause) {
        Require.nonNull(clause, "clause");
        double start = Math.max(seconds(), speakingUntil);
        speakingUntil = start + clause.durationMillis() / 1000.0;
        String name = scenario.character(clause.characterId()).map(Character::name).orElse(clause.characterId());
        timeline.add(new SessionTimeline.Line(Caption.Side.CHARACTER, name, clause.text(), start,
                clause.durationMillis(), clause.visemes(), clause.affect()));
    }

    /** The session clock of the scene, in seconds since it opened. */
    double seconds() {
        return (System.nanoTime() - originNanos) / 1e9;
    }

    /** The timeline shown, as it stands. */
    public SessionTimeline timeline() {
        return timeline.snapshot();
    }

    /** Whether the output is still showing (a closed window or an exited headset session ends it). */
    public boolean showing() {
        return running && renderer.isAlive();
    }

    private void render(OutputKind kind) {
        try (Output out = Outputs.open(kind, "Trinn: " + scenario.title(), WIDTH, HEIGHT)) {
            described = Optional.of(out.describe());
            opened.countDown();
            while (running && out.show(head -> timeline.frame(seconds(), captions, head))) {
                // show() paces the loop: vsync in a window, the runtime's frame timing in a headset
            }
        } catch (RuntimeException e) {
            failure = Optional.of(e);
        } finally {
            running = false;
            opened.countDown();
        }
    }

    private void awaitOpen() {
        try {
            if (!opened.await(START_WAIT_SECONDS, TimeUnit.SECONDS)) {
                running = false;
                throw new SceneException("the scene's output did not open within " + START_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SceneException("interrupted while opening the scene's output", e);
        }
        failure.ifPresent(e -> {
            throw new SceneException("cannot show the scene: " + e.getMessage(), e);
        });
    }

    /** Stops showing and closes the output (on the render thread). */
    @Override
    public void close() {
        running = false;
        try {
            renderer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The scene could not be shown. */
    public static final class SceneException extends TrinnException {
        private static final long serialVersionUID = 1L;

        SceneException(String message) {
            super(message);
        }

        SceneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
