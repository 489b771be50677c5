package no.trinn.vr.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import no.trinn.vr.Viseme;
import no.trinn.vr.VisemeCue;
import no.trinn.vr.math.Vec3;
import org.junit.jupiter.api.Test;

class AnimatorTest {
    private static final Vec3 HEAD = new Vec3(0, 1.6, 0);
    private static final Vec3 CLIENT = new Vec3(0.5, 1.6, 1.5);

    private static Animator.Input input(boolean listening, Optional<Animator.Speech> speech, Affect affect,
            Affect before, double since) {
        return new Animator.Input(9, affect, before, since, listening, speech, HEAD, CLIENT);
    }

    @Test
    void samePoseForTheSameTimeAndInputs() {
        Animator.Input in = input(false, Optional.empty(), Affect.NEUTRAL, Affect.NEUTRAL, 0);
        assertEquals(Animator.at(3.21, in), Animator.at(3.21, in));
        assertNotEquals(Animator.at(3.21, in).breath(), Animator.at(4.5, in).breath());
    }

    @Test
    void looksTowardTheClientWithHeadAndEyes() {
        AvatarState s = Animator.at(1.0, input(false, Optional.empty(), Affect.NEUTRAL, Affect.NEUTRAL, 0));
        double gaze = Gaze.toward(HEAD, CLIENT).yawDegrees();
        assertTrue(s.headYaw() > 0 && s.eyeYaw() > 0, "turns toward +x: " + s);
        assertEquals(gaze, s.headYaw() + s.eyeYaw(), 5, "head and eyes together look at the client");
    }

    @Test
    void nodsOnlyWhileListening() {
        double deepest = 0;
        for (double t = 0; t < 10; t += 0.02) {
            deepest = Math.max(deepest, Animator.nod(9, t));
        }
        assertTrue(deepest > Animator.NOD_DEGREES * 0.5, "a nod dips: " + deepest);
        double spread = 0;
        for (double t = 0; t < 10; t += 0.02) {
            double listening = Animator.at(t, input(true, Optional.empty(), Affect.NEUTRAL, Affect.NEUTRAL, 0))
                    .headPitch();
            double idle = Animator.at(t, input(false, Optional.empty(), Affect.NEUTRAL, Affect.NEUTRAL, 0))
                    .headPitch();
            spread = Math.max(spread, idle - listening);
        }
        assertEquals(deepest, spread, 1e-9);
    }

    @Test
    void expressionEasesFromThePreviousAffect() {
        Animator.Input in = input(false, Optional.empty(), Affect.WARM, Affect.IMPATIENT, 2.0);
        assertEquals(Expression.of(Affect.IMPATIENT), Animator.at(1.9, in).expression());
        assertEquals(Expression.of(Affect.WARM), Animator.at(2.0 + Animator.AFFECT_EASE_SECONDS, in).expression());
        double mid = Animator.at(2.0 + Animator.AFFECT_EASE_SECONDS / 2, in).expression().smile();
        assertTrue(mid > Expression.of(Affect.IMPATIENT).smile() && mid < Expression.of(Affect.WARM).smile());
        assertTrue(Expression.of(Affect.CONCERNED).browTilt() > 0.5, "worried brows: inner ends up");
        assertTrue(Expression.of(Affect.IMPATIENT).browTilt() < -0.5, "annoyed brows: inner ends down");
        assertEquals(Affect.IMPATIENT, Affect.parse("Annoyed"));
        assertEquals(Affect.WARM, Affect.parse("happy"));
        assertEquals(Affect.NEUTRAL, Affect.parse("whatever"));
    }

    @Test
    void lipSyncFollowsTheSpeechClock() {
        Animator.Speech speech = new Animator.Speech(5.0, List.of(new VisemeCue(0, Viseme.CLOSED),
                new VisemeCue(100, Viseme.OPEN), new VisemeCue(300, Viseme.CLOSED)), 400);
        Animator.Input in = input(false, Optional.of(speech), Affect.NEUTRAL, Affect.NEUTRAL, 0);
        assertTrue(Animator.at(5.2, in).mouth().open() > 0.85);
        assertEquals(0, Animator.at(5.35, in).mouth().open(), 1e-9);
        assertEquals(MouthShape.REST, Animator.at(4.0, in).mouth());
        assertEquals(MouthShape.REST, Animator.at(6.0, in).mouth());
    }

    @Test
    void charactersLookDifferentButEachKeepsItsLook() {
        assertEquals(Avatar.forCharacterId("pharmacist"), Avatar.forCharacterId("pharmacist"));
        long distinct = List.of("pharmacist", "barista", "clerk", "adviser", "neighbour", "friend", "cashier",
                "interviewer").stream().map(id -> Avatar.forCharacterId(id).top()).distinct().count();
        assertTrue(distinct >= 4, "distinct clothes colours: " + distinct);
        TextVisemes.Estimate e = TextVisemes.estimate("Hi, Bob!");
        assertEquals(Viseme.NARROW, e.cues().getFirst().viseme());
        assertTrue(e.cues().stream().anyMatch(c -> c.viseme() == Viseme.CLOSED));
        assertTrue(e.durationMillis() > 300);
    }
}
