package no.trinn.app.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.simulate.ClientChannel;
import no.trinn.agents.simulate.ClientProfile;
import no.trinn.agents.simulate.SimulatedClient;
import no.trinn.app.voice.StatePhrases;
import no.trinn.core.Require;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.asr.Phrases;
import no.trinn.speech.asr.RecognitionResult;
import no.trinn.speech.asr.SpeechRecognizer;
import no.trinn.speech.asr.SphinxRecognizer;
import no.trinn.speech.tts.SpeechSynthesizer;
import no.trinn.speech.tts.Utterance;
import no.trinn.speech.tts.VoiceSettings;

/**
 * The voice channel of {@code trinn eval --voice}: each simulated client turn's words are spoken by a synthesizer
 * (espeak-ng) in the client's voice ({@link #voice}), after {@value #LEAD_MILLIS} ms of silence, and the audio goes
 * through the grammar-mode recognizer the voice session uses in that state ({@link StatePhrases}: the state's intent
 * examples, the language's repair phrases, the stop and pause phrases); the session gets the recognized words
 * (several final results joined by a space; empty when nothing was recognized). Silence stays silence and is not
 * synthesized. Recognizers are made on first use and kept per scenario, state and language (Sphinx4 takes about a
 * second to load one), and reset before every turn.
 *
 * <p>Counts what it heard ({@link #figures()}) and keeps a row per spoken turn ({@link #rows()}). Owns the
 * synthesizer and the recognizers: {@link #close()} closes the recognizers, then the synthesizer. Thread-safe (turns
 * are taken one at a time); recognition depends on the order of the turns (a recognizer's noise and its decoder's
 * normalisation carry over from turn to turn), so a batch is deterministic only when it runs on one thread.
 */
public final class SpokenChannel implements ClientChannel, AutoCloseable {
    /** Silence before each spoken turn, in milliseconds. */
    public static final int LEAD_MILLIS = 300;
    /** Slowest words per minute a client speaks at. */
    public static final int MIN_WORDS_PER_MINUTE = 120;
    /** Fastest words per minute a client speaks at. */
    public static final int MAX_WORDS_PER_MINUTE = 190;
    private static final int ESPEAK_WORDS_PER_MINUTE = 175;
    private static final List<String> VARIANTS = List.of("", "+f3", "+m3");

    private final SpeechSynthesizer synthesizer;
    private final SafetyCheck safety;
    private final BiFunction<String, StatePhrases.Grammar, SpeechRecognizer> recognizers;
    private final Map<String, Grammar> grammars = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private int silentTurns;
    private long loadNanos;

    /**
     * A channel through {@code synthesizer} and Sphinx4 ({@link StatePhrases#sphinx}).
     *
     * @param synthesizer speaks the clients' words; its voices must include {@code en} and {@code nb} variants
     *     ({@code en+f3}), as espeak-ng's do; its audio must be {@link PcmFormat#INTERNAL}
     * @param safety gives the stop and pause phrases of each language
     */
    public SpokenChannel(SpeechSynthesizer synthesizer, SafetyCheck safety) {
        this(synthesizer, safety, StatePhrases::sphinx);
    }

    /**
     * @param synthesizer as above
     * @param safety as above
     * @param recognizers makes the recognizer of a language and its phrases
     */
    public SpokenChannel(SpeechSynthesizer synthesizer, SafetyCheck safety,
            BiFunction<String, StatePhrases.Grammar, SpeechRecognizer> recognizers) {
        this.synthesizer = Require.nonNull(synthesizer, "synthesizer");
        this.safety = Require.nonNull(safety, "safety");
        this.recognizers = Require.nonNull(recognizers, "recognizers");
        if (!synthesizer.format().equals(PcmFormat.INTERNAL)) {
            throw new IllegalArgumentException("synthesizer: must make " + PcmFormat.INTERNAL + " audio, made "
                    + synthesizer.format());
        }
    }

