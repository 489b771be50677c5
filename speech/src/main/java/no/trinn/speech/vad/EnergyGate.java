package no.trinn.speech.vad;

import no.trinn.core.Require;

/**
 * A cheap first test in front of the voice activity model: a frame whose level (RMS, in dB relative to full scale)
 * is below the threshold is silence without asking the model. Stateless and thread-safe.
 *
 * @param thresholdDbfs frames quieter than this are silent, -100 to 0 dBFS
 */
public record EnergyGate(double thresholdDbfs) {
    public EnergyGate {
        Require.inRange(thresholdDbfs, -100, 0, "thresholdDbfs");
    }

    /** Whether {@code frame} (samples in [-1, 1)) is loud enough to be worth asking the model. */
    public boolean open(float[] frame) {
        return levelDbfs(frame) >= thresholdDbfs;
    }

    /** The RMS level of {@code frame} in dBFS; -120 for digital silence. */
    public static double levelDbfs(float[] frame) {
        Require.nonNull(frame, "frame");
        double sum = 0;
        for (float s : frame) {
            sum += s * s;
        }
        double rms = Math.sqrt(sum / Math.max(1, frame.length));
        return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
    }
}
