package no.trinn.speech.asr;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.result.WordResult;
import edu.cmu.sphinx.util.TimeFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;

/**
 * {@link SpeechRecognizer} adapter for CMU Sphinx4 (pure Java; US English acoustic model and dictionary come inside
 * the Maven jars, so it needs no download) in grammar mode: it recognizes exactly one of the expected phrases per
 * utterance, built into a JSGF grammar. Speech far from every phrase usually gives no result (Sphinx4's
 * out-of-grammar branch) but may come out as the closest phrase, so callers should treat its results as "which
 * expected answer", not as free transcription. Its end-of-speech detector is a simple energy detector. Sphinx4 finds utterance ends itself
 * (its final results come back from later {@link #accept(byte[])} calls); it gives no partial results. Decoding runs
 * on one daemon thread reading one continuous stream of the fed audio ({@link #finish()} and {@link #reset()} add
 * silence to it to close an utterance, because a Sphinx4 stream that ends without speech leaves the recognizer
 * deaf). Loading takes a few seconds: make one recognizer per set of phrases and keep it. Sets the system property
 * {@code logLevel} to WARNING unless it is set, and raises the java.util.logging root logger to that level, since
 * Sphinx4 otherwise logs its model at INFO.
 *
 * <p>Other languages ({@link #norwegian(List)}, or {@link #SphinxRecognizer(List, EspeakPronunciations)}): the same
 * English acoustic model, with a dictionary made for the grammar from espeak-ng's phonemes of each word mapped to the
 * nearest English phones ({@link EspeakPronunciations}); words are spelt in plain ASCII inside Sphinx4 and given back
 * as written. A result shorter than 40 ms a phone is dropped (noise onsets came out as "hei"). Measured on the 4
 * shipped nb scenarios, every intent example spoken by espeak-ng nb in 3 voice variants (150, 190, 120 words a minute;
 * NorwegianScenarioAccuracyTest), each state's grammar holding all its intents' examples (11-21 phrases): 81.7 % of
 * 627 came back as the exact phrase and 84.2 % as an example of the right intent (chance 5-9 % and 33-53 %), real-time
 * factor 0.02-0.03, about 1 s to load a state's recognizer. Failures are mostly no result at all (the out-of-grammar
 * branch wins), rarely the wrong answer, except that short yes/no answers are confused ("nei takk" heard as "ja
 * takk" in all 3 voices). It also takes 45 % of off-topic Norwegian sentences as some expected answer. Sphinx4's
 * out-of-grammar probability (kept at its default 1e-30) trades these: at 1e-40, 90.9 % right intent but 73 % of
 * off-topic sentences accepted; at 1e-48 and below, 93.6 % and all accepted. The speech measured is espeak-ng's own,
 * whose phonemes made the dictionary, so these are upper bounds: human Norwegian speech is not measured. (Figures
 * without fillers; with them, below: 85.3 % right intent, 53 % of off-topic sentences accepted.)
 *
 * <p>Hesitations: the grammar accepts up to two filler words of the language ({@code fillers-LANG.txt}: "um",
 * "well", ...; "eh", "altså", ...) before the expected phrase and one after, and takes them off the result
 * ({@link #answer}), so "um, a small one" comes back as "a small one", not as nothing or as a stop phrase. Any number
 * of fillers let the grammar swallow off-topic speech as fillers around a short answer (71 % of the off-topic
 * Norwegian sentences accepted), hence the limit.
 */
public final class SphinxRecognizer implements SpeechRecognizer {
    private static final String MODELS = "resource:/edu/cmu/sphinx/models/en-us/";
    private static final String DICTIONARY = "edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    private static final String GRAMMAR = "trinn";
    private static final byte[] END = new byte[0];
    private static final String LOG_LEVEL = "logLevel";
    /**
     * Silence that ends an utterance. Sphinx4's default of 200 ms splits phrases at a comma; at 350 ms and more its
     * end-of-speech detector was seen to start a new segment in the silence right after speech and hold it open.
     */
    private static final int END_SILENCE_MILLIS = 300;
    /** Standard deviation of the noise added to the audio, in sample units (about -78 dBFS). */
    private static final double DITHER = 4;
    /** Silence fed after the audio by finish and reset, enough for Sphinx4 to detect the end of speech. */
    private static final int TRAILING_SILENCE_MILLIS = END_SILENCE_MILLIS + 500;
    /**
     * With generated pronunciations, a result shorter than this per phone is dropped: Sphinx4's shortest path is
     * 30 ms a phone, and noise starting after silence was seen to come out as a two-phone word ("hei") in 60 ms.
     * Speech from espeak-ng at 150-200 words a minute runs 60-90 ms a phone.
     */
    private static final int MIN_MILLIS_PER_PHONE = 40;

