package no.trinn.vr.avatar;

import java.util.Locale;

/**
 * The feelings an avatar's face can show. Dialogue engines name affects freely; {@link #parse(String)} maps the
 * words they use onto these.
 */
public enum Affect {
    NEUTRAL, WARM, CONCERNED, IMPATIENT, COOL;

    /**
     * The affect a word names: warm/happy/friendly/pleased/glad → WARM; concerned/worried/sad/sympathetic/anxious/
     * sorry → CONCERNED; impatient/annoyed/irritated/angry/frustrated → IMPATIENT; cool/cold/distant/curt → COOL;
     * anything else (including blank) → NEUTRAL. Case is ignored.
     */
    public static Affect parse(String word) {
        if (word == null) {
            return NEUTRAL;
        }
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "warm", "happy", "friendly", "pleased", "glad", "cheerful" -> WARM;
            case "concerned", "worried", "sad", "sympathetic", "anxious", "sorry", "caring" -> CONCERNED;
            case "impatient", "annoyed", "irritated", "angry", "frustrated", "stressed" -> IMPATIENT;
            case "cool", "cold", "distant", "curt", "reserved" -> COOL;
            default -> NEUTRAL;
        };
    }
}
