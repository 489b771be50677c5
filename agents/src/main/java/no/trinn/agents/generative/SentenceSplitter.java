package no.trinn.agents.generative;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text that arrives piece by piece into speakable sentences, the same way whether it is fed at once or a
 * character at a time: a sentence ends after a run of {@code . ! ? …} (with any closing quotes or brackets) that
 * is followed by white space, at a line break, and at the end of the text. Sentences come out stripped, with
 * white space collapsed; pieces without a letter or digit are dropped (there is nothing in them to say). Not
 * thread-safe.
 */
final class SentenceSplitter {
    private final StringBuilder current = new StringBuilder();
    private boolean afterTerminal;

    /** Feeds {@code text}; returns the sentences it completed, in order. */
    List<String> feed(CharSequence text) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                flush(out);
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (afterTerminal) {
                    flush(out);
                    continue;
                }
                current.append(' ');
                continue;
            }
            current.append(c);
            if (isTerminal(c)) {
                afterTerminal = true;
            } else if (!isCloser(c)) {
                afterTerminal = false;
            }
        }
        return out;
    }

    /** Ends the text: returns the last sentence, if there is one, and resets. */
    List<String> finish() {
        List<String> out = new ArrayList<>(1);
        flush(out);
        return out;
    }

    /** All sentences of {@code text}. */
    static List<String> split(String text) {
        SentenceSplitter s = new SentenceSplitter();
        List<String> out = s.feed(text);
        out.addAll(s.finish());
        return out;
    }

    private void flush(List<String> out) {
        String sentence = current.toString().replaceAll(" {2,}", " ").strip();
        current.setLength(0);
        afterTerminal = false;
        if (sentence.codePoints().anyMatch(Character::isLetterOrDigit)) {
            out.add(sentence);
        }
    }

    private static boolean isTerminal(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\u2026';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '\u00BB';
    }
}
