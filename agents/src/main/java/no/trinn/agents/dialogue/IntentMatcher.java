package no.trinn.agents.dialogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.core.Require;
import no.trinn.models.SentenceEmbedder;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;

/**
 * Matches a client utterance to the intents of a scenario state, and to the repeat request every state accepts.
 * For each intent it takes the best, over its examples, of the sentence-embedding cosine similarity and of the word
 * overlap (Dice coefficient of content words, which carries short answers and languages the embedding model knows
 * less well). An intent is accepted when either passes its language's threshold ({@link CommonPhrases}: the
 * English-trained embedding model needs a higher semantic threshold for Norwegian). Example vectors are computed
 * once and kept. Thread-safe.
 */
public final class IntentMatcher {
    /** The pseudo-intent of a repeat or rephrase request. */
    public static final String REPAIR = "repair";

    private final SentenceEmbedder embedder;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    /** A matcher on {@code embedder}, with the thresholds of each scenario's language. */
    public IntentMatcher(SentenceEmbedder embedder) {
        this.embedder = Require.nonNull(embedder, "embedder");
    }

    /**
     * One intent's score.
     *
     * @param intentId the intent, or {@link #REPAIR}
     * @param score the better of the two similarities, in [0, 1]
     * @param semantic the best embedding similarity
     * @param lexical the best word overlap
     * @param accepted whether either similarity passed its threshold
     */
    public record Score(String intentId, double score, double semantic, double lexical, boolean accepted) {
    }

    /** Computes and keeps the vectors of every example of {@code scenario} and of its language's repeat requests. */
    public void prepare(Scenario scenario) {
        Set<String> texts = new LinkedHashSet<>(CommonPhrases.forLanguage(scenario.language()).repair());
        for (State s : scenario.states()) {
            for (Intent i : s.intents()) {
                texts.addAll(i.examples());
            }
        }
        vectorsOf(new ArrayList<>(texts));
    }

    /**
     * Every intent of {@code state} and the repeat request, scored against {@code utterance}: accepted ones first,
     * then by score.
     */
    public List<Score> rank(Scenario scenario, State state, String utterance) {
        CommonPhrases common = CommonPhrases.forLanguage(scenario.language());
        float[] u = embedder.embed(utterance);
        Set<String> words = new HashSet<>(Text.contentWords(utterance, common.stopWords()));
        List<Score> scores = new ArrayList<>(state.intents().size() + 1);
        for (Intent i : state.intents()) {
            scores.add(score(i.id(), i.examples(), u, words, common));
        }
        scores.add(score(REPAIR, common.repair(), u, words, common));
        scores.sort(Comparator.comparing(Score::accepted).thenComparingDouble(Score::score).reversed());
        return scores;
    }

    private Score score(String id, List<String> examples, float[] u, Set<String> words, CommonPhrases common) {
        List<float[]> ev = vectorsOf(examples);
        double semantic = 0;
        double lexical = 0;
        for (int k = 0; k < examples.size(); k++) {
            semantic = Math.max(semantic, SentenceEmbedder.similarity(u, ev.get(k)));
            lexical = Math.max(lexical, dice(words, Text.contentWords(examples.get(k), common.stopWords())));
        }
        boolean accepted = semantic >= common.semanticThreshold() || lexical >= common.lexicalThreshold();
        return new Score(id, Math.max(semantic, lexical), semantic, lexical, accepted);
    }

    private static double dice(Set<String> a, List<String> exampleWords) {
        if (a.isEmpty() || exampleWords.isEmpty()) {
            return 0;
        }
        Set<String> b = new HashSet<>(exampleWords);
        int common = 0;
        for (String w : a) {
            if (b.contains(w)) {
                common++;
            }
        }
        return 2.0 * common / (a.size() + b.size());
    }

    private List<float[]> vectorsOf(List<String> texts) {
        List<String> missing = new ArrayList<>();
        for (String t : texts) {
            if (!vectors.containsKey(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> computed = embedder.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i), computed.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(vectors.get(t));
        }
        return out;
    }
}
