package no.trinn.app.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import no.trinn.app.practice.RecordingSink;
import no.trinn.app.practice.TranscriptSink;
import no.trinn.app.voice.SpokenTranscript;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.Notice;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.vr.Viseme;
import no.trinn.vr.VisemeCue;
import no.trinn.vr.render.Caption;
import no.trinn.vr.timeline.SessionTimeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class SceneViewTest {
    private static final Scenario COFFEE = ScenarioLibrary.shipped().require("coffee-order");

    @Test
    void everyLineAndPauseOfTheSessionReachesTheSceneAndTheTranscriptStillGetsEverything() {
        SceneView view = new SceneView(COFFEE, Optional.empty());
        RecordingSink shown = new RecordingSink();
        AtomicBoolean paused = new AtomicBoolean();
        TranscriptSink sink = view.showing(shown, paused::get);
        sink.frames(List.of(new CharacterUtterance("barista", "Hi there! What can I get for you?", "warm", 0)));
        sink.client("A flat white, please.");
        sink.client("");
        paused.set(true);
        sink.frames(List.of(new Notice(Notice.Kind.STATUS, "Paused.", 0)));

        SessionTimeline t = view.timeline();
        List<SessionTimeline.Line> lines = t.lines();
        assertEquals(2, lines.size(), "a silence is no line: " + lines);
        assertEquals(Caption.Side.CHARACTER, lines.get(0).side());
        assertEquals("Sam", lines.get(0).speaker(), "the character's name, not its id");
        assertTrue(!lines.get(0).visemes().isEmpty(), "the lips get visemes estimated from the text");
        assertEquals(Caption.Side.CLIENT, lines.get(1).side());
        assertTrue(t.at(1e6, true).pause().isPresent(), "the pause shows the calm pause scene");
        assertTrue(t.at(0, true).pause().isEmpty(), "not before the session paused");
        assertEquals(List.of("frames", "client:A flat white, please.", "client:", "frames"), shown.calls());
        view.close();
    }

    @Test
    void spokenClausesCarryTheSynthesizersVisemesAndFollowOneAnother() {
        SceneView view = new SceneView(COFFEE, Optional.empty());
        TranscriptSink sink = view.showing(new RecordingSink(), () -> false, false);
        sink.frames(List.of(new CharacterUtterance("barista", "Hi there! What can I get for you?", "warm", 0)));
        assertEquals(List.of(), view.timeline().lines(), "a spoken line reaches the scene through its clauses");
        List<VisemeCue> cues = List.of(new VisemeCue(0, Viseme.REST), new VisemeCue(120, Viseme.OPEN),
                new VisemeCue(400, Viseme.REST));
        view.spoken(new SpokenTranscript.SpokenClause("barista", "Hi there!", "warm", cues, 900));
        view.spoken(new SpokenTranscript.SpokenClause("barista", "What can I get for you?", "warm", cues, 1400));
        List<SessionTimeline.Line> lines = view.timeline().lines();
        assertEquals(2, lines.size());
        assertEquals(cues, lines.get(0).visemes(), "the synthesizer's timeline, not an estimate");
        assertTrue(lines.get(1).startSeconds() >= lines.get(0).startSeconds() + 0.9 - 1e-9,
                "the second clause starts when the first has been spoken: " + lines);
        view.close();
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+", disabledReason = "no display ($DISPLAY unset): "
            + "the window path needs one (.ci/run starts Xvfb)")
    void aWindowShowsTheSceneWhileTheSessionRuns() throws InterruptedException {
        StringWriter err = new StringWriter();
        Optional<SceneView> view = SceneView.start(no.trinn.vr.output.Outputs.Preference.WINDOW, COFFEE, true,
                new PrintWriter(err, true));
        assertTrue(view.isPresent(), err.toString());
        assertTrue(err.toString().contains("window"), err.toString());
        Thread.sleep(300);
        assertTrue(view.get().showing(), "the window stays open while the session runs");
        view.get().close();
        assertTrue(!view.get().showing());
    }
}