    private final List<String> phrases;
    private final List<String> skipped;
    /** " nb" for a recognizer with generated pronunciations, else empty. */
    private final String language;
    /** Word to grammar token, for a recognizer with generated pronunciations; empty otherwise. */
    private Map<String, String> tokens = Map.of();
    /** Grammar token to word, for a recognizer with generated pronunciations; empty otherwise. */
    private final Map<String, String> spellings = new HashMap<>();
    /** Grammar token to its number of phones, for a recognizer with generated pronunciations. */
    private final Map<String, Integer> phoneCounts = new HashMap<>();
    private final Path grammarFolder;
    private final Engine recognizer;
    private final BlockingQueue<RecognitionResult> results = new LinkedBlockingQueue<>();
    private final Feed feed = new Feed();
    private final java.util.Random dither = new java.util.Random(1);
    private final Thread worker;
    private final Set<String> phraseSet;
    private final Set<String> fillerSet;
    private volatile Throwable failure;
    /** Bytes put into the decoder's stream, with the silence added by finish and reset. */
    private long streamBytes;
    /**
     * From the decoder's stream time (ms) where it applies: how far the caller's timeline lags behind the stream,
     * which grows by the silence finish and reset add.
     */
    private final java.util.TreeMap<Long, Long> offsets = new java.util.TreeMap<>(java.util.Map.of(0L, 0L));
    /** The decoder's stream time (ms) of the last reset; results ending before it are dropped. */
    private long resetAtMillis;
    /** Bytes fed by the caller since creation or reset. */
    private long fedBytes;
    private boolean closed;

    /**
     * Builds the grammar from {@code phrases} (normalised with {@link Phrases}) and loads Sphinx4. Phrases with a word
     * the dictionary does not know are left out (see {@link #skippedPhrases()}).
     *
     * @throws IllegalArgumentException if no phrase is left
     * @throws SpeechException if Sphinx4 cannot be loaded
     */
    public SphinxRecognizer(List<String> phrases) {
        this(phrases, null, Map.of());
    }

    /**
     * A recognizer of the phrases of {@code groups}, each group as likely as its weight in {@code groupWeights}
     * however many phrases it has (a JSGF weight of group weight / group size a phrase), so that, say, 88 ways of
     * saying "stop" do not outweigh a state's 6 expected answers. {@code pronunciations} as in
     * {@link #SphinxRecognizer(List, EspeakPronunciations)}; empty for US English.
     *
     * @param groupWeights one positive weight a group, in the groups' order
     */
    public static SphinxRecognizer grouped(List<List<String>> groups, List<Double> groupWeights,
            Optional<EspeakPronunciations> pronunciations) {
        Require.nonNull(groups, "groups");
        Require.nonNull(groupWeights, "groupWeights");
        Require.nonNull(pronunciations, "pronunciations");
        if (groups.size() != groupWeights.size()) {
            throw new IllegalArgumentException("groupWeights: one a group, " + groups.size() + ", had "
                    + groupWeights.size());
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            double weight = groupWeights.get(g);
            if (!(weight > 0 && Double.isFinite(weight))) {
                throw new IllegalArgumentException("groupWeights: must be positive, was " + weight);
            }
            List<String> normalised = Phrases.normalise(Require.nonNull(groups.get(g), "groups item")).stream()
                    .distinct().toList();
            normalised.forEach(p -> weights.merge(p, weight / normalised.size(), Double::sum));
        }
        return new SphinxRecognizer(List.copyOf(weights.keySet()), pronunciations.orElse(null), weights);
    }

    /**
     * Builds the grammar from {@code phrases} (normalised with {@link Phrases}) in a language other than English:
     * the words' pronunciations come from {@code pronunciations} (espeak-ng phonemes mapped to the phones of the US
     * English acoustic model) and go into a dictionary made for this grammar. Phrases with a word that has no
     * pronunciation are left out (see {@link #skippedPhrases()}).
     *
     * @throws IllegalArgumentException if no phrase is left
     * @throws SpeechException if espeak-ng or Sphinx4 cannot be run
     */
    public SphinxRecognizer(List<String> phrases, EspeakPronunciations pronunciations) {
        this(phrases, Require.nonNull(pronunciations, "pronunciations"), Map.of());
    }

