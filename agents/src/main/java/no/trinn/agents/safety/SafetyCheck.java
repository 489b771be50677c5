package no.trinn.agents.safety;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import no.trinn.core.Require;
import no.trinn.core.session.SafetyEvent.Kind;
import no.trinn.models.SentenceEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects stop and pause requests, distress, self-harm and relapse talk in one client utterance, locally, and holds
 * the calm out-of-role coach messages that answer them. Built from a {@link SentenceEmbedder} and the bundled data
 * files {@code safety-en.yaml} and {@code safety-nb.yaml}; the example sentences are embedded once, in the
 * background, starting at construction. Thread-safe.
 *
 * <p>How an utterance is examined (only its first 2,000 characters; blank text or text
 * without a letter or digit finds nothing; no input throws):
 * <ol>
 *   <li>Stop and pause: a clause, or the whole utterance, that IS a listed phrase once fillers ("please", "okay")
 *       and repeats are removed, or that starts or ends with a listed phrase of two or more words ("I need a break,
 *       sorry"). A single word inside a sentence ("the bus stop is there") is never a request; a clause holding one
 *       of the kind's {@code not_phrases} ("stop drinking") is not either.</li>
 *   <li>Distress, self-harm, relapse: a curated pattern anywhere in a clause (method {@code phrase}, score 1.0),
 *       unless the clause holds one of the kind's {@code not_phrases}, or (distress and relapse) a negation stands
 *       just before it ("I'm not panicking").</li>
 *   <li>Embedding similarity (method {@code similarity}) of the utterance, and of each of its sentences, to the
 *       examples of every kind: the kind with the nearest example triggers when that example scores at least the
 *       kind's {@code threshold} and beats the best counter-example (those of all kinds and the neutral scenario
 *       replies) by the kind's {@code margin}. Skipped after a self-harm phrase (nothing can outrank it); sentences
 *       that are themselves stop or pause requests are left out ("I want to stop" is no self-harm). A phrase hit of
 *       a kind is kept over a similarity hit of the same kind unless the latter is more severe.</li>
 * </ol>
 * Utterances in Norwegian are checked against the English phrases and patterns as well (clients mix languages;
 * "stop" must always work); embeddings compare only with the examples of the utterance's language.
 *
 * <p>Priority when several kinds are found: higher severity first, then SELF_HARM, RELAPSE, DISTRESS, STOP, PAUSE.
 * <b>A stop request must always be honoured:</b> when {@link #checkAll} holds a STOP finding, the session silences
 * the character at once and stops the exercise (it pauses, and does not go on unless the client chooses to), even if
 * a more severe finding comes first; it shows the coach message of the first finding (for self-harm the one that
 * points to the therapist and emergency services) and raises every finding as a safety event. Sessions call
 * {@link #checkStopOrPause} on partial transcripts to pause within a fraction of a second, before the full check
 * has run.
 *
 * <p>Languages: {@code en} and {@code nb} ({@code no} and {@code nn} read as {@code nb}; a region such as
 * {@code nb-NO} is ignored); any other language falls back to English. The checked text never goes to a log.
 */
public final class SafetyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SafetyCheck.class);
    /** The languages whose data files are bundled. */
    static final List<String> BUNDLED = List.of("en", "nb");
    static final String FALLBACK = "en";
    private static final List<Kind> DETECTED = List.of(Kind.SELF_HARM, Kind.RELAPSE, Kind.DISTRESS);
    private static final List<Kind> PRIORITY = List.of(Kind.SELF_HARM, Kind.RELAPSE, Kind.DISTRESS, Kind.STOP,
            Kind.PAUSE);
    private static final Comparator<SafetyFinding> ORDER = Comparator
            .comparingInt(SafetyFinding::severity).reversed()
            .thenComparingInt(f -> PRIORITY.indexOf(f.kind()))
            .thenComparing(Comparator.comparingDouble(SafetyFinding::score).reversed());
    private static final int MAX_SENTENCES = 8;
    private static final int WINDOW_WORDS = 16;
    private static final int WINDOW_STEP = 8;
    private static final int MAX_SEGMENTS = 12;

    private final SentenceEmbedder embedder;
    private final Map<String, Lang> languages;
    private final CompletableFuture<Integer> embedded;
    private volatile long embedMillis;

    /**
     * The data of one language and, once the background task has embedded them, its sentences: the examples of each
     * kind, and one pool of counter-examples (those of every kind and the neutral replies: sentences known to be
     * no safety event).
     */
    private record Lang(SafetyData data, CompletableFuture<Vectors> vectors) {
    }

    private record Vectors(Map<Kind, float[][]> examples, float[][] counters) {
    }

    /**
     * Loads the bundled data files at once and starts embedding their example sentences on a background thread
     * (a few seconds on a small machine; the figure is logged). Stop and pause phrases and the curated patterns
     * work from the start; a check that needs similarity waits for its language's vectors. Throws
     * {@link no.trinn.agents.AgentException} naming the file and field if a data file is missing or invalid; an
     * embedder failure surfaces from the first check that needs it.
     */
    public SafetyCheck(SentenceEmbedder embedder) {
        this.embedder = Require.nonNull(embedder, "embedder");
        List<SafetyData> data = new ArrayList<>();
        for (String language : BUNDLED) {
            data.add(SafetyData.load(language));
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "trinn-safety-embeddings");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        Map<String, Lang> langs = new LinkedHashMap<>();
        for (SafetyData d : data) {
            langs.put(d.language(), new Lang(d, CompletableFuture.supplyAsync(() -> embed(d), worker)));
        }
        this.languages = Map.copyOf(langs);
        List<CompletableFuture<Vectors>> all = langs.values().stream().map(Lang::vectors).toList();
        this.embedded = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            embedMillis = (System.nanoTime() - start) / 1_000_000;
            int count = data.stream().mapToInt(d -> distinctSentences(d).size()).sum();
            LOG.info("safety check ready: {} languages, {} distinct example sentences embedded with {} in {} ms",
                    languages.size(), count, embedder.modelId(), embedMillis);
            return count;
        });
        embedded.whenComplete((v, e) -> worker.shutdown());
    }

    /** Embeds each distinct sentence of one language once. */
    private Vectors embed(SafetyData d) {
        List<String> distinct = distinctSentences(d);
        List<float[]> vectors = embedder.embedAll(distinct);
        if (vectors.size() != distinct.size()) {
            throw new no.trinn.agents.AgentException("safety: embedder " + embedder.modelId() + " returned "
                    + vectors.size() + " vectors for " + distinct.size() + " sentences");
        }
        Map<String, float[]> byText = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            byText.put(distinct.get(i), vectors.get(i));
        }
        Map<Kind, float[][]> examples = new EnumMap<>(Kind.class);
        for (Kind k : DETECTED) {
            examples.put(k, d.rules().get(k).examples().stream().map(byText::get).toArray(float[][]::new));
        }
        float[][] counters = counterPool(d).stream().map(byText::get).toArray(float[][]::new);
        return new Vectors(Map.copyOf(examples), counters);
    }

    private static List<String> distinctSentences(SafetyData d) {
        Set<String> all = new LinkedHashSet<>();
        for (Kind k : DETECTED) {
            all.addAll(d.rules().get(k).examples());
        }
        all.addAll(counterPool(d));
        return List.copyOf(all);
    }

    /** Blocks until every language's example sentences are embedded; throws what the embedder threw, if anything. */
    public void awaitReady() {
        try {
            embedded.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private static Vectors vectors(Lang lang) {
        try {
            return lang.vectors().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private static List<String> counterPool(SafetyData d) {
        List<String> pool = new ArrayList<>(d.neutral());
        for (Kind k : DETECTED) {
            pool.addAll(d.rules().get(k).counterExamples());
        }
        return pool;
    }

    /** The languages with their own data: {@code en} and {@code nb}. */
    public Set<String> languages() {
        return languages.keySet();
    }

    /**
     * The language whose data serves {@code language}: {@code nb} for {@code nb}, {@code no}, {@code nn} (with or
     * without a region), {@code en} for English and anything unknown.
     */
    public String resolveLanguage(String language) {
        Require.nonNull(language, "language");
        String primary = language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        if (primary.equals("no") || primary.equals("nn")) {
            primary = "nb";
        }
        return languages.containsKey(primary) ? primary : FALLBACK;
    }

    /**
     * The most important finding in {@code text} (see the class for the order), or empty if there is none. The
     * session must still look at {@link #checkAll} for a STOP that a more severe finding outranks.
     */
    public Optional<SafetyFinding> check(String text, String language) {
        List<SafetyFinding> all = checkAll(text, language);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Every kind found in {@code text}, at most one finding per kind, most important first; empty if none. Runs the
     * embedding model once, on a batch of one to {@value #MAX_SEGMENTS} pieces of text (a few milliseconds for a
     * short turn, up to a few hundred for 2,000 characters on a small machine), unless a self-harm phrase was found.
     */
    public List<SafetyFinding> checkAll(String text, String language) {
        Require.nonNull(text, "text");
        Lang lang = languages.get(resolveLanguage(language));
        String bounded = SafetyText.bound(text);
        if (!SafetyText.hasLetterOrDigit(bounded)) {
            return List.of();
        }
        Map<Kind, SafetyFinding> found = new EnumMap<>(Kind.class);
        List<List<String>> clauses = SafetyText.clauses(bounded);
        for (SafetyData d : rulesFor(lang)) {
            controlFindings(d, bounded, clauses, found);
            patternFindings(d, clauses, found);
        }
        if (!found.containsKey(Kind.SELF_HARM)) {
            List<String> sentences = SafetyText.sentences(bounded);
            if (found.containsKey(Kind.STOP) || found.containsKey(Kind.PAUSE)) {
                // a sentence that is a stop or pause request says nothing more: "I want to stop" is no self-harm
                sentences = sentences.stream().filter(s -> !isControlRequest(lang, SafetyText.words(s))).toList();
            }
            if (!sentences.isEmpty()) {
                similarityFinding(lang, segments(sentences), found);
            }
        }
        List<SafetyFinding> out = new ArrayList<>(found.values());
        out.sort(ORDER);
        return List.copyOf(out);
    }

    /**
     * A stop or pause request in {@code text} by phrase alone (STOP before PAUSE), without the embedding model: takes
     * microseconds, so a session can run it on every partial transcript. Empty if there is none.
     */
    public Optional<SafetyFinding> checkStopOrPause(String text, String language) {
        Require.nonNull(text, "text");
        Lang lang = languages.get(resolveLanguage(language));
        String bounded = SafetyText.bound(text);
        if (!SafetyText.hasLetterOrDigit(bounded)) {
            return Optional.empty();
        }
        Map<Kind, SafetyFinding> found = new EnumMap<>(Kind.class);
        List<List<String>> clauses = SafetyText.clauses(bounded);
        for (SafetyData d : rulesFor(lang)) {
            controlFindings(d, bounded, clauses, found);
        }
        return found.values().stream().min(ORDER);
    }

    /**
     * The stop and pause phrases of {@code language} (English if unknown), stop first, as lower-case words without
     * punctuation: what a grammar-mode speech recognizer must be able to hear so that {@link #checkStopOrPause} can
     * act on it. A listed phrase that the data's own exceptions would veto is left out, so every phrase returned is a
     * request.
     */
    public List<String> controlPhrases(String language) {
        SafetyData data = languages.get(resolveLanguage(language)).data();
        List<String> out = new ArrayList<>();
        for (Kind kind : List.of(Kind.STOP, Kind.PAUSE)) {
            for (List<String> words : data.rules().get(kind).phrases()) {
                String phrase = String.join(" ", words);
                if (checkStopOrPause(phrase, language).isPresent()) {
                    out.add(phrase);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The calm out-of-role coach message for a finding of {@code kind} in {@code language} (English if unknown):
     * short, warm, offers a pause and to stop; for SELF_HARM it also points to the therapist and emergency services.
     */
    public String coachMessage(Kind kind, String language) {
        Require.nonNull(kind, "kind");
        return languages.get(resolveLanguage(language)).data().messages().get(kind);
    }

    /** The notice shown when the session is paused, in {@code language} (English if unknown). */
    public String pausedNotice(String language) {
        return languages.get(resolveLanguage(language)).data().pausedNotice();
    }

    /** The notice shown when a paused session resumes, in {@code language} (English if unknown). */
    public String resumedNotice(String language) {
        return languages.get(resolveLanguage(language)).data().resumedNotice();
    }

    /** How long embedding the example sentences took at construction, in milliseconds. */
    public long exampleEmbeddingMillis() {
        awaitReady();
        return embedMillis;
    }

    /** How many example, counter-example and neutral sentences were embedded at construction. */
    public int embeddedSentenceCount() {
        awaitReady();
        return embedded.join();
    }

    /** The data of a resolved language, for tests. */
    SafetyData data(String language) {
        return languages.get(resolveLanguage(language)).data();
    }

    private List<SafetyData> rulesFor(Lang lang) {
        SafetyData own = lang.data();
        return own.language().equals(FALLBACK) ? List.of(own)
                : List.of(own, languages.get(FALLBACK).data());
    }

    private boolean isControlRequest(Lang lang, List<String> words) {
        for (SafetyData d : rulesFor(lang)) {
            if (isRequest(d.rules().get(Kind.STOP), d.fillers(), words)
                    || isRequest(d.rules().get(Kind.PAUSE), d.fillers(), words)) {
                return true;
            }
        }
        return false;
    }

    private static void controlFindings(SafetyData d, String bounded, List<List<String>> clauses,
            Map<Kind, SafetyFinding> found) {
        List<List<String>> candidates = new ArrayList<>(clauses);
        if (clauses.size() > 1) {
            candidates.add(SafetyText.words(bounded));
        }
        for (Kind k : List.of(Kind.STOP, Kind.PAUSE)) {
            if (found.containsKey(k)) {
                continue;
            }
            SafetyData.KindRules rules = d.rules().get(k);
            for (List<String> words : candidates) {
                if (isRequest(rules, d.fillers(), words)) {
                    found.put(k, new SafetyFinding(k, 1, SafetyFinding.PHRASE, 1.0));
                    break;
                }
            }
        }
    }

    private static boolean isRequest(SafetyData.KindRules rules, List<List<String>> fillers, List<String> words) {
        for (PhrasePattern not : rules.notPhrases()) {
            if (not.matches(words)) {
                return false;
            }
        }
        List<String> core = collapseRepeats(removeFillers(words, fillers));
        List<String> trimmed = trimFillers(words, fillers);
        for (List<String> phrase : rules.phrases()) {
            if (core.equals(phrase) || trimmed.equals(phrase)) {
                return true;
            }
            if (phrase.size() >= 2 && trimmed.size() > phrase.size()
                    && (trimmed.subList(0, phrase.size()).equals(phrase)
                            || trimmed.subList(trimmed.size() - phrase.size(), trimmed.size()).equals(phrase))) {
                return true;
            }
        }
        return false;
    }

    private static void patternFindings(SafetyData d, List<List<String>> clauses, Map<Kind, SafetyFinding> found) {
        for (Kind k : DETECTED) {
            SafetyData.KindRules rules = d.rules().get(k);
            int severity = 0;
            for (List<String> clause : clauses) {
                if (vetoed(rules, clause)) {
                    continue;
                }
                if (hits(rules.patterns(), rules.negationGuard(), d, clause)) {
                    severity = SafetyFinding.maxSeverity(k);
                    break;
                }
                if (hits(rules.mildPatterns(), rules.negationGuard(), d, clause)) {
                    severity = SafetyFinding.minSeverity(k);
                }
            }
            SafetyFinding before = found.get(k);
            if (severity > 0 && (before == null || before.severity() < severity)) {
                found.put(k, new SafetyFinding(k, severity, SafetyFinding.PHRASE, 1.0));
            }
        }
    }

    private static boolean vetoed(SafetyData.KindRules rules, List<String> clause) {
        for (PhrasePattern not : rules.notPhrases()) {
            if (not.matches(clause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hits(List<PhrasePattern> patterns, boolean guard, SafetyData d, List<String> clause) {
        for (PhrasePattern p : patterns) {
            for (int start : p.find(clause)) {
                if (!guard || !negated(clause, start, d)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a negation stands in the window before {@code start}, searching back no further than a breaker. */
    private static boolean negated(List<String> clause, int start, SafetyData d) {
        for (int i = start - 1; i >= Math.max(0, start - d.negationWindow()); i--) {
            String w = clause.get(i);
            if (d.negations().contains(w)) {
                return true;
            }
            if (d.negationBreakers().contains(w)) {
                return false;
            }
        }
        return false;
    }

    private void similarityFinding(Lang lang, List<String> segments, Map<Kind, SafetyFinding> found) {
        List<float[]> vectors = embedder.embedAll(segments);
        SafetyFinding best = null;
        for (float[] v : vectors) {
            Kind nearest = null;
            double nearestScore = -1;
            for (Kind k : DETECTED) {
                double pos = max(vectors(lang).examples().get(k), v);
                if (pos > nearestScore) {
                    nearest = k;
                    nearestScore = pos;
                }
            }
            SafetyData.KindRules rules = lang.data().rules().get(nearest);
            double neg = max(vectors(lang).counters(), v);
            if (nearestScore >= rules.threshold() && nearestScore - neg >= rules.margin()) {
                int severity = nearest == Kind.DISTRESS && nearestScore < rules.strong() ? 1
                        : SafetyFinding.maxSeverity(nearest);
                SafetyFinding f = new SafetyFinding(nearest, severity, SafetyFinding.SIMILARITY, nearestScore);
                if (best == null || ORDER.compare(f, best) < 0) {
                    best = f;
                }
            }
        }
        if (best != null) {
            SafetyFinding before = found.get(best.kind());
            if (before == null || before.severity() < best.severity()) {
                found.put(best.kind(), best);
            }
        }
    }

    /**
     * The pieces of text that are embedded, given the sentences of an utterance (at least one): all of them
     * together; each one when there are several (at most {@value #MAX_SENTENCES}); and overlapping windows of
     * {@value #WINDOW_WORDS} words over any long one, so that one alarming sentence is not averaged away in a long
     * turn. At most {@value #MAX_SEGMENTS} in all.
     */
    static List<String> segments(List<String> sentences) {
        List<String> out = new ArrayList<>();
        out.add(String.join(" ", sentences).replaceAll("\\s+", " "));
        if (sentences.size() > 1) {
            out.addAll(sentences.subList(0, Math.min(sentences.size(), MAX_SENTENCES)));
        }
        for (String s : sentences) {
            String[] words = s.strip().split("\\s+");
            if (words.length > WINDOW_WORDS + WINDOW_STEP) {
                for (int i = 0; i + WINDOW_STEP < words.length && out.size() < MAX_SEGMENTS; i += WINDOW_STEP) {
                    out.add(String.join(" ", Arrays.asList(words).subList(i, Math.min(words.length,
                            i + WINDOW_WORDS))));
                }
            }
        }
        return out.size() > MAX_SEGMENTS ? out.subList(0, MAX_SEGMENTS) : out;
    }

    private static double max(float[][] examples, float[] v) {
        double best = 0;
        for (float[] e : examples) {
            best = Math.max(best, SentenceEmbedder.similarity(e, v));
        }
        return best;
    }

    /** Per kind, the best example and counter-example similarity over all segments (for tuning). */
    Map<Kind, double[]> similarityScores(String text, String language) {
        Lang lang = languages.get(resolveLanguage(language));
        List<String> sentences = SafetyText.sentences(SafetyText.bound(text));
        List<float[]> vectors = sentences.isEmpty() ? List.of() : embedder.embedAll(segments(sentences));
        Map<Kind, double[]> out = new EnumMap<>(Kind.class);
        for (Kind k : DETECTED) {
            double[] best = {0, 0};
            for (float[] v : vectors) {
                double pos = max(vectors(lang).examples().get(k), v);
                if (pos > best[0]) {
                    best[0] = pos;
                    best[1] = max(vectors(lang).counters(), v);
                }
            }
            out.put(k, best);
        }
        return out;
    }

    private static List<String> removeFillers(List<String> words, List<List<String>> fillers) {
        List<String> out = new ArrayList<>();
        int i = 0;
        outer:
        while (i < words.size()) {
            for (List<String> f : fillers) {
                if (startsWithAt(words, i, f)) {
                    i += f.size();
                    continue outer;
                }
            }
            out.add(words.get(i));
            i++;
        }
        return out;
    }

    private static List<String> trimFillers(List<String> words, List<List<String>> fillers) {
        int from = 0;
        int to = words.size();
        boolean changed = true;
        while (changed && from < to) {
            changed = false;
            for (List<String> f : fillers) {
                if (from + f.size() <= to && startsWithAt(words.subList(0, to), from, f)) {
                    from += f.size();
                    changed = true;
                } else if (to - f.size() >= from && startsWithAt(words.subList(0, to), to - f.size(), f)) {
                    to -= f.size();
                    changed = true;
                }
            }
        }
        return words.subList(from, to);
    }

    private static boolean startsWithAt(List<String> words, int at, List<String> seq) {
        if (at + seq.size() > words.size()) {
            return false;
        }
        return words.subList(at, at + seq.size()).equals(seq);
    }

    /** "stop stop stop" to "stop": the shortest unit that, repeated, makes up the whole list. */
    private static List<String> collapseRepeats(List<String> words) {
        int n = words.size();
        for (int unit = 1; unit <= n / 2; unit++) {
            if (n % unit != 0) {
                continue;
            }
            boolean repeats = true;
            for (int i = unit; i < n && repeats; i++) {
                repeats = words.get(i).equals(words.get(i % unit));
            }
            if (repeats) {
                return words.subList(0, unit);
            }
        }
        return words;
    }
}