    /**
     * The voice of {@code client} in {@code language}: one of three espeak-ng variants (the language's own voice,
     * {@code +f3}, {@code +m3}) chosen by the client's name, at a speed from its style: {@code 200 - 0.012 *
     * meanResponseMillis} words a minute, clamped to [{@value #MIN_WORDS_PER_MINUTE},
     * {@value #MAX_WORDS_PER_MINUTE}] (slow responders speak slowly).
     */
    public static VoiceSettings voice(ClientProfile client, String language) {
        Require.nonNull(client, "client");
        Require.nonBlank(language, "language");
        String variant = VARIANTS.get(Math.floorMod(client.name().hashCode(), VARIANTS.size()));
        long rate = Math.round(wordsPerMinute(client) * 100.0 / ESPEAK_WORDS_PER_MINUTE) - 100;
        return new VoiceSettings(language + variant, (int) rate, 0, 1.0, 0.0);
    }

    /** The words a minute {@code client} speaks at (see {@link #voice}). */
    public static int wordsPerMinute(ClientProfile client) {
        long wpm = Math.round(200 - 0.012 * client.style().meanResponseMillis());
        return Math.clamp(wpm, MIN_WORDS_PER_MINUTE, MAX_WORDS_PER_MINUTE);
    }

    @Override
    public synchronized String heard(ClientProfile client, Scenario scenario, String stateId,
            SimulatedClient.Turn turn) {
        Require.nonNull(client, "client");
        Require.nonNull(scenario, "scenario");
        Require.nonNull(stateId, "stateId");
        Require.nonNull(turn, "turn");
        if (turn.text().isBlank()) {
            silentTurns++;
            return "";
        }
        Grammar grammar = grammar(scenario, stateId);
        VoiceSettings voice = voice(client, scenario.language());
        long start = System.nanoTime();
        Utterance spoken = synthesizer.synthesize(turn.text(), voice);
        long synthesized = System.nanoTime();
        grammar.recognizer.reset();
        List<RecognitionResult> results = new ArrayList<>(grammar.recognizer.accept(new byte[PcmFormat.INTERNAL
                .bytesFor(LEAD_MILLIS)]));
        results.addAll(grammar.recognizer.accept(spoken.pcm()));
        results.addAll(grammar.recognizer.finish());
        long recognized = System.nanoTime();
        String text = String.join(" ", results.stream().filter(RecognitionResult::isFinal)
                .map(RecognitionResult::text).toList());
        String line = Phrases.normalise(turn.line());
        Set<String> heardIntents = grammar.intentsOf(text);
        boolean control = !text.isEmpty() && !text.equals(line)
                && safety.checkStopOrPause(text, scenario.language()).isPresent();
        rows.add(new Row(client.name(), scenario.id(), stateId, turn.kind(), turn.intent(), voice.voice(),
                wordsPerMinute(client), turn.line(), turn.text(), text, String.join(" ", heardIntents),
                grammar.phrases.contains(line), Phrases.normalise(turn.text()).equals(line), control,
                text.equals(line),
                turn.intent().map(heardIntents::contains), wordErrors(line, text), words(line).size(),
                spoken.durationMillis(), synthesized - start, recognized - synthesized));
        return text;
    }

    /** The grammar of {@code stateId}, made and kept on first use. */
    private Grammar grammar(Scenario scenario, String stateId) {
        String key = scenario.id() + "/" + stateId + "/" + scenario.language();
        Grammar grammar = grammars.get(key);
        if (grammar == null) {
            State state = scenario.state(stateId).orElseThrow(() -> new IllegalArgumentException("stateId: scenario "
                    + scenario.id() + " has no state '" + stateId + "'"));
            StatePhrases.Grammar phrases = StatePhrases.grammar(StatePhrases.examples(state), scenario.language(),
                    safety);
            long start = System.nanoTime();
            SpeechRecognizer recognizer = recognizers.apply(scenario.language(), phrases);
            loadNanos += System.nanoTime() - start;
            List<String> usable = recognizer instanceof SphinxRecognizer s ? s.phrases() : Phrases.normalise(phrases.all());
            Map<String, Set<String>> intents = new HashMap<>();
            for (Intent intent : state.intents()) {
                for (String example : intent.examples()) {
                    intents.computeIfAbsent(Phrases.normalise(example), k -> new TreeSet<>()).add(intent.id());
                }
            }
            grammar = new Grammar(recognizer, Set.copyOf(usable), intents);
            grammars.put(key, grammar);
        }
        return grammar;
    }