    /** {@code weights} by normalised phrase (missing: 1); {@code pronunciations} null for US English. */
    private SphinxRecognizer(List<String> phrases, EspeakPronunciations pronunciations, Map<String, Double> weights) {
        Require.nonNull(phrases, "phrases");
        List<String> normalised = Phrases.normalise(phrases);
        List<String> fillerWords = fillers(pronunciations == null ? "en" : pronunciations.voice());
        Map<String, List<String>> pronounced = pronunciations == null ? Map.of() : pronunciations.pronounceAll(
                Stream.concat(normalised.stream().flatMap(p -> Stream.of(p.split(" "))), fillerWords.stream())
                        .distinct().toList());
        Predicate<String> known;
        if (pronunciations == null) {
            Set<String> dictionary = dictionaryWords();
            known = dictionary::contains;
        } else {
            known = pronounced::containsKey;
        }
        List<String> usable = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (String phrase : normalised) {
            (Stream.of(phrase.split(" ")).allMatch(known) ? usable : unusable).add(phrase);
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("phrases: none of the " + phrases.size() + " expected phrases can be "
                    + "recognized by sphinx4 (empty, or words " + (pronunciations == null
                            ? "missing from its dictionary" : "without a pronunciation from "
                                    + pronunciations.describe()) + ")");
        }
        this.phrases = List.copyOf(usable);
        this.phraseSet = Set.copyOf(usable);
        // a filler that is itself an expected answer stays an answer
        List<String> usableFillers = fillerWords.stream().filter(known).filter(f -> !usable.contains(f)).toList();
        this.fillerSet = Set.copyOf(usableFillers);
        this.skipped = List.copyOf(unusable);
        this.language = pronunciations == null ? "" : " " + pronunciations.voice();
        if (System.getProperty(LOG_LEVEL) == null) {
            // Sphinx4 reads its global properties from system properties; its default logs every model unit at INFO
            System.setProperty(LOG_LEVEL, "WARNING");
        }
        try {
            this.grammarFolder = Files.createTempDirectory("trinn-sphinx-");
        } catch (IOException e) {
            throw new SpeechException("cannot make a folder for the sphinx4 grammar in " + System.getProperty(
                    "java.io.tmpdir") + ": " + e, e);
        }
        try {
            String dictionaryPath = MODELS + "cmudict-en-us.dict";
            List<Double> grammarWeights = weights.isEmpty() ? List.of()
                    : this.phrases.stream().map(p -> weights.getOrDefault(p, 1.0)).toList();
            List<String> grammarPhrases = this.phrases;
            List<String> grammarFillers = usableFillers;
            if (pronunciations != null) {
                tokens = tokens(Stream.concat(this.phrases.stream(), usableFillers.stream()).toList());
                StringBuilder dictionary = new StringBuilder();
                tokens.forEach((word, token) -> dictionary.append(token).append(' ')
                        .append(String.join(" ", pronounced.get(word))).append('\n'));
                Path file = grammarFolder.resolve(GRAMMAR + ".dict");
                Files.writeString(file, dictionary, StandardCharsets.UTF_8);
                dictionaryPath = file.toUri().toString();
                grammarPhrases = this.phrases.stream().map(p -> String.join(" ", Stream.of(p.split(" "))
                        .map(tokens::get).toList())).toList();
                grammarFillers = usableFillers.stream().map(tokens::get).toList();
                tokens.forEach((word, token) -> spellings.put(token, word));
                tokens.forEach((word, token) -> phoneCounts.put(token, pronounced.get(word).size()));
            }
            Files.writeString(grammarFolder.resolve(GRAMMAR + ".gram"), jsgf(grammarPhrases, grammarWeights,
                    grammarFillers), StandardCharsets.UTF_8);
            Configuration configuration = new Configuration();
            configuration.setAcousticModelPath(MODELS + "en-us");
            configuration.setDictionaryPath(dictionaryPath);
            configuration.setGrammarPath(grammarFolder.toUri().toString());
            configuration.setGrammarName(GRAMMAR);
            configuration.setUseGrammar(true);
            configuration.setSampleRate(PcmFormat.INTERNAL.sampleRate());
            quietLogging();
            Context context = new Context(configuration);
            context.setLocalProperty("speechMarker->endSilence", END_SILENCE_MILLIS);
            this.recognizer = new Engine(context);
        } catch (IOException | RuntimeException e) {
            deleteGrammar();
            throw new SpeechException("cannot load the sphinx4 recognizer with a grammar of " + usable.size()
                    + " phrases: " + e, e);
        }
        worker = new Thread(this::decode, "trinn-sphinx4");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * A recognizer of expected Norwegian Bokmål answers: Sphinx4's US English acoustic model with pronunciations from
     * espeak-ng's {@code nb} voice mapped to English phones ({@link EspeakPronunciations#norwegian()}).
     */
    public static SphinxRecognizer norwegian(List<String> phrases) {
        return new SphinxRecognizer(phrases, EspeakPronunciations.norwegian());
    }

    /** {@link #grouped} for Norwegian Bokmål ({@link #norwegian(List)}'s pronunciations). */
    public static SphinxRecognizer norwegianGrouped(List<List<String>> groups, List<Double> groupWeights) {
        return grouped(groups, groupWeights, Optional.of(EspeakPronunciations.norwegian()));
    }

    /**
     * The grammar and dictionary spelling of each word of {@code phrases}: plain ASCII (Sphinx4's JSGF parser and
     * dictionary are not relied on for other letters; æ, ø and å become ae, oe and aa, accents are dropped), made
     * unique with a number where two words would meet.
     */
    static Map<String, String> tokens(List<String> phrases) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String phrase : phrases) {
            for (String word : phrase.split(" ")) {
                if (tokens.containsKey(word)) {
                    continue;
                }
                String ascii = Normalizer.normalize(word.replace("\u00e6", "ae").replace("\u00f8", "oe")
                        .replace("\u00e5", "aa"), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                        .replaceAll("[^a-z']", "");
                String token = ascii.replace("'", "").isEmpty() ? "w" : ascii;
                for (int n = 2; taken.contains(token); n++) {
                    token = (ascii.isEmpty() ? "w" : ascii) + n;
                }
                taken.add(token);
                tokens.put(word, token);
            }
        }
        return tokens;
    }

