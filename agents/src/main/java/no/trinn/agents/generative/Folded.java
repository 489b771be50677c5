package no.trinn.agents.generative;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text folded for curated-list matching: lower case, accents removed (é to e, ü to u) except that the Norwegian
 * letters æ, ø and å stay (folding them would make "hører", hears, into "horer", an insult), apostrophes dropped
 * ("don't" is "dont"), every other character that is no letter or digit a word break. Data and checked text are
 * folded the same way, so matching is case- and accent-insensitive and works on whole words.
 */
final class Folded {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Folded() {
    }

    /** {@code text} folded, words separated by single spaces, with one space before and after (for word matching). */
    static String padded(String text) {
        return " " + fold(text) + " ";
    }

    /** {@code text} folded, words separated by single spaces, stripped. */
    static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(lower.length() + 8);
        lower.codePoints().forEach(cp -> {
            switch (cp) {
                case '\'', '\u2018', '\u2019', '\u02BC', '`', '\u00B4' -> {
                    // dropped: "don't" and "dont" are one word
                }
                case 'æ', 'ø', 'å' -> sb.appendCodePoint(cp);
                case 'ß' -> sb.append("ss");
                default -> {
                    if (Character.isLetterOrDigit(cp)) {
                        Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD).codePoints()
                                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                                .forEach(sb::appendCodePoint);
                    } else if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                        sb.append(' ');
                    }
                }
            }
        });
        return SPACES.matcher(sb).replaceAll(" ").strip();
    }

    /** The folded words of {@code text}. */
    static List<String> words(String text) {
        String f = fold(text);
        return f.isEmpty() ? List.of() : new ArrayList<>(List.of(f.split(" ")));
    }
}