    /** A state's recognizer, its phrases (normalised) and the intents each normalised example belongs to. */
    private record Grammar(SpeechRecognizer recognizer, Set<String> phrases, Map<String, Set<String>> intents) {
        Set<String> intentsOf(String text) {
            return intents.getOrDefault(text, Set.of());
        }
    }

    /**
     * One spoken turn.
     *
     * @param client the client's name
     * @param scenarioId the scenario
     * @param stateId the state the client spoke in
     * @param kind what the turn was
     * @param intent the intent a successful turn aimed at; empty otherwise
     * @param voice the synthesizer's voice
     * @param wordsPerMinute the speed it spoke at
     * @param line the data line, without hesitation or filler
     * @param spoken the words spoken: the line with any hesitation and filler
     * @param recognized what the recognizer heard; empty for nothing
     * @param recognizedIntents the state's intents whose examples include the recognized words, space-separated
     * @param inGrammar whether the line is one of the recognizer's phrases
     * @param plain whether the words spoken are the line's alone (no hesitation or filler)
     * @param falseControl whether the recognizer heard a stop or pause phrase the client did not say
     * @param exact whether the recognized words are the line's
     * @param sameIntent for a turn that aimed at an intent: whether the recognized words are an example of it
     * @param wordErrors word substitutions, deletions and insertions from the line to the recognized words
     * @param lineWords words in the line
     * @param audioMillis length of the synthesized speech
     * @param synthesisNanos wall time of the synthesis
     * @param recognitionNanos wall time of the recognition
     */
    public record Row(String client, String scenarioId, String stateId, SimulatedClient.Kind kind,
            Optional<String> intent, String voice, int wordsPerMinute, String line, String spoken, String recognized,
            String recognizedIntents, boolean inGrammar, boolean plain, boolean falseControl, boolean exact,
            Optional<Boolean> sameIntent,
            int wordErrors, int lineWords, long audioMillis, long synthesisNanos, long recognitionNanos) {
        public Row {
            Require.nonNull(client, "client");
            Require.nonNull(scenarioId, "scenarioId");
            Require.nonNull(stateId, "stateId");
            Require.nonNull(kind, "kind");
            Require.nonNull(intent, "intent");
            Require.nonNull(voice, "voice");
            Require.nonNull(line, "line");
            Require.nonNull(spoken, "spoken");
            Require.nonNull(recognized, "recognized");
            Require.nonNull(recognizedIntents, "recognizedIntents");
            Require.nonNull(sameIntent, "sameIntent");
        }
    }