    /**
     * Sphinx4 logs through java.util.logging on the root logger, and loading its acoustic model logs every unit at
     * INFO when that logger is at INFO (as it is in a plain {@code java -jar}, where the {@code logLevel} property
     * alone did not quiet it). Raises the root logger to the {@code logLevel} property's level (WARNING unless set)
     * if it is lower; Trinn's own logging does not go through java.util.logging.
     */
    private static void quietLogging() {
        Level wanted;
        try {
            wanted = Level.parse(System.getProperty(LOG_LEVEL, "WARNING"));
        } catch (IllegalArgumentException e) {
            wanted = Level.WARNING;
        }
        Logger root = Logger.getLogger("");
        Level now = root.getLevel();
        if (now == null || now.intValue() < wanted.intValue()) {
            root.setLevel(wanted);
        }
    }

    /**
     * The JSGF grammar accepting exactly one of {@code phrases} (already normalised), with up to two of
     * {@code fillers} (single words) before it and one after it: more would let the grammar swallow off-topic speech
     * as fillers around a short answer.
     */
    static String jsgf(List<String> phrases, List<String> fillers) {
        return jsgf(phrases, List.of(), fillers);
    }

    /** As {@link #jsgf(List, List)}, each phrase with its JSGF weight from {@code weights} (none when empty). */
    static String jsgf(List<String> phrases, List<Double> weights, List<String> fillers) {
        StringBuilder b = new StringBuilder("#JSGF V1.0;\ngrammar ").append(GRAMMAR).append(";\npublic <phrase> = ")
                .append(fillers.isEmpty() ? "<answer>" : "[<filler>] [<filler>] <answer> [<filler>]").append(";\n<answer> = ");
        for (int i = 0; i < phrases.size(); i++) {
            b.append(i == 0 ? "" : "\n    | ");
            if (!weights.isEmpty()) {
                b.append('/').append(String.format(java.util.Locale.ROOT, "%.6f", weights.get(i))).append("/ ");
            }
            b.append('(').append(phrases.get(i)).append(')');
        }
        b.append(";\n");
        if (!fillers.isEmpty()) {
            b.append("<filler> = ").append(String.join(" | ", fillers)).append(";\n");
        }
        return b.toString();
    }

