package no.trinn.speech.echo;

import no.trinn.core.Require;

/**
 * What {@link EchoCanceller#process} returns for one chunk: as many samples as were given, delayed by
 * {@link EchoCanceller#latencySamples()}.
 *
 * @param residual the microphone signal less the estimated echo (16 kHz mono)
 * @param output the residual after the residual echo gate: what voice activity and recognition should hear
 * @param echoShare the share of the chunk's samples the gate judged to be echo only, 0 to 1: energy there is
 *     probably the character's own voice and must not count as the client speaking
 */
public record Cancelled(short[] residual, short[] output, double echoShare) {
    public Cancelled {
        Require.nonNull(residual, "residual");
        Require.nonNull(output, "output");
        if (residual.length != output.length) {
            throw new IllegalArgumentException("residual and output must be as long, were " + residual.length
                    + " and " + output.length);
        }
        Require.inRange(echoShare, 0.0, 1.0, "echoShare");
    }

    /** Whether most of the chunk is probably echo. */
    public boolean probablyEcho() {
        return echoShare > 0.5;
    }
}
