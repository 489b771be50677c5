package no.trinn.speech.tts;

import java.util.Map;
import no.trinn.core.Require;

/**
 * How one character's speech should sound, in engine-neutral terms.
 *
 * <p>{@link #derive} is the one mapping from a character's data to these settings (a character's voice record, its
 * temperament and the {@code speechRate} behaviour parameter), so that characters sharing an engine voice still
 * sound distinct:
 * <ul>
 * <li>rate, a signed percentage of the voice's own rate: {@code 40 * voice.rate + 60 * (speechRate - 0.5)
 * + 10 * (talkativeness - 0.5) + 10 * (irritability - 0.5)}, rounded, clamped to [-50, +60];</li>
 * <li>pitch, a signed percentage of the voice's own pitch: {@code 25 * voice.pitch + 10 * (warmth - 0.5)
 * - 6 * (irritability - 0.5)}, rounded, clamped to [-40, +40];</li>
 * <li>timbre (MaryTTS only, which has a single voice): vocal tract scale {@code 1 + 0.15 * voice.pitch}
 * (the amount of MaryTTS's TractScaler effect, which shifts the formants) and an F0 offset of
 * {@code 20 * voice.pitch} Hz (its F0Add effect).</li>
 * </ul>
 * A missing temperament parameter counts as 0.5 (neutral). espeak-ng uses rate and pitch only.
 *
 * @param voice the engine's voice name, e.g. {@code cmu-slt-hsmm}, {@code en} or {@code nb}
 * @param ratePercent speaking rate change in percent, [-50, +100]; 0 is the voice's own rate
 * @param pitchPercent pitch change in percent, [-50, +50]; 0 is the voice's own pitch
 * @param tractScale vocal tract scale for engines that support it, [0.7, 1.4]; 1 leaves the timbre alone
 * @param f0AddHertz constant added to the fundamental frequency for engines that support it, [-60, +60]
 */
public record VoiceSettings(String voice, int ratePercent, int pitchPercent, double tractScale, double f0AddHertz) {
    public VoiceSettings {
        Require.nonBlank(voice, "voice");
        Require.inRange(ratePercent, -50, 100, "ratePercent");
        Require.inRange(pitchPercent, -50, 50, "pitchPercent");
        Require.inRange(tractScale, 0.7, 1.4, "tractScale");
        Require.inRange(f0AddHertz, -60.0, 60.0, "f0AddHertz");
    }

    /** The voice as it comes, without changes. */
    public static VoiceSettings neutral(String voice) {
        return new VoiceSettings(voice, 0, 0, 1.0, 0.0);
    }

    /**
     * Settings for a character (see the class comment for the mapping).
     *
     * @param voice the engine voice name from the character's voice record
     * @param pitch the voice record's pitch shift, [-1, 1]
     * @param rate the voice record's rate shift, [-1, 1]
     * @param temperament the character's temperament values by name, each in [0, 1]
     * @param speechRate the current {@code speechRate} behaviour parameter, [0, 1], 0.5 ordinary
     */
    public static VoiceSettings derive(String voice, double pitch, double rate, Map<String, Double> temperament,
            double speechRate) {
        Require.inRange(pitch, -1.0, 1.0, "pitch");
        Require.inRange(rate, -1.0, 1.0, "rate");
        Require.nonNull(temperament, "temperament");
        temperament.forEach((name, value) -> Require.inRange(Require.nonNull(value, "temperament." + name), 0.0,
                1.0, "temperament." + name));
        Require.inRange(speechRate, 0.0, 1.0, "speechRate");
        double talkativeness = temperament.getOrDefault("talkativeness", 0.5);
        double irritability = temperament.getOrDefault("irritability", 0.5);
        double warmth = temperament.getOrDefault("warmth", 0.5);
        long ratePercent = Math.round(40 * rate + 60 * (speechRate - 0.5) + 10 * (talkativeness - 0.5)
                + 10 * (irritability - 0.5));
        long pitchPercent = Math.round(25 * pitch + 10 * (warmth - 0.5) - 6 * (irritability - 0.5));
        return new VoiceSettings(voice, Math.clamp(ratePercent, -50, 60), Math.clamp(pitchPercent, -40,
                40), 1.0 + 0.15 * pitch, 20.0 * pitch);
    }

    /** The rate as an SSML prosody value with an explicit sign, e.g. {@code +20%} or {@code -10%}. */
    public String ssmlRate() {
        return signedPercent(ratePercent);
    }

    /** The pitch as an SSML prosody value with an explicit sign, e.g. {@code +15%} or {@code -5%}. */
    public String ssmlPitch() {
        return signedPercent(pitchPercent);
    }

    private static String signedPercent(int percent) {
        return (percent < 0 ? "-" : "+") + Math.abs(percent) + "%";
    }
}
