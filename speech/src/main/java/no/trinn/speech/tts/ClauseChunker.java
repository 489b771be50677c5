package no.trinn.speech.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import no.trinn.core.Require;

/**
 * Splits a reply into clauses as its text arrives, so the first clause can be spoken while the rest is still being
 * generated. Feed text with {@link #push} as it streams in; each call returns the clauses completed so far. Call
 * {@link #finish} at the end of the reply for whatever is left. Not thread-safe: one chunker per reply.
 *
 * <p>A clause ends after {@code . ! ? …} (and any closing quotes or brackets) followed by white space, unless the
 * word is a known abbreviation ("Mr.", "e.g.", "f.eks.") or a single letter or the dot sits inside a number; after
 * {@code , ; :} or a dash between spaces when the clause has at least {@value #MIN_WORDS_AT_COMMA} words (shorter
 * pieces sound choppy); and at the last space before {@value #MAX_CHARS} characters if no punctuation came. Every
 * clause is trimmed and never blank; line breaks end a clause.
 */
public final class ClauseChunker {
    /** Words a clause needs before a comma, semicolon, colon or dash may end it. */
    public static final int MIN_WORDS_AT_COMMA = 4;
    /** Longest clause; longer runs without punctuation are cut at a space. */
    public static final int MAX_CHARS = 200;

    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc",
            "e.g", "i.e", "nr", "ca", "f.eks", "bl.a", "dvs", "osv", "mv", "kl", "tlf", "jf", "evt", "ev");

    private final StringBuilder pending = new StringBuilder();

    /** Splits a whole text at once. */
    public static List<String> split(String text) {
        ClauseChunker chunker = new ClauseChunker();
        List<String> clauses = new ArrayList<>(chunker.push(text));
        chunker.finish().ifPresent(clauses::add);
        return clauses;
    }

    /** Adds the next piece of the reply; returns the clauses it completed, in order. */
    public List<String> push(String text) {
        Require.nonNull(text, "text");
        pending.append(text);
        List<String> clauses = new ArrayList<>();
        int cut;
        while ((cut = nextCut()) > 0) {
            String clause = pending.substring(0, cut).strip();
            pending.delete(0, cut);
            if (!clause.isEmpty()) {
                clauses.add(clause);
            }
        }
        return clauses;
    }

    /** Ends the reply: the rest as a last clause, or empty when nothing but white space is left. */
    public Optional<String> finish() {
        String rest = pending.toString().strip();
        pending.setLength(0);
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    /** Index just past the end of the first complete clause in {@code pending}, or 0 if none is complete yet. */
    private int nextCut() {
        int lastSpace = -1;
        for (int i = 0; i < pending.length(); i++) {
            char c = pending.charAt(i);
            if (c == '\n' || c == '\r') {
                return i + 1;
            }
            boolean followedBySpace = i + 1 < pending.length() && Character.isWhitespace(pending.charAt(i + 1));
            if (isSentenceEnd(c)) {
                int end = i + 1;
                while (end < pending.length() && isCloser(pending.charAt(end))) {
                    end++;
                }
                if (end < pending.length() && Character.isWhitespace(pending.charAt(end))
                        && !(c == '.' && isAbbreviationOrNumber(i))) {
                    return end;
                }
            } else if ((c == ',' || c == ';' || c == ':') && followedBySpace && words(i) >= MIN_WORDS_AT_COMMA) {
                return i + 1;
            } else if ((c == '-' || c == '–' || c == '—') && i > 0 && Character.isWhitespace(pending.charAt(i - 1))
                    && followedBySpace && words(i) >= MIN_WORDS_AT_COMMA) {
                return i + 1;
            }
            if (Character.isWhitespace(c)) {
                lastSpace = i;
            }
            if (i + 1 >= MAX_CHARS && lastSpace > 0) {
                return lastSpace + 1;
            }
        }
        return 0;
    }

    private static boolean isSentenceEnd(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '»' || c == '”' || c == '’' || isSentenceEnd(c);
    }

    private int words(int end) {
        String text = pending.substring(0, end).strip();
        return text.isEmpty() ? 0 : text.split("\\s+").length;
    }

    private boolean isAbbreviationOrNumber(int dot) {
        int start = dot;
        while (start > 0 && !Character.isWhitespace(pending.charAt(start - 1))) {
            start--;
        }
        String word = pending.substring(start, dot).toLowerCase(Locale.ROOT).replaceAll("^[\"'(«“‘\\[]+", "");
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true;
        }
        return ABBREVIATIONS.contains(word);
    }
}
