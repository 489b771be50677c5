package no.trinn.agents.generative;

/**
 * Reads the value of the top-level {@code "say"} field out of a JSON object that arrives piece by piece, so the
 * first sentence can be checked and spoken before the rest of the reply is generated. Anything before the first
 * {@code {}} (a code fence, say) is skipped; string escapes are decoded. Only the first {@code "say"} counts. It
 * does not validate the JSON: the complete reply is parsed properly when it has arrived. Not thread-safe.
 */
final class SayExtractor {
    private int depth;
    private boolean inString;
    private boolean escape;
    private int unicodeLeft;
    private int unicodeValue;
    private boolean expectKey;
    private boolean stringIsKey;
    private final StringBuilder key = new StringBuilder();
    private String lastKey = "";
    private boolean capturing;
    private boolean sayDone;

    /** Feeds {@code chunk}; returns the decoded characters of the say value it held (often none). */
    String feed(CharSequence chunk) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < chunk.length(); i++) {
            step(chunk.charAt(i), out);
        }
        return out.toString();
    }

    /** Whether the say value's closing quote has arrived. */
    boolean sayClosed() {
        return sayDone;
    }

    private void step(char c, StringBuilder out) {
        if (inString) {
            inString(c, out);
            return;
        }
        switch (c) {
            case '{' -> {
                depth++;
                expectKey = depth == 1;
            }
            case '}', ']' -> depth = Math.max(0, depth - 1);
            case '[' -> depth++;
            case ',' -> expectKey = depth == 1;
            case ':' -> expectKey = false;
            case '"' -> {
                if (depth == 0) {
                    return;
                }
                inString = true;
                stringIsKey = depth == 1 && expectKey;
                capturing = depth == 1 && !expectKey && !sayDone && lastKey.equals("say");
                key.setLength(0);
            }
            default -> {
                // white space, numbers, literals
            }
        }
    }

    private void inString(char c, StringBuilder out) {
        if (unicodeLeft > 0) {
            int digit = Character.digit(c, 16);
            unicodeValue = unicodeValue * 16 + Math.max(0, digit);
            if (--unicodeLeft == 0) {
                emit((char) unicodeValue, out);
            }
            return;
        }
        if (escape) {
            escape = false;
            switch (c) {
                case 'n' -> emit('\n', out);
                case 't' -> emit('\t', out);
                case 'r' -> emit('\r', out);
                case 'b', 'f' -> emit(' ', out);
                case 'u' -> {
                    unicodeLeft = 4;
                    unicodeValue = 0;
                }
                default -> emit(c, out);
            }
            return;
        }
        if (c == '\\') {
            escape = true;
        } else if (c == '"') {
            inString = false;
            if (stringIsKey) {
                lastKey = key.toString();
            } else if (capturing) {
                capturing = false;
                sayDone = true;
            }
            if (!stringIsKey && depth == 1) {
                lastKey = "";
            }
        } else {
            emit(c, out);
        }
    }

    private void emit(char c, StringBuilder out) {
        if (stringIsKey) {
            key.append(c);
        } else if (capturing) {
            out.append(c);
        }
    }
}
