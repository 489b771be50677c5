package no.trinn.models;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The all-MiniLM-L6-v2 sentence-embedding model (Apache-2.0, shipped inside a Maven jar) running on ONNX Runtime in
 * this JVM. No download. The model loads on a background thread as soon as the embedder is made (about 2.5 s on a
 * 2-core machine); the first call waits for it.
 */
public final class MiniLmEmbedder implements SentenceEmbedder {
    private static final int MAX_CHARS = 2_000;
    private final CompletableFuture<EmbeddingModel> model;

    /** Starts loading the model in the background. */
    public MiniLmEmbedder() {
        this.model = CompletableFuture.supplyAsync(MiniLmEmbedder::load);
    }

    private static EmbeddingModel load() {
        try {
            // the executor runs batch items on the caller's thread: sessions are single-threaded and the machine small
            return new AllMiniLmL6V2EmbeddingModel(Runnable::run);
        } catch (RuntimeException | LinkageError e) {
            throw new ModelsException("cannot load the sentence-embedding model all-minilm-l6-v2 on ONNX Runtime: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String modelId() {
        return "all-minilm-l6-v2";
    }

    /** Blocks until the model is loaded; throws {@link ModelsException} if it could not be. */
    public void awaitLoaded() {
        model();
    }

    @Override
    public float[] embed(String text) {
        return model().embed(segment(text)).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(segment(t));
        }
        List<Embedding> embeddings = model().embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            out.add(e.vector());
        }
        return out;
    }

    private static TextSegment segment(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            t = ".";
        } else if (t.length() > MAX_CHARS) {
            t = t.substring(0, MAX_CHARS);
        }
        return TextSegment.from(t);
    }

    private EmbeddingModel model() {
        try {
            return model.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof ModelsException me) {
                throw me;
            }
            throw new ModelsException("cannot load the sentence-embedding model all-minilm-l6-v2: " + e.getCause(), e);
        }
    }
}
