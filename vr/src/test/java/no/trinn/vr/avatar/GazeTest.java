package no.trinn.vr.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import no.trinn.vr.math.Vec3;
import org.junit.jupiter.api.Test;

class GazeTest {
    private static final Vec3 HEAD = new Vec3(0, 1.6, 0);

    @Test
    void anglesPointAtTheTarget() {
        Gaze.Angles ahead = Gaze.toward(HEAD, new Vec3(0, 1.6, 2));
        assertEquals(0, ahead.yawDegrees(), 1e-9);
        assertEquals(0, ahead.pitchDegrees(), 1e-9);
        assertEquals(45, Gaze.toward(HEAD, new Vec3(1, 1.6, 1)).yawDegrees(), 1e-9);
        assertEquals(-45, Gaze.toward(HEAD, new Vec3(-1, 1.6, 1)).yawDegrees(), 1e-9);
        assertEquals(45, Gaze.toward(HEAD, new Vec3(0, 2.6, 1)).pitchDegrees(), 1e-9);
        assertEquals(-26.565, Gaze.toward(HEAD, new Vec3(0, 1.1, 1)).pitchDegrees(), 1e-3);
        assertEquals(0, Gaze.toward(HEAD, HEAD).yawDegrees(), 1e-9);
    }

    @Test
    void headTurnsPartOfTheWayAndTheEyesTheRest() {
        Gaze.Angles gaze = new Gaze.Angles(20, -10);
        Gaze.Angles head = Gaze.head(gaze);
        Gaze.Angles eyes = Gaze.eyes(gaze, head);
        assertEquals(8, head.yawDegrees(), 1e-9);
        assertEquals(-4, head.pitchDegrees(), 1e-9);
        assertEquals(20, head.yawDegrees() + eyes.yawDegrees(), 1e-9);
        assertEquals(-10, head.pitchDegrees() + eyes.pitchDegrees(), 1e-9);
    }

    @Test
    void farTurnsStopAtTheLimits() {
        Gaze.Angles gaze = new Gaze.Angles(170, 80);
        Gaze.Angles head = Gaze.head(gaze);
        Gaze.Angles eyes = Gaze.eyes(gaze, head);
        assertEquals(Gaze.HEAD_YAW_LIMIT, head.yawDegrees(), 1e-9);
        assertEquals(Gaze.HEAD_PITCH_LIMIT, head.pitchDegrees(), 1e-9);
        assertEquals(Gaze.EYE_YAW_LIMIT, eyes.yawDegrees(), 1e-9);
        assertEquals(Gaze.EYE_PITCH_LIMIT, eyes.pitchDegrees(), 1e-9);
    }
}