    /**
     * What the channel heard over a batch.
     *
     * @param silentTurns turns the client said nothing in (not synthesized)
     * @param spokenTurns turns spoken and recognized
     * @param expectedAnswers spoken turns that aimed at an intent of the state (successful turns)
     * @param sameIntent of those, how many came back as an example of that intent
     * @param expectedExact of those, how many came back as exactly the line
     * @param expectedNothing of those, how many came back as nothing (silence for the session)
     * @param plainAnswers expected answers spoken without hesitation or filler
     * @param plainSameIntent of those, how many came back as an example of the intent spoken
     * @param falseControls spoken turns heard as a stop or pause phrase the client did not say
     * @param inGrammar spoken turns whose line is one of the recognizer's phrases (expected answers, repair requests)
     * @param inGrammarExact of those, how many came back as exactly the line
     * @param inGrammarWords words in those lines
     * @param inGrammarWordErrors word errors on those lines
     * @param outOfGrammar spoken turns whose line the recognizer does not expect (wrong answers, off-topic remarks)
     * @param outOfGrammarAccepted of those, how many came back as some expected phrase
     * @param recognizers recognizers loaded
     * @param loadNanos wall time loading them
     * @param audioMillis speech synthesized
     * @param synthesisNanos wall time synthesizing
     * @param recognitionNanos wall time recognizing
     */
    public record Figures(int silentTurns, int spokenTurns, int expectedAnswers, int sameIntent, int expectedExact,
            int expectedNothing, int plainAnswers, int plainSameIntent, int falseControls, int inGrammar, int inGrammarExact, int inGrammarWords, int inGrammarWordErrors,
            int outOfGrammar, int outOfGrammarAccepted, int recognizers, long loadNanos, long audioMillis,
            long synthesisNanos, long recognitionNanos) {
        /** Share of expected answers recognized as an example of the intent spoken; 0 without any. */
        public double intentAccuracy() {
            return share(sameIntent, expectedAnswers);
        }

        /** Share of expected answers spoken without hesitation or filler recognized as the intent; 0 without any. */
        public double plainIntentAccuracy() {
            return share(plainSameIntent, plainAnswers);
        }

        /** Share of decorated expected answers (with hesitation or filler) recognized as the intent; 0 without any. */
        public double decoratedIntentAccuracy() {
            return share(sameIntent - plainSameIntent, expectedAnswers - plainAnswers);
        }

        /** Share of expected answers recognized as exactly the line spoken; 0 without any. */
        public double expectedExactAccuracy() {
            return share(expectedExact, expectedAnswers);
        }

        /** Share of in-grammar lines recognized exactly; 0 without any. */
        public double phraseAccuracy() {
            return share(inGrammarExact, inGrammar);
        }

        /** {@code 1 - word errors / words} over the in-grammar lines; 0 without any. */
        public double wordAccuracy() {
            return inGrammarWords == 0 ? 0 : 1 - inGrammarWordErrors / (double) inGrammarWords;
        }

        /** Share of out-of-grammar lines taken as some expected phrase; 0 without any. */
        public double outOfGrammarAcceptance() {
            return share(outOfGrammarAccepted, outOfGrammar);
        }

        /** Mean wall seconds per spoken turn, synthesis and recognition (recognizer loading not included). */
        public double secondsPerTurn() {
            return spokenTurns == 0 ? 0 : (synthesisNanos + recognitionNanos) / 1e9 / spokenTurns;
        }

        /** Mean wall seconds per spoken turn with the loading of recognizers spread over the turns. */
        public double secondsPerTurnWithLoading() {
            return spokenTurns == 0 ? 0 : (synthesisNanos + recognitionNanos + loadNanos) / 1e9 / spokenTurns;
        }

        private static double share(int part, int whole) {
            return whole == 0 ? 0 : part / (double) whole;
        }
    }

    /** The counts of every turn so far. */
    public synchronized Figures figures() {
        int expected = 0;
        int same = 0;
        int expectedExact = 0;
        int nothing = 0;
        int plain = 0;
        int plainSame = 0;
        int controls = 0;
        int in = 0;
        int inExact = 0;
        int words = 0;
        int errors = 0;
        int out = 0;
        int accepted = 0;
        long audio = 0;
        long synthesis = 0;
        long recognition = 0;
        for (Row r : rows) {
            if (r.sameIntent().isPresent()) {
                expected++;
                same += r.sameIntent().get() ? 1 : 0;
                expectedExact += r.exact() ? 1 : 0;
                nothing += r.recognized().isEmpty() ? 1 : 0;
                if (r.plain()) {
                    plain++;
                    plainSame += r.sameIntent().get() ? 1 : 0;
                }
            }
            controls += r.falseControl() ? 1 : 0;
            if (r.inGrammar()) {
                in++;
                inExact += r.exact() ? 1 : 0;
                words += r.lineWords();
                errors += r.wordErrors();
            } else {
                out++;
                accepted += r.recognized().isEmpty() ? 0 : 1;
            }
            audio += r.audioMillis();
            synthesis += r.synthesisNanos();
            recognition += r.recognitionNanos();
        }
        return new Figures(silentTurns, rows.size(), expected, same, expectedExact, nothing, plain, plainSame,
                controls, in, inExact, words,
                errors, out, accepted, grammars.size(), loadNanos, audio, synthesis, recognition);
    }

    /** A row per spoken turn so far, in order. */
    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Word substitutions, deletions and insertions turning {@code reference}'s words into {@code hypothesis}'s. */
    static int wordErrors(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hyp.size()];
    }

    private static List<String> words(String text) {
        String normalised = Phrases.normalise(text);
        return normalised.isEmpty() ? List.of() : List.of(normalised.split(" "));
    }

    /** Closes the recognizers, then the synthesizer. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (Grammar g : grammars.values().stream().toList().reversed()) {
            try {
                g.recognizer().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        grammars.clear();
        synthesizer.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** A one-line description for the command's heading. */
    public String describe() {
        return String.format(Locale.ROOT, "voice: %s speaks each client turn, sphinx4 grammar recognizer per state",
                synthesizer.engine());
    }
}
