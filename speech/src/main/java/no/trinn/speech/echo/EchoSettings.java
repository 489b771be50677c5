package no.trinn.speech.echo;

import no.trinn.core.Require;

/**
 * How {@link EchoCanceller} works.
 *
 * @param tailMillis the longest echo it models (speaker buffering + acoustic delay + the room's reverberation),
 *     16 to 1,024 ms, rounded up to whole 8 ms blocks
 * @param step the background filter's normalised step size, 0.01 to 1 (larger converges faster, misadjusts more)
 * @param gateFloorDb the gain of the residual echo gate on a block judged to be echo only, -80 to 0 dB
 */
public record EchoSettings(int tailMillis, double step, double gateFloorDb) {
    /** A 256 ms tail, step 0.8, gate floor -40 dB. */
    public static final EchoSettings DEFAULT = new EchoSettings(256, 0.8, -40);

    public EchoSettings {
        Require.inRange(tailMillis, 16, 1_024, "tailMillis");
        Require.inRange(step, 0.01, 1.0, "step");
        Require.inRange(gateFloorDb, -80, 0, "gateFloorDb");
    }
}
