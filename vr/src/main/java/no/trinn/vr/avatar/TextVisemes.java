package no.trinn.vr.avatar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.trinn.core.Require;
import no.trinn.vr.Viseme;
import no.trinn.vr.VisemeCue;

/**
 * A rough viseme timeline from spelling alone, for text mode and still images when no synthesizer gave phoneme
 * timings: each letter takes {@link #LETTER_MILLIS}, a space {@link #SPACE_MILLIS}, a comma or full stop
 * {@link #STOP_MILLIS}. Vowels open or round the mouth, p/b/m close it, f/v touch the teeth; equal neighbours merge.
 */
public final class TextVisemes {
    public static final long LETTER_MILLIS = 70;
    public static final long SPACE_MILLIS = 60;
    public static final long STOP_MILLIS = 220;

    private TextVisemes() {
    }

    /**
     * The estimated timeline of {@code text}.
     *
     * @param cues the cues, starting at 0
     * @param durationMillis when the estimated speech ends
     */
    public record Estimate(List<VisemeCue> cues, long durationMillis) {
        public Estimate {
            cues = List.copyOf(cues);
        }
    }

    /** The estimate for {@code text}. */
    public static Estimate estimate(String text) {
        Require.nonNull(text, "text");
        String s = text.toLowerCase(Locale.ROOT);
        List<VisemeCue> cues = new ArrayList<>();
        long t = 0;
        Viseme last = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            Viseme v;
            long d;
            if (c == 't' && i + 1 < s.length() && s.charAt(i + 1) == 'h') {
                v = Viseme.TONGUE_TEETH;
                d = LETTER_MILLIS;
                i++;
            } else if (Character.isLetter(c)) {
                v = letter(c);
                d = LETTER_MILLIS;
            } else if (c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ':') {
                v = Viseme.REST;
                d = STOP_MILLIS;
            } else if (Character.isWhitespace(c)) {
                v = Viseme.REST;
                d = SPACE_MILLIS;
            } else {
                continue;
            }
            if (v != last) {
                cues.add(new VisemeCue(t, v));
                last = v;
            }
            t += d;
        }
        return new Estimate(cues, t);
    }

    private static Viseme letter(char c) {
        return switch (c) {
            case 'a', 'æ' -> Viseme.OPEN;
            case 'e', 'i', 'y' -> Viseme.SPREAD;
            case 'o', 'u', 'w', 'å', 'ø', 'q' -> Viseme.ROUND;
            case 'p', 'b', 'm' -> Viseme.CLOSED;
            case 'f', 'v' -> Viseme.LIP_TEETH;
            default -> Viseme.NARROW;
        };
    }
}
