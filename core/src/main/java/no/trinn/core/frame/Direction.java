package no.trinn.core.frame;

/** Which way a frame travels: from the client towards the character's output, or back up. */
public enum Direction {
    /** From the client's input towards the output (speaker, screen). */
    DOWNSTREAM,
    /** From the output back towards the input (e.g. what playback actually played). */
    UPSTREAM
}
