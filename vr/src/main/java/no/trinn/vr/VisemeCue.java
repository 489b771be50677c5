package no.trinn.vr;

import no.trinn.core.Require;

/**
 * One mouth shape held from {@code startMillis} until the next cue, relative to the start of a line's audio.
 *
 * @param startMillis when the shape starts, in milliseconds from the start of the audio
 * @param viseme the shape
 */
public record VisemeCue(long startMillis, Viseme viseme) {
    public VisemeCue {
        Require.inRange(startMillis, 0, Long.MAX_VALUE, "startMillis");
        Require.nonNull(viseme, "viseme");
    }
}
