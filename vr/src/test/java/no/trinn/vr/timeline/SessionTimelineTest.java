package no.trinn.vr.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import no.trinn.vr.Viseme;
import no.trinn.vr.VisemeCue;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.avatar.Expression;
import no.trinn.vr.avatar.Affect;
import no.trinn.vr.avatar.MouthShape;
import no.trinn.vr.render.Caption;
import no.trinn.vr.render.Frame;
import no.trinn.vr.scene.SceneLibrary;
import no.trinn.vr.scene.SettingKind;
import org.junit.jupiter.api.Test;

class SessionTimelineTest {
    private static final SessionTimeline TIMELINE = new SessionTimeline(
            SceneLibrary.shipped().scene(SettingKind.CAFE), Avatar.forCharacterId("barista"), List.of(
                    new SessionTimeline.Line(Caption.Side.CHARACTER, "Ola", "Hi there, what can I get you?", 1.0, 1000,
                            List.of(new VisemeCue(0, Viseme.CLOSED), new VisemeCue(200, Viseme.OPEN),
                                    new VisemeCue(600, Viseme.CLOSED)), "warm"),
                    SessionTimeline.Line.client("You", "A coffee, please.", 3.0),
                    new SessionTimeline.Line(Caption.Side.CHARACTER, "Ola", "Sorry, we are out of milk.", 9.0, 1500,
                            List.of(new VisemeCue(0, Viseme.OPEN)), "concerned")),
            List.of(new SessionTimeline.Pause(20, 25)));

    @Test
    void speaksWithLipSyncWhileItsLineLasts() {
        assertTrue(TIMELINE.at(1.4, true).avatar().mouth().open() > 0.85);
        assertEquals(0, TIMELINE.at(1.8, true).avatar().mouth().open(), 1e-9);
        assertEquals(MouthShape.REST, TIMELINE.at(0.5, true).avatar().mouth());
        assertEquals(MouthShape.REST, TIMELINE.at(2.5, true).avatar().mouth());
    }

    @Test
    void captionsShowForBothSidesAndFadeAfterTheHold() {
        SessionTimeline.State both = TIMELINE.at(3.5, true);
        assertEquals(List.of("Ola", "You"), both.captions().lines().stream().map(Caption::speaker).toList());
        assertTrue(both.captions().visible());
        assertFalse(TIMELINE.at(3.5, false).captions().visible());
        assertEquals(List.of(), TIMELINE.at(0.5, true).captions().lines());
        // the client's line ends near 4.2 s; three seconds later only silence is left
        assertEquals(List.of(), TIMELINE.at(8.5, true).captions().lines());
        List<Caption> later = TIMELINE.at(9.5, true).captions().lines();
        assertEquals(1, later.size());
        assertEquals("Sorry, we are out of milk.", later.getFirst().text());
    }

    @Test
    void affectFollowsTheLatestCharacterLine() {
        assertEquals(Expression.of(Affect.WARM), TIMELINE.at(5, true).avatar().expression());
        assertEquals(Expression.of(Affect.CONCERNED), TIMELINE.at(10, true).avatar().expression());
    }

    @Test
    void pausesShowThePauseScreen() {
        assertTrue(TIMELINE.at(22, true).pause().isPresent());
        assertFalse(TIMELINE.at(19, true).pause().isPresent());
        Frame frame = TIMELINE.frame(22, true);
        assertEquals(Frame.PAUSE_TEXT, frame.pause().orElseThrow());
        assertEquals(10.5, TIMELINE.endSeconds(), 1e-9);
    }
}
