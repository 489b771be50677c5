package no.trinn.agents.generative;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One curated phrase, matched on whole words of folded text ({@link Folded}). Syntax, word by word, separated by
 * spaces: a plain word matches that word; a word ending in {@code *} matches any word starting so; {@code a|b}
 * matches either word; a trailing {@code ?} makes the slot optional; {@code _} matches any one word; {@code ..}
 * matches zero to three words. Phrase words are folded like the text, so {@code don't}, {@code dont} and
 * {@code DON'T} are the same.
 */
final class Phrase {
    private final String source;
    private final Pattern regex;

    private Phrase(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
    }

    /** Parses {@code source}; an {@link IllegalArgumentException} says what is wrong with it. */
    static Phrase parse(String source) {
        String[] tokens = source.strip().split("\\s+");
        StringBuilder re = new StringBuilder(" ");
        int words = 0;
        for (String token : tokens) {
            if (token.equals("..")) {
                re.append("(?:\\S+ ){0,3}");
                continue;
            }
            if (token.equals("_")) {
                re.append("\\S+ ");
                words++;
                continue;
            }
            boolean optional = token.endsWith("?") && token.length() > 1;
            String slot = optional ? token.substring(0, token.length() - 1) : token;
            StringBuilder alternatives = new StringBuilder();
            for (String alternative : slot.split("\\|", -1)) {
                boolean prefix = alternative.endsWith("*") && alternative.length() > 1;
                String word = prefix ? alternative.substring(0, alternative.length() - 1) : alternative;
                String folded = Folded.fold(word);
                if (folded.isEmpty() || folded.contains(" ")) {
                    throw new IllegalArgumentException("'" + alternative + "' in '" + source + "' is not one word");
                }
                alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(folded))
                        .append(prefix ? "\\S*" : "");
            }
            String piece = "(?:" + alternatives + ") ";
            re.append(optional ? "(?:" + piece + ")?" : piece);
            words++;
        }
        if (words == 0) {
            throw new IllegalArgumentException("a phrase needs at least one word");
        }
        return new Phrase(source, Pattern.compile(re.toString()));
    }

    /** Parses every phrase of {@code sources}. */
    static List<Phrase> parseAll(List<String> sources) {
        List<Phrase> out = new ArrayList<>(sources.size());
        for (String s : sources) {
            out.add(parse(s));
        }
        return List.copyOf(out);
    }

    /** Whether the phrase occurs in {@code padded}, a text made by {@link Folded#padded}. */
    boolean in(String padded) {
        return regex.matcher(padded).find();
    }

    /** Whether any of {@code phrases} occurs in {@code padded}. */
    static boolean anyIn(List<Phrase> phrases, String padded) {
        for (Phrase p : phrases) {
            if (p.in(padded)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return source;
    }
}
