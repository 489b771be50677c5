package no.trinn.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.trinn.core.Require;

/**
 * A {@link SentenceEmbedder} that remembers the vectors of the texts it embedded last. One client turn is embedded
 * by several readers (the safety check, the intent matcher, the guard rails); with this in front of the model the
 * turn's text is run through the model once. Least recently used texts are forgotten first. Thread-safe.
 */
public final class RecentEmbeddings implements SentenceEmbedder {
    private final SentenceEmbedder model;
    private final Map<String, float[]> recent;

    /**
     * @param model the embedder that computes vectors
     * @param capacity how many texts to remember, 1 to 100,000
     */
    public RecentEmbeddings(SentenceEmbedder model, int capacity) {
        this.model = Require.nonNull(model, "model");
        Require.inRange(capacity, 1, 100_000, "capacity");
        this.recent = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        Map<String, float[]> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        synchronized (recent) {
            for (String t : texts) {
                float[] v = found.containsKey(t) ? null : recent.get(t);
                if (v != null) {
                    found.put(t, v);
                } else if (!found.containsKey(t)) {
                    missing.add(t);
                }
            }
        }
        if (!missing.isEmpty()) {
            // the model runs outside the lock: a slow batch must not hold up readers of remembered texts
            List<String> batch = List.copyOf(missing);
            List<float[]> computed = model.embedAll(batch);
            synchronized (recent) {
                for (int i = 0; i < batch.size(); i++) {
                    recent.put(batch.get(i), computed.get(i));
                    found.put(batch.get(i), computed.get(i));
                }
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(found.get(t));
        }
        return out;
    }
}