    /** The filler words of {@code language} ({@code fillers-LANG.txt} beside this class; none if it has no file). */
    static List<String> fillers(String language) {
        InputStream in = SphinxRecognizer.class.getResourceAsStream("fillers-" + language + ".txt");
        if (in == null) {
            return List.of();
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return Phrases.normalise(r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList());
        } catch (IOException e) {
            throw new SpeechException("cannot read the filler words fillers-" + language + ".txt: " + e, e);
        }
    }

    private static Set<String> dictionaryWords() {
        Set<String> words = new HashSet<>(140_000);
        InputStream in = SphinxRecognizer.class.getClassLoader().getResourceAsStream(DICTIONARY);
        if (in == null) {
            throw new SpeechException("the sphinx4 dictionary " + DICTIONARY + " is not on the class path "
                    + "(net.sf.phat:sphinx4-data is missing)");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                int space = line.indexOf(' ');
                String word = space < 0 ? line : line.substring(0, space);
                int variant = word.indexOf('(');
                words.add(variant < 0 ? word : word.substring(0, variant));
            }
        } catch (IOException e) {
            throw new SpeechException("cannot read the sphinx4 dictionary " + DICTIONARY + ": " + e, e);
        }
        return words;
    }

    /** The normalised phrases in the grammar. */
    public List<String> phrases() {
        return phrases;
    }

    /** The normalised phrases left out because the dictionary lacks one of their words. */
    public List<String> skippedPhrases() {
        return skipped;
    }

    @Override
    public String name() {
        return "sphinx4 grammar" + language + " (" + phrases.size() + " phrases)";
    }

    private void decode() {
        try {
            recognizer.start(feed);
            try {
                for (SpeechResult r; (r = recognizer.getResult()) != null;) {
                    result(r).ifPresent(results::add);
                }
            } finally {
                recognizer.stop();
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private Optional<RecognitionResult> result(SpeechResult r) {
        List<WordResult> words = r.getWords().stream().filter(w -> !w.isFiller())
                .filter(w -> !w.getWord().getSpelling().startsWith("<"))
                .sorted(Comparator.comparingLong(w -> w.getTimeFrame().getStart())).toList();
        String hypothesis = r.getHypothesis();
        if (!tokens.isEmpty()) {
            hypothesis = String.join(" ", Stream.of(hypothesis.trim().split("\\s+")).map(spellings::get)
                    .filter(java.util.Objects::nonNull).toList());
        }
        String text = answer(Phrases.normalise(hypothesis));
        if (text.isEmpty() || words.isEmpty()) {
            return Optional.empty();
        }
        long start = words.get(0).getTimeFrame().getStart();
        long end = Math.max(start, words.get(words.size() - 1).getTimeFrame().getEnd());
        if (!tokens.isEmpty()) {
            int phones = words.stream().mapToInt(w -> phoneCounts.getOrDefault(w.getWord().getSpelling(), 1)).sum();
            if (end - start < (long) MIN_MILLIS_PER_PHONE * phones) {
                return Optional.empty(); // too short to be the phrase: a click or the onset of noise
            }
        }
        return Optional.of(RecognitionResult.finalResult(text, start, end));
    }

    /**
     * The expected phrase inside {@code heard}: the fillers around it taken off (as few as possible, so a phrase that
     * begins or ends with a filler word keeps it); {@code heard} itself if no phrase is found.
     */
    String answer(String heard) {
        String[] w = heard.isEmpty() ? new String[0] : heard.split(" ");
        for (int strip = 0; strip < w.length; strip++) {
            for (int front = 0; front <= strip; front++) {
                int back = w.length - (strip - front);
                String middle = String.join(" ", Arrays.asList(w).subList(front, back));
                if (phraseSet.contains(middle) && fillerSet.containsAll(Arrays.asList(w).subList(0, front))
                        && fillerSet.containsAll(Arrays.asList(w).subList(back, w.length))) {
                    return middle;
                }
            }
        }
        return heard;
    }

    @Override
    public List<RecognitionResult> accept(byte[] pcm) {
        Require.nonNull(pcm, "pcm");
        open();
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("pcm must hold whole 16-bit samples, had " + pcm.length + " bytes");
        }
        if (pcm.length > 0) {
            feed.queue.add(dithered(pcm));
            streamBytes += pcm.length;
            fedBytes += pcm.length;
        }
        return drain();
    }

    @Override
    public List<RecognitionResult> finish() {
        open();
        closeUtterance();
        return drain();
    }

    @Override
    public void reset() {
        open();
        closeUtterance();
        rethrow();
        results.clear();
        resetAtMillis = PcmFormat.INTERNAL.millisOf(streamBytes);
        offsets.put(resetAtMillis, resetAtMillis);
        fedBytes = 0;
    }

    /**
     * Feeds silence after the audio so far, so that Sphinx4's end-of-speech detector closes any open utterance, and
     * waits until the decoder has taken all of it. The silence is not part of the caller's timeline.
     */
    private void closeUtterance() {
        byte[] silence = dithered(new byte[PcmFormat.INTERNAL.bytesFor(TRAILING_SILENCE_MILLIS)]);
        long at = PcmFormat.INTERNAL.millisOf(streamBytes);
        feed.queue.add(silence);
        streamBytes += silence.length;
        offsets.put(at + TRAILING_SILENCE_MILLIS, offsets.floorEntry(at).getValue() + TRAILING_SILENCE_MILLIS);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(feed.consumed == streamBytes && feed.waiting)) {
            rethrow();
            if (!worker.isAlive()) {
                throw new SpeechException("the sphinx4 decoding thread has stopped");
            }
            if (System.nanoTime() > deadline) {
                throw new SpeechException("sphinx4 did not finish decoding within 60 s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpeechException("interrupted while waiting for sphinx4 to finish", e);
            }
        }
    }

    /**
     * A copy of {@code pcm} with one bit of noise added: a stretch of digital silence drives Sphinx4's speech
     * classifier's background level to minus infinity, after which it never detects speech again.
     */
    private byte[] dithered(byte[] pcm) {
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i += 2) {
            int v = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)) + (int) Math.round(dither.nextGaussian() * DITHER);
            v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            out[i] = (byte) v;
            out[i + 1] = (byte) (v >> 8);
        }
        return out;
    }

    private List<RecognitionResult> drain() {
        rethrow();
        List<RecognitionResult> raw = new ArrayList<>();
        results.drainTo(raw);
        List<RecognitionResult> out = new ArrayList<>(raw.size());
        long fed = PcmFormat.INTERNAL.millisOf(fedBytes);
        for (RecognitionResult r : raw) {
            // Sphinx4 times count from the start of its stream, which includes silence fed by finish and reset
            if (r.endMillis() <= resetAtMillis) {
                continue; // audio from before the last reset
            }
            long end = Math.max(0, Math.min(fed, r.endMillis() - offsets.floorEntry(r.endMillis()).getValue()));
            long start = Math.max(0, Math.min(end, r.startMillis() - offsets.floorEntry(r.startMillis())
                    .getValue()));
            out.add(RecognitionResult.finalResult(r.text(), start, end));
        }
        return out;
    }

    private void rethrow() {
        Throwable e = failure;
        if (e != null) {
            failure = null;
            throw new SpeechException("sphinx4 failed while decoding: " + e, e);
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the sphinx4 recognizer is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            feed.queue.clear();
            feed.queue.add(END);
            worker.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteGrammar();
        }
    }

    private void deleteGrammar() {
        try (Stream<Path> files = Files.list(grammarFolder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(grammarFolder);
        } catch (IOException e) {
            throw new SpeechException("cannot delete the sphinx4 grammar folder " + grammarFolder + ": " + e, e);
        }
    }

    /** Sphinx4's recognizer on a context the caller configured (its stream recognizer takes only defaults). */
    private static final class Engine extends AbstractSpeechRecognizer {
        Engine(Context context) throws IOException {
            super(context);
        }

        void start(InputStream in) {
            recognizer.allocate();
            context.setSpeechSource(in, TimeFrame.INFINITE);
        }

        void stop() {
            recognizer.deallocate();
        }
    }

    /** The audio fed to the decoding thread: a stream that blocks until the next chunk or the end arrives. */
    private static final class Feed extends InputStream {
        final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        /** Bytes handed to the decoder so far. */
        volatile long consumed;
        /** Whether the decoder is waiting for audio with nothing queued. */
        volatile boolean waiting;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    byte[] next = queue.poll();
                    if (next == null) {
                        waiting = true;
                        next = queue.take();
                        waiting = false;
                    }
                    if (next == END) {
                        ended = true;
                        return -1;
                    }
                    current = next;
                    position = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for audio");
                }
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            consumed += n;
            return n;
        }
    }
}
