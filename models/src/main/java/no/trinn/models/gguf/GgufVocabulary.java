package no.trinn.models.gguf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A SentencePiece-style ("llama" tokenizer) vocabulary for generated models: control tokens, the 256 byte-fallback
 * tokens (so any text can be tokenized), a readable base (space marker, letters, digits, punctuation with every JSON
 * character, a few words); beyond the base, every prefix of the common English words in {@code words.txt} (so English
 * prompts tokenize at about one token per word, near a trained tokenizer's rate), then random lower-case pieces up
 * to the requested size.
 */
final class GgufVocabulary {
    static final int UNKNOWN = 0;
    static final int BOS = 1;
    static final int EOS_TEXT = 2;
    static final int IM_START = 3;
    static final int IM_END = 4;

    /** Token types as llama.cpp numbers them. */
    static final int TYPE_NORMAL = 1;
    static final int TYPE_UNKNOWN = 2;
    static final int TYPE_CONTROL = 3;
    static final int TYPE_BYTE = 6;

    static final String SPACE = "\u2581";

    private static final List<String> CONTROL = List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>");
    private static final String PUNCTUATION = ".,!?'\":;{}[]()-_/+*=#@&%<>";
    private static final List<String> WORDS = List.of("hello", "hi", "yes", "no", "the", "a", "I", "you", "is",
            "are", "thank", "please", "good", "morning", "coffee", "ticket", "help", "okay", "sure", "what", "how",
            "can", "do", "have", "nice", "day", "sorry", "true", "false", "name", "say", "affect");
    private static final List<String> BASE = base();
    private static final List<String> WORD_LIST = words();

    /** Size of the fixed part: control, byte and readable tokens. */
    static final int BASE_SIZE = BASE.size();

    private final List<String> tokens;
    private final float[] scores;
    private final int[] types;

    private GgufVocabulary(List<String> tokens, float[] scores, int[] types) {
        this.tokens = tokens;
        this.scores = scores;
        this.types = types;
    }

    private static List<String> base() {
        List<String> t = new ArrayList<>(CONTROL);
        for (int b = 0; b < 256; b++) {
            t.add(String.format(Locale.ROOT, "<0x%02X>", b));
        }
        t.add(SPACE);
        for (char c = 'a'; c <= 'z'; c++) {
            t.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            t.add(String.valueOf(c));
        }
        for (char c = '0'; c <= '9'; c++) {
            t.add(String.valueOf(c));
        }
        for (char c : PUNCTUATION.toCharArray()) {
            t.add(String.valueOf(c));
        }
        for (String w : WORDS) {
            t.add(SPACE + w);
        }
        return List.copyOf(t);
    }

    private static List<String> words() {
        try (InputStream in = GgufVocabulary.class.getResourceAsStream("words.txt")) {
            if (in == null) {
                throw new IllegalStateException("words.txt is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read words.txt", e);
        }
    }

    /** The base vocabulary, then word pieces, then distinct random pieces from {@code random}: {@code size} in all. */
    static GgufVocabulary of(int size, SplittableRandom random) {
        if (size < BASE_SIZE) {
            throw new IllegalArgumentException("vocabulary size must be at least " + BASE_SIZE + ", was " + size);
        }
        List<String> tokens = new ArrayList<>(size);
        tokens.addAll(BASE);
        Set<String> seen = new HashSet<>(tokens);
        for (String word : WORD_LIST) {
            for (int k = 1; k <= word.length() && tokens.size() < size; k++) {
                String piece = SPACE + word.substring(0, k);
                if (seen.add(piece)) {
                    tokens.add(piece);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        while (tokens.size() < size) {
            sb.setLength(0);
            if (random.nextBoolean()) {
                sb.append(SPACE);
            }
            int len = 2 + random.nextInt(7);
            for (int i = 0; i < len; i++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            String piece = sb.toString();
            if (seen.add(piece)) {
                tokens.add(piece);
            }
        }
        float[] scores = new float[size];
        int[] types = new int[size];
        for (int i = 0; i < size; i++) {
            if (i == UNKNOWN) {
                types[i] = TYPE_UNKNOWN;
            } else if (i < CONTROL.size()) {
                types[i] = TYPE_CONTROL;
            } else if (i < CONTROL.size() + 256) {
                types[i] = TYPE_BYTE;
            } else {
                types[i] = TYPE_NORMAL;
                // longer pieces merge first, as in a trained SentencePiece model
                scores[i] = -1000f + tokens.get(i).length() - i * 1e-3f;
            }
        }
        return new GgufVocabulary(List.copyOf(tokens), scores, types);
    }

    List<String> tokens() {
        return tokens;
    }

    float[] scores() {
        return scores.clone();
    }

    int[] types() {
        return types.clone();
    }
}
