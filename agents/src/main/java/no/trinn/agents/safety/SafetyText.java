package no.trinn.agents.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text preparation for the safety layer: bounding, clause splitting and folding into words. Folding lower-cases,
 * removes accents (é to e, å to a) and maps the letters that do not decompose (æ to ae, ø to o, ß to ss), drops
 * every apostrophe (so "don't", "don’t" and "dont" are one word), and turns every other non-letter, non-digit
 * (emoji included) into a word break. Data and client text are folded the same way, so matching is case-, accent-
 * and apostrophe-insensitive.
 */
final class SafetyText {
    /** Only this many characters of an utterance are examined. */
    static final int MAX_CHARS = 2_000;

    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.!?;:,\\n\\r\\u2026\\u2013\\u2014]+|\\s-+\\s");
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?\\n\\r\\u2026])\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SafetyText() {
    }

    /**
     * The first {@link #MAX_CHARS} characters of {@code text} (never splitting a surrogate pair), with control
     * characters other than line breaks and tabs, and unpaired surrogates, removed.
     */
    static String bound(String text) {
        int end = Math.min(text.length(), MAX_CHARS);
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder sb = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                continue;
            } else if (c == '\n' || c == '\r' || c == '\t' || !Character.isISOControl(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The folded words of {@code text}; empty if it holds no letter or digit. */
    static List<String> words(String text) {
        String folded = fold(text).strip();
        return folded.isEmpty() ? List.of() : Arrays.asList(SPACES.split(folded));
    }

    /** The folded words of each clause of {@code text} (split at . ! ? ; : , line breaks and dashes); no empty ones. */
    static List<List<String>> clauses(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String part : CLAUSE_BREAK.split(text)) {
            List<String> w = words(part);
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The sentences of {@code text} as written (split after . ! ? and line breaks), stripped, no blank ones. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_BREAK.split(text)) {
            if (hasLetterOrDigit(s)) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** Whether {@code text} holds at least one letter or digit. */
    static boolean hasLetterOrDigit(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** Folds {@code text} as described on the class; word breaks become single spaces, not stripped. */
    static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(lower.length());
        lower.codePoints().forEach(cp -> {
            switch (cp) {
                case '\'', '\u2018', '\u2019', '\u201B', '\u02BC', '\u02B9', '\u0060', '\u00B4', '\u2032', '\uFF07' -> {
                    // apostrophes vanish: "don't" and "dont" become one word
                }
                case 'æ' -> sb.append("ae");
                case 'ø' -> sb.append('o');
                case 'ß' -> sb.append("ss");
                case 'đ' -> sb.append('d');
                case 'ł' -> sb.append('l');
                default -> {
                    if (Character.isLetterOrDigit(cp)) {
                        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)),
                                Normalizer.Form.NFD);
                        decomposed.codePoints()
                                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                                .forEach(sb::appendCodePoint);
                    } else if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                        sb.append(' ');
                    }
                }
            }
        });
        return SPACES.matcher(sb).replaceAll(" ");
    }
}
