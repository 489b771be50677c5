package no.trinn.agents.dialogue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Text helpers shared by the dialogue engines: normalisation and tokenisation for matching. */
public final class Text {
    /** The most characters of one client utterance that a session uses. */
    public static final int MAX_UTTERANCE_CHARS = 2_000;

    private Text() {
    }

    /**
     * Lower-cases, folds accents except the Norwegian letters æ, ø and å, unifies apostrophes and turns every
     * other non-letter, non-digit into a space.
     */
    public static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('`', '\'');
        StringBuilder sb = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == 'æ' || c == 'ø' || c == 'å') {
                sb.append(c);
            } else if (Character.isLetterOrDigit(c) || c == '\'') {
                String folded = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
                sb.append(folded.charAt(0));
            } else {
                sb.append(' ');
            }
        }
        return sb.toString().replaceAll("\\s+", " ").strip();
    }

    /** The normalised words of {@code text}, apostrophes removed, without the given stop words. */
    public static List<String> contentWords(String text, Set<String> stopWords) {
        List<String> out = new ArrayList<>();
        for (String w : normalise(text).split(" ")) {
            String word = w.replace("'", "");
            if (!word.isEmpty() && !stopWords.contains(word)) {
                out.add(word);
            }
        }
        return out;
    }

    /** Number of words (white-space separated runs containing a letter or digit). */
    public static int wordCount(String text) {
        String n = normalise(text);
        return n.isEmpty() ? 0 : n.split(" ").length;
    }

    /**
     * Makes client input safe to process: removes control characters (keeping none; line breaks become spaces),
     * replaces undecodable characters' replacement marks by nothing, collapses white space and cuts it to
     * {@link #MAX_UTTERANCE_CHARS} characters without splitting a surrogate pair.
     */
    public static String sanitise(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_UTTERANCE_CHARS + 16));
        for (int i = 0; i < text.length() && sb.length() < MAX_UTTERANCE_CHARS; i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD' || (Character.isISOControl(c) && !Character.isWhitespace(c))) {
                continue;
            }
            if (Character.isHighSurrogate(c) && sb.length() == MAX_UTTERANCE_CHARS - 1) {
                break;
            }
            sb.append(Character.isWhitespace(c) ? ' ' : c);
        }
        return sb.toString().replaceAll(" {2,}", " ").strip();
    }
}
