package no.trinn.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the known names closest to a misspelt one, for "did you mean" hints. */
public final class Similarity {
    private Similarity() {
    }

    /** The Levenshtein distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * The candidate a field or parameter name most likely meant: same letters ignoring case, '_' and '-'; or within
     * a third of its length in edits (1 for names of up to 3 letters, else at least 2); or one being a prefix of the
     * other (3 letters or more).
     */
    public static Optional<String> closestName(String name, Collection<String> candidates) {
        String n = fold(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String f = fold(c);
            int d = distance(n, f);
            boolean prefix = n.length() >= 3 && (f.startsWith(n) || n.startsWith(f));
            int allowed = f.length() <= 3 ? 1 : Math.max(2, f.length() / 3);
            if ((d <= allowed || prefix) && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Up to {@code max} ids like {@code id}, best first: ids sharing more of its hyphen-separated words (a word
     * matches when equal, when one starts with the other, or when at most one edit apart for words of 4 letters or
     * more) come first, then ids fewer edits away. Ids sharing no word and more than half their length away are left
     * out.
     */
    public static List<String> closestIds(String id, Collection<String> ids, int max) {
        String query = id.strip().toLowerCase(Locale.ROOT);
        String[] words = query.split("[-_\\s]+");
        record Scored(String id, int shared, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String candidate : ids) {
            int shared = 0;
            String[] candidateWords = candidate.split("-");
            for (String w : words) {
                for (String v : candidateWords) {
                    if (wordsMatch(w, v)) {
                        shared++;
                        break;
                    }
                }
            }
            int d = distance(query, candidate);
            if (shared > 0 || d * 2 <= Math.max(query.length(), candidate.length())) {
                scored.add(new Scored(candidate, shared, d));
            }
        }
        scored.sort(Comparator.comparingInt((Scored s) -> -s.shared()).thenComparingInt(Scored::distance)
                .thenComparing(Scored::id));
        return scored.stream().limit(max).map(Scored::id).toList();
    }

    private static boolean wordsMatch(String w, String v) {
        if (w.isEmpty() || v.isEmpty()) {
            return false;
        }
        if (w.equals(v)) {
            return true;
        }
        if (Math.min(w.length(), v.length()) >= 3 && (w.startsWith(v) || v.startsWith(w))) {
            return true;
        }
        return Math.min(w.length(), v.length()) >= 4 && distance(w, v) <= 1;
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
