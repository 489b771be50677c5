package no.trinn.speech.vad;

import no.trinn.core.Require;

/**
 * How {@link VoiceActivityDetector} turns per-frame speech probabilities into speech segments.
 *
 * @param startThreshold a frame at or above this probability counts as speech, 0.05 to 0.99
 * @param endThreshold inside speech, a frame below this counts as silence (hysteresis: at most startThreshold)
 * @param minSpeechMillis speech must last this long before it starts (shorter bursts are ignored), 0 to 5,000
 * @param minSilenceMillis silence must last this long before speech ends, 0 to 10,000
 * @param gateDbfs frames quieter than this are silent without asking the model (see {@link EnergyGate})
 */
public record VadSettings(double startThreshold, double endThreshold, int minSpeechMillis, int minSilenceMillis,
        double gateDbfs) {
    /** Silero's usual thresholds, 96 ms minimum speech, 320 ms minimum silence, gate at -55 dBFS. */
    public static final VadSettings DEFAULT = new VadSettings(0.5, 0.35, 96, 320, -55);

    public VadSettings {
        Require.inRange(startThreshold, 0.05, 0.99, "startThreshold");
        Require.inRange(endThreshold, 0.01, startThreshold, "endThreshold");
        Require.inRange(minSpeechMillis, 0, 5_000, "minSpeechMillis");
        Require.inRange(minSilenceMillis, 0, 10_000, "minSilenceMillis");
        Require.inRange(gateDbfs, -100, 0, "gateDbfs");
    }

    /** These settings with another minimum silence. */
    public VadSettings withMinSilenceMillis(int millis) {
        return new VadSettings(startThreshold, endThreshold, minSpeechMillis, millis, gateDbfs);
    }
}
