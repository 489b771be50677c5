package no.trinn.core.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private final List<Frame> down = new ArrayList<>();
    private final List<Frame> up = new ArrayList<>();

    @Test
    void framesTravelThroughEveryStageInOrderAndUnknownFramesPassOn() {
        List<String> seen = new ArrayList<>();
        Stage a = (f, d, out) -> {
            seen.add("a");
            out.emit(f, d);
        };
        Stage upper = (f, d, out) -> {
            seen.add("upper");
            if (f instanceof ClientUtterance u) {
                out.emit(new ClientUtterance(u.text().toUpperCase(), u.atNanos()), d);
            } else {
                out.emit(f, d);
            }
        };
        Pipeline p = new Pipeline(List.of(a, upper, Stage.passThrough()), down::add, up::add);
        p.push(new ClientUtterance("hello", 1));
        p.push(new ControlFrame.Resume(2));
        assertEquals(List.of(new ClientUtterance("HELLO", 1), new ControlFrame.Resume(2)), down);
        assertEquals(List.of("a", "upper", "a", "upper"), seen);
        assertTrue(up.isEmpty());
    }

    @Test
    void controlFramesOvertakeQueuedDataFrames() {
        // the first stage turns one utterance into two replies and then a pause; the pause must arrive first
        Stage burst = (f, d, out) -> {
            if (f instanceof ClientUtterance) {
                out.emit(new CharacterUtterance("c", "one", "neutral", 1), d);
                out.emit(new CharacterUtterance("c", "two", "neutral", 2), d);
                out.emit(new ControlFrame.Pause("test", 3), d);
            } else {
                out.emit(f, d);
            }
        };
        Pipeline p = new Pipeline(List.of(burst, Stage.passThrough()), down::add, up::add);
        p.push(new ClientUtterance("go", 0));
        assertEquals(3, down.size());
        assertEquals(new ControlFrame.Pause("test", 3), down.get(0));
        assertEquals("one", ((CharacterUtterance) down.get(1)).text());
        assertEquals("two", ((CharacterUtterance) down.get(2)).text());
    }

    @Test
    void upstreamFramesLeaveAtTheTopAndStagesMayTurnFramesAround() {
        Stage bounce = (f, d, out) -> {
            if (f instanceof ControlFrame.Interrupt && d == Direction.DOWNSTREAM) {
                out.emit(f, Direction.UPSTREAM);
            } else {
                out.emit(f, d);
            }
        };
        Pipeline p = new Pipeline(List.of(Stage.passThrough(), bounce), down::add, up::add);
        p.push(new ControlFrame.Interrupt(5));
        p.pushUpstream(new ControlFrame.Resume(6));
        assertEquals(List.of(new ControlFrame.Interrupt(5), new ControlFrame.Resume(6)), up);
        assertTrue(down.isEmpty());
    }

    @Test
    void framesValidateTheirFields() {
        assertThrows(IllegalArgumentException.class, () -> new CharacterUtterance("c", " ", "neutral", 0));
        assertThrows(IllegalArgumentException.class, () -> new ControlFrame.Pause("", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Notice(Notice.Kind.COACH, "", 0));
        assertTrue(e.getMessage().contains("text"), e.getMessage());
    }
}
