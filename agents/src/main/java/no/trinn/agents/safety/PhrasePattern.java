package no.trinn.agents.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A curated phrase pattern, matched against the folded words of one clause. Syntax, word by word, separated by
 * spaces: a plain word matches that whole word; {@code a|b} matches either; a trailing {@code ?} makes the slot
 * optional; a trailing {@code *} on a word matches any word starting with it; {@code ...} matches zero to three
 * words; {@code ^} first or {@code $} last anchors the pattern to the start or end of the clause. Words are folded
 * like client text, so {@code don't}, {@code dont} and {@code DON’T} are the same pattern word.
 */
final class PhrasePattern {
    private static final String GAP = "(?:\\S+ ){0,3}";

    private final String source;
    private final Pattern regex;

    private PhrasePattern(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
    }

    /** Parses {@code source}; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static PhrasePattern parse(String source) {
        String[] tokens = source.strip().split("\\s+");
        StringBuilder re = new StringBuilder();
        int required = 0;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals("^")) {
                if (i != 0) {
                    throw new IllegalArgumentException("'^' may only come first");
                }
                re.append('^');
                continue;
            }
            if (token.equals("$")) {
                if (i != tokens.length - 1) {
                    throw new IllegalArgumentException("'$' may only come last");
                }
                continue;
            }
            if (token.equals("...")) {
                re.append(GAP);
                continue;
            }
            boolean optional = token.endsWith("?") && token.length() > 1;
            String body = optional ? token.substring(0, token.length() - 1) : token;
            List<String> alternatives = new ArrayList<>();
            for (String alt : body.split("\\|", -1)) {
                boolean prefix = alt.endsWith("*") && alt.length() > 1;
                String word = prefix ? alt.substring(0, alt.length() - 1) : alt;
                List<String> folded = SafetyText.words(word);
                if (folded.size() != 1) {
                    throw new IllegalArgumentException("'" + alt + "' in '" + token + "' must be one word");
                }
                alternatives.add(Pattern.quote(folded.get(0)) + (prefix ? "\\S*" : ""));
            }
            String slot = "(?:" + String.join("|", alternatives) + ") ";
            re.append(optional ? "(?:" + slot + ")?" : slot);
            if (!optional) {
                required++;
            }
        }
        if (required == 0) {
            throw new IllegalArgumentException("a pattern needs at least one word that is not optional");
        }
        String body = re.toString();
        boolean anchoredStart = body.startsWith("^");
        String full = (anchoredStart ? "^ " + body.substring(1) : " " + body)
                + (tokens[tokens.length - 1].equals("$") ? "$" : "");
        return new PhrasePattern(source, Pattern.compile(full));
    }

    /** The pattern as written in the data file. */
    String source() {
        return source;
    }

    /**
     * The word index of each place the pattern matches in {@code words}, in order; empty if none. Matches may start
     * at every word, so overlapping ones are all found.
     */
    List<Integer> find(List<String> words) {
        String padded = " " + String.join(" ", words) + " ";
        Matcher m = regex.matcher(padded);
        List<Integer> starts = new ArrayList<>();
        int from = 0;
        while (from < padded.length() && m.find(from)) {
            int at = m.start();
            starts.add(wordIndex(padded, at));
            int next = padded.indexOf(' ', at + 1);
            if (next < 0) {
                break;
            }
            from = next;
        }
        return starts;
    }

    /** Whether the pattern matches anywhere in {@code words}. */
    boolean matches(List<String> words) {
        return regex.matcher(" " + String.join(" ", words) + " ").find();
    }

    private static int wordIndex(String padded, int spaceAt) {
        int n = 0;
        for (int i = 0; i < spaceAt; i++) {
            if (padded.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return source;
    }
}
