package no.trinn.core.frame;

/**
 * What flows through a session's pipeline. Frames are immutable. Data frames carry what was said; control frames
 * (interrupt, pause, resume, stop) overtake queued data frames.
 */
public sealed interface Frame permits ClientUtterance, CharacterUtterance, Notice, ControlFrame {
    /** When the frame was made, in {@link no.trinn.core.Clock#nanoTime()} units. */
    long atNanos();
}
