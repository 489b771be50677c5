package no.trinn.speech.asr;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.trinn.core.Require;

/**
 * Turns expected phrases (e.g. the examples of a scenario state's intents) into the word sequences a grammar-mode
 * recognizer is given: lower case, punctuation removed (apostrophes inside words kept), digits and symbols dropped,
 * spaces collapsed, duplicates and empty phrases removed, order kept.
 */
public final class Phrases {
    private Phrases() {
    }

    /** The normalised, distinct, non-empty phrases of {@code phrases}. */
    public static List<String> normalise(List<String> phrases) {
        Require.nonNull(phrases, "phrases");
        Set<String> out = new LinkedHashSet<>();
        for (String phrase : phrases) {
            String words = normalise(Require.nonNull(phrase, "phrase"));
            if (!words.isEmpty()) {
                out.add(words);
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    /** One phrase normalised; empty if nothing of it is left. */
    public static String normalise(String phrase) {
        String s = Normalizer.normalize(phrase, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'');
        s = s.replaceAll("[^\\p{L}']+", " ").replaceAll("(^|\\s)'+|'+(\\s|$)", " ");
        return s.trim().replaceAll("\\s+", " ");
    }
}
