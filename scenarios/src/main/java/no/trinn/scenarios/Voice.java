package no.trinn.scenarios;

import no.trinn.core.Require;

/**
 * How a character sounds.
 *
 * @param name the voice's name in its engine, e.g. {@code cmu-slt-hsmm} or {@code nb}
 * @param pitch pitch shift in [-1, 1], 0 being the voice's own
 * @param rate speaking-rate shift in [-1, 1], 0 being the voice's own
 */
public record Voice(String name, double pitch, double rate) {
    public Voice {
        Require.nonBlank(name, "name");
        Require.inRange(pitch, -1.0, 1.0, "pitch");
        Require.inRange(rate, -1.0, 1.0, "rate");
    }
}
