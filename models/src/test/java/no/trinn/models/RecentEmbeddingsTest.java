package no.trinn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentEmbeddingsTest {
    /** Vectors made from the text's length; records every text it is asked to embed. */
    private static final class CountingModel implements SentenceEmbedder {
        final List<String> asked = new ArrayList<>();

        @Override
        public String modelId() {
            return "counting";
        }

        @Override
        public float[] embed(String text) {
            return embedAll(List.of(text)).getFirst();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            asked.addAll(texts);
            return texts.stream().map(t -> new float[] {t.length(), 1}).toList();
        }
    }

    @Test
    void aTextEmbeddedRecentlyIsNotRunThroughTheModelAgain() {
        CountingModel model = new CountingModel();
        RecentEmbeddings cached = new RecentEmbeddings(model, 2);
        assertArrayEquals(new float[] {5, 1}, cached.embed("hello"));
        List<float[]> batch = cached.embedAll(List.of("hello", "hi", "hi"));
        assertArrayEquals(new float[] {2, 1}, batch.get(1));
        assertArrayEquals(batch.get(1), batch.get(2));
        assertEquals(List.of("hello", "hi"), model.asked, "each text once");
        cached.embed("third"); // capacity 2: "hello", used longest ago, is forgotten
        cached.embed("hello");
        assertEquals(List.of("hello", "hi", "third", "hello"), model.asked);
        assertEquals("counting", cached.modelId());
    }

    @Test
    void aBatchLargerThanTheCapacityStillGetsEveryVector() {
        CountingModel model = new CountingModel();
        List<float[]> out = new RecentEmbeddings(model, 1).embedAll(List.of("a", "bb", "ccc"));
        assertEquals(3, out.size());
        assertArrayEquals(new float[] {3, 1}, out.get(2));
        assertArrayEquals(new float[] {1, 1}, out.get(0));
        // a remembered text that the batch's new texts push out is still answered
        RecentEmbeddings two = new RecentEmbeddings(new CountingModel(), 2);
        two.embed("x");
        List<float[]> mixed = two.embedAll(List.of("x", "yy", "zzz"));
        assertArrayEquals(new float[] {1, 1}, mixed.get(0));
        assertArrayEquals(new float[] {3, 1}, mixed.get(2));
    }
}
