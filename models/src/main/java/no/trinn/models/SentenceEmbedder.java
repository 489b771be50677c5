package no.trinn.models;

import java.util.List;

/**
 * Port: turns sentences into unit-length vectors whose dot product is their cosine similarity. Implementations are
 * thread-safe.
 */
public interface SentenceEmbedder {
    /** A stable id of the model, e.g. {@code all-minilm-l6-v2}; cached vectors are keyed by it. */
    String modelId();

    /** The vector of one text; never empty. */
    float[] embed(String text);

    /** The vectors of several texts, in order; faster than one call per text. */
    List<float[]> embedAll(List<String> texts);

    /** Cosine similarity of two unit vectors of the same length, clamped to [0, 1]. */
    static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " and " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return Math.max(0.0, Math.min(1.0, dot));
    }
}
