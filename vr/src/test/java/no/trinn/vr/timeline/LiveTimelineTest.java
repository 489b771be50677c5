package no.trinn.vr.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.scene.SceneLibrary;
import no.trinn.vr.scene.SettingKind;
import org.junit.jupiter.api.Test;

class LiveTimelineTest {
    @Test
    void linesAndPausesShowAsTheyArrive() {
        LiveTimeline live = new LiveTimeline(SceneLibrary.shipped().scene(SettingKind.PHARMACY),
                Avatar.forCharacterId("pharmacist"));
        assertTrue(live.frame(1, true, Optional.empty()).captions().lines().isEmpty());
        live.add(SessionTimeline.Line.character("Priya", "Hello there.", 0.5, "warm"));
        assertEquals("Hello there.", live.frame(1, true, Optional.empty()).captions().lines().getFirst().text());
        live.pause(2);
        assertTrue(live.frame(50, true, Optional.empty()).pause().isPresent(), "an open pause lasts");
        live.resume(3);
        assertTrue(live.frame(2.5, true, Optional.empty()).pause().isPresent());
        assertTrue(live.frame(3.5, true, Optional.empty()).pause().isEmpty());
    }

    @Test
    void theGazeFollowsATrackedHead() {
        LiveTimeline live = new LiveTimeline(SceneLibrary.shipped().scene(SettingKind.PHARMACY),
                Avatar.forCharacterId("pharmacist"));
        double ahead = live.frame(1, true, Optional.empty()).avatarState().headYaw();
        Vec3 eye = live.snapshot().scene().camera().eye();
        double aside = live.frame(1, true, Optional.of(eye.plus(new Vec3(1.0, 0, 0)))).avatarState()
                .headYaw();
        assertTrue(Math.abs(aside - ahead) > 5, "the head turns toward a head moved aside: " + ahead + " -> " + aside);
    }
}
