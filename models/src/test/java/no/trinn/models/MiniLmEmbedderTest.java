package no.trinn.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new MiniLmEmbedder();
        embedder.awaitLoaded();
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        float[] order = embedder.embed("Can I have a coffee, please?");
        float[] paraphrase = embedder.embed("I'd like a cup of coffee.");
        float[] unrelated = embedder.embed("My dog likes to swim in the lake.");
        double close = SentenceEmbedder.similarity(order, paraphrase);
        double far = SentenceEmbedder.similarity(order, unrelated);
        assertTrue(close > far + 0.3, "paraphrase " + close + " vs unrelated " + far);
    }

    @Test
    void vectorsAreUnitLengthAnd384Wide() {
        float[] v = embedder.embed("hello");
        assertEquals(384, v.length);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-3);
    }

    @Test
    void batchMatchesSingleCalls() {
        List<String> texts = List.of("Small, please.", "By card.", "");
        List<float[]> batch = embedder.embedAll(texts);
        assertEquals(3, batch.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(1.0, SentenceEmbedder.similarity(batch.get(i), embedder.embed(texts.get(i))), 1e-4);
        }
    }

    @Test
    void enormousAndOddInputStillEmbeds() {
        String huge = "word ".repeat(5_000);
        assertEquals(384, embedder.embed(huge).length);
        assertEquals(384, embedder.embed("🙂🙂 ☕ ÆØÅ æøå \u0000").length);
        assertEquals(384, embedder.embed("   ").length);
    }
}
