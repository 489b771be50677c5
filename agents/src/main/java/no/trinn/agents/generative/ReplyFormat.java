package no.trinn.agents.generative;

import java.util.List;

/**
 * The codes a structured reply may use, from {@code reply-format.yaml}: the character's affects and gestures
 * ({@code none} among them). Read once.
 *
 * @param affects the allowed affects
 * @param gestures the allowed gestures, {@code none} included
 */
record ReplyFormat(List<String> affects, List<String> gestures) {
    private static final ReplyFormat STANDARD = load();

    ReplyFormat {
        affects = List.copyOf(affects);
        gestures = List.copyOf(gestures);
    }

    /** The shipped format. */
    static ReplyFormat standard() {
        return STANDARD;
    }

    private static ReplyFormat load() {
        DataFile f = DataFile.read("reply-format.yaml");
        List<String> gestures = f.strings("gestures", false);
        if (!gestures.contains("none")) {
            throw f.error("gestures", "must contain 'none'");
        }
        return new ReplyFormat(f.strings("affects", false), gestures);
    }
}
