package no.trinn.agents.generative;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.trinn.agents.AgentException;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.core.Require;
import no.trinn.models.SentenceEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard rails of the generative engine, in English and Norwegian, from the data files {@code guard-en.yaml}
 * and {@code guard-nb.yaml}. Two jobs:
 * <ol>
 *   <li><b>Replies.</b> Every generated sentence is checked before anyone sees or hears it ({@link #checkReply},
 *       and sentence by sentence while streaming): it must stay in role (no "as an AI", "language model",
 *       "I cannot", no talk of prompts or instructions), hold nothing harmful, sexual or demeaning, give no medical
 *       or dosage advice (doses, units, "you should take", a medicine named together with take/stop/...), keep to
 *       the length cap, and be in the scenario's language (a stop-word count: it fails only on clear evidence of
 *       the other language). Curated phrases match whole words, case- and accent-insensitively; replies in
 *       Norwegian are checked against the English lists too.</li>
 *   <li><b>Client attempts to pull the character out of its role</b> ("ignore your instructions", "you are an AI",
 *       "pretend you are...", "tell me your system prompt", asking for drugs or weapons) are recognised
 *       ({@link #checkClient}) by curated patterns and by sentence-embedding similarity to examples, so the engine
 *       can answer in role with an authored {@link #deflection} instead of calling the model.</li>
 * </ol>
 * The example sentences are embedded once, here (a second or two). Only kinds and reason codes come out; no
 * checked text is ever logged. Immutable and thread-safe.
 */
public final class GuardRails {
    private static final Logger LOG = LoggerFactory.getLogger(GuardRails.class);
    private static final int MAX_SENTENCES_EMBEDDED = 4;
    private static final int MIN_WORDS_FOR_SIMILARITY = 3;

    /** Why a generated reply may not be said; {@link #code()} is what replies and metadata record. */
    public enum Issue {
        /** Nothing to say. */
        EMPTY,
        /** It steps out of the role: talks as an AI, of prompts or instructions, refuses like an assistant. */
        ROLE,
        /** Violence, weapons, illicit drugs, self-harm. */
        HARM,
        /** Sexual content. */
        SEXUAL,
        /** Insults, slurs, swearing, belittling. */
        DEMEANING,
        /** Medical or dosage advice. */
        MEDICAL,
        /** Too many sentences or characters. */
        LENGTH,
        /** Clearly in another language than the scenario's. */
        LANGUAGE;

        /** The reason code, e.g. {@code guard:role}. */
        public String code() {
            return "guard:" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** A kind of attempt to pull the character out of its role; {@link #code()} is what replies record. */
    public enum Attempt {
        /** "You are an AI", "are you a robot?". */
        IDENTITY,
        /** "Ignore your instructions", "developer mode". */
        INSTRUCTIONS,
        /** "Tell me your system prompt". */
        PROMPT,
        /** "Pretend you are...", "from now on you are...". */
        ROLEPLAY,
        /** Asking for illicit drugs. */
        DRUGS,
        /** Asking for weapons, or talk of hurting someone. */
        WEAPONS;

        /** The key of this kind in the data files, e.g. {@code identity}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The reason code, e.g. {@code deflection:identity}. */
        public String code() {
            return "deflection:" + key();
        }
    }

    /**
     * An attempt found in a client utterance.
     *
     * @param attempt its kind
     * @param method {@code pattern} (a curated pattern; score 1) or {@code similarity} (embedding similarity)
     * @param score the similarity, or 1 for a pattern
     */
    public record RoleBreak(Attempt attempt, String method, double score) {
        /** Method of a curated-pattern hit. */
        public static final String PATTERN = "pattern";
        /** Method of an embedding-similarity hit. */
        public static final String SIMILARITY = "similarity";

        public RoleBreak {
            Require.nonNull(attempt, "attempt");
            Require.nonBlank(method, "method");
            Require.inRange(score, 0.0, 1.0, "score");
        }
    }

    private record ReplyRules(List<Phrase> role, List<Phrase> harm, List<Phrase> harmNot, List<Phrase> sexual,
            List<Phrase> demeaning, List<Phrase> medical, List<Phrase> medicines, List<Phrase> medicineVerbs) {
    }

    private record ClientRules(Map<Attempt, List<Phrase>> patterns, Map<Attempt, List<Phrase>> not,
            Map<Attempt, List<String>> examples, List<String> harmless, double threshold, double margin) {
    }

    private record Lang(String language, ReplyRules reply, ClientRules client, Set<String> languageWords,
            Map<Attempt, float[][]> exampleVectors, float[][] harmlessVectors) {
    }

    private final SentenceEmbedder embedder;
    private final Map<String, Lang> languages;

    /**
     * Loads both data files and embeds their example and harmless sentences in one batch. Throws
     * {@link AgentException} naming the file and field of invalid data.
     */
    public GuardRails(SentenceEmbedder embedder) {
        this.embedder = Require.nonNull(embedder, "embedder");
        Map<String, DataFile> files = new LinkedHashMap<>();
        List<String> sentences = new ArrayList<>();
        Map<String, ClientRules> clients = new LinkedHashMap<>();
        for (String language : DataFile.LANGUAGES) {
            DataFile f = DataFile.read("guard-" + language + ".yaml");
            f.requireLanguage(language);
            files.put(language, f);
            ClientRules c = client(f);
            clients.put(language, c);
            for (Attempt a : Attempt.values()) {
                sentences.addAll(c.examples().get(a));
            }
            sentences.addAll(c.harmless());
        }
        long start = System.nanoTime();
        List<float[]> vectors = embedder.embedAll(sentences);
        if (vectors.size() != sentences.size()) {
            throw new AgentException("guard rails: embedder " + embedder.modelId() + " returned " + vectors.size()
                    + " vectors for " + sentences.size() + " sentences");
        }
        Map<String, Lang> langs = new LinkedHashMap<>();
        int at = 0;
        for (String language : DataFile.LANGUAGES) {
            DataFile f = files.get(language);
            ClientRules c = clients.get(language);
            Map<Attempt, float[][]> ev = new EnumMap<>(Attempt.class);
            for (Attempt a : Attempt.values()) {
                int n = c.examples().get(a).size();
                ev.put(a, vectors.subList(at, at + n).toArray(float[][]::new));
                at += n;
            }
            float[][] hv = vectors.subList(at, at + c.harmless().size()).toArray(float[][]::new);
            at += c.harmless().size();
            Set<String> words = new HashSet<>();
            f.strings("languageWords", false).forEach(w -> words.add(Folded.fold(w)));
            langs.put(language, new Lang(language, reply(f), c, Set.copyOf(words), Map.copyOf(ev), hv));
        }
        this.languages = Map.copyOf(langs);
        LOG.info("guard rails ready: {} sentences embedded with {} in {} ms", sentences.size(), embedder.modelId(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static ReplyRules reply(DataFile f) {
        return new ReplyRules(f.phrases("reply.role.phrases", false), f.phrases("reply.harm.phrases", false),
                f.phrases("reply.harm.not", true), f.phrases("reply.sexual.phrases", false),
                f.phrases("reply.demeaning.phrases", false), f.phrases("reply.medical.phrases", false),
                f.phrases("reply.medical.medicines", false), f.phrases("reply.medical.medicineVerbs", false));
    }

    private static ClientRules client(DataFile f) {
        Map<Attempt, List<Phrase>> patterns = new EnumMap<>(Attempt.class);
        Map<Attempt, List<Phrase>> not = new EnumMap<>(Attempt.class);
        Map<Attempt, List<String>> examples = new EnumMap<>(Attempt.class);
        for (Attempt a : Attempt.values()) {
            String base = "client.kinds." + a.key();
            patterns.put(a, f.phrases(base + ".patterns", false));
            not.put(a, f.phrases(base + ".not", true));
            examples.put(a, f.strings(base + ".examples", false));
        }
        return new ClientRules(Map.copyOf(patterns), Map.copyOf(not), Map.copyOf(examples),
                f.strings("client.harmless", false),
                f.number("client.threshold", 0.0, 1.0), f.number("client.margin", 0.0, 1.0));
    }

    /**
     * The first problem of a whole generated reply, or empty if it may be said: EMPTY, then per sentence ROLE, HARM,
     * SEXUAL, DEMEANING, MEDICAL, LANGUAGE (on the reply up to that sentence), and LENGTH when it has more than
     * {@code maxSentences} sentences or {@code maxChars} characters.
     */
    public Optional<Issue> checkReply(String text, String language, int maxSentences, int maxChars) {
        Require.nonNull(text, "text");
        Require.inRange(maxSentences, 1, 100, "maxSentences");
        Require.inRange(maxChars, 1, 100_000, "maxChars");
        List<String> sentences = SentenceSplitter.split(text);
        if (sentences.isEmpty()) {
            return Optional.of(Issue.EMPTY);
        }
        StringBuilder before = new StringBuilder();
        for (String s : sentences) {
            Optional<Issue> issue = checkSentence(s, before.toString(), language);
            if (issue.isPresent()) {
                return issue;
            }
            before.append(before.isEmpty() ? "" : " ").append(s);
        }
        if (sentences.size() > maxSentences || before.length() > maxChars) {
            return Optional.of(Issue.LENGTH);
        }
        return Optional.empty();
    }

    /**
     * The content problem of one sentence of a reply, or empty: ROLE, HARM, SEXUAL, DEMEANING, MEDICAL, then
     * LANGUAGE of {@code before} (the sentences already accepted) with this one.
     */
    Optional<Issue> checkSentence(String sentence, String before, String language) {
        Lang own = languages.get(DataFile.resolve(language));
        String padded = Folded.padded(sentence);
        for (Lang l : withEnglish(own)) {
            ReplyRules r = l.reply();
            if (Phrase.anyIn(r.role(), padded)) {
                return Optional.of(Issue.ROLE);
            }
            if (!Phrase.anyIn(r.harmNot(), padded) && Phrase.anyIn(r.harm(), padded)) {
                return Optional.of(Issue.HARM);
            }
            if (Phrase.anyIn(r.sexual(), padded)) {
                return Optional.of(Issue.SEXUAL);
            }
            if (Phrase.anyIn(r.demeaning(), padded)) {
                return Optional.of(Issue.DEMEANING);
            }
            if (Phrase.anyIn(r.medical(), padded)
                    || Phrase.anyIn(r.medicines(), padded) && Phrase.anyIn(r.medicineVerbs(), padded)) {
                return Optional.of(Issue.MEDICAL);
            }
        }
        if (wrongLanguage(before.isEmpty() ? sentence : before + " " + sentence, own)) {
            return Optional.of(Issue.LANGUAGE);
        }
        return Optional.empty();
    }

    /**
     * Whether {@code text} is clearly not in {@code own}'s language: a character no supported language writes with
     * (another script, a replacement or control character: what a broken or random-weight model produces); at least
     * two words only the other language has and none of its own; or at least three and more than twice as many as
     * its own.
     */
    private boolean wrongLanguage(String text, Lang own) {
        if (!text.codePoints().allMatch(GuardRails::writable)) {
            return true;
        }
        List<String> words = Folded.words(text);
        int mine = 0;
        int other = 0;
        for (String w : words) {
            boolean inOwn = own.languageWords().contains(w);
            boolean inOther = false;
            for (Lang l : languages.values()) {
                if (l != own && l.languageWords().contains(w)) {
                    inOther = true;
                }
            }
            if (inOwn && !inOther) {
                mine++;
            } else if (inOther && !inOwn) {
                other++;
            }
        }
        return other >= 2 && mine == 0 || other >= 3 && other > 2 * mine;
    }

    /** Latin letters (with accents, æ, ø, å), digits, white space and ordinary punctuation and symbols. */
    private static boolean writable(int c) {
        if (Character.isLetter(c)) {
            return Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
        }
        if (c == '\uFFFD' || Character.isISOControl(c) && !Character.isWhitespace(c)) {
            return false;
        }
        int type = Character.getType(c);
        return Character.isDigit(c) || Character.isWhitespace(c) || type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE && type != Character.OTHER_SYMBOL
                && type != Character.MODIFIER_LETTER && type != Character.NON_SPACING_MARK;
    }

    /** {@link #checkClient(String, String, double)} with no competing scenario intent. */
    public Optional<RoleBreak> checkClient(String text, String language) {
        return checkClient(text, language, 0.0);
    }

    /**
     * An attempt to pull the character out of its role in the client's {@code text}, or empty. A kind whose
     * {@code not} phrases occur (a negation: "I'd never hurt anyone") is passed over. A curated pattern (of the
     * utterance's language or English) decides at once; otherwise the utterance, and each of its first
     * sentences, is compared with the examples of its language: the nearest kind counts when its best example
     * reaches the threshold and beats the best harmless sentence, and {@code intentScore} (how well the words match
     * an intent of the scenario), by the margin. Utterances under three words are left to the patterns.
     */
    public Optional<RoleBreak> checkClient(String text, String language, double intentScore) {
        Require.nonNull(text, "text");
        Require.nonNull(language, "language");
        Lang own = languages.get(DataFile.resolve(language));
        String padded = Folded.padded(text);
        for (Attempt a : Attempt.values()) {
            for (Lang l : withEnglish(own)) {
                if (!Phrase.anyIn(l.client().not().get(a), padded)
                        && Phrase.anyIn(l.client().patterns().get(a), padded)) {
                    return Optional.of(new RoleBreak(a, RoleBreak.PATTERN, 1.0));
                }
            }
        }
        if (Folded.words(text).size() < MIN_WORDS_FOR_SIMILARITY) {
            return Optional.empty();
        }
        List<String> pieces = new ArrayList<>();
        pieces.add(text);
        List<String> sentences = SentenceSplitter.split(text);
        if (sentences.size() > 1) {
            sentences.stream().filter(s -> Folded.words(s).size() >= MIN_WORDS_FOR_SIMILARITY)
                    .limit(MAX_SENTENCES_EMBEDDED).forEach(pieces::add);
        }
        Optional<RoleBreak> best = Optional.empty();
        for (float[] v : embedder.embedAll(pieces)) {
            double harmless = best(v, own.harmlessVectors());
            for (Attempt a : Attempt.values()) {
                ClientRules c = own.client();
                if (Phrase.anyIn(c.not().get(a), padded)) {
                    continue;
                }
                double score = best(v, own.exampleVectors().get(a));
                boolean hit = score >= c.threshold() && score - harmless >= c.margin()
                        && score - intentScore >= c.margin();
                if (hit && (best.isEmpty() || score > best.get().score())) {
                    best = Optional.of(new RoleBreak(a, RoleBreak.SIMILARITY, Math.min(1.0, score)));
                }
            }
        }
        return best;
    }

    /**
     * The character's in-role answer to an attempt of kind {@code attempt}: an authored line in the scenario's
     * language that fits the character's behaviour now ({@code lines-<language>.yaml}).
     */
    public String deflection(Attempt attempt, TurnContext ctx) {
        Require.nonNull(attempt, "attempt");
        Require.nonNull(ctx, "ctx");
        return AuthoredLines.forLanguage(ctx.scenario().language()).deflection(attempt, ctx);
    }

    /** The best similarity of a client utterance to the examples of each kind, for tuning (tests). */
    Map<Attempt, Double> similarities(String text, String language) {
        Lang own = languages.get(DataFile.resolve(language));
        float[] v = embedder.embed(text);
        Map<Attempt, Double> out = new EnumMap<>(Attempt.class);
        for (Attempt a : Attempt.values()) {
            out.put(a, best(v, own.exampleVectors().get(a)));
        }
        return out;
    }

    /** The best similarity of a client utterance to the harmless sentences of its language, for tuning (tests). */
    double harmlessSimilarity(String text, String language) {
        return best(embedder.embed(text), languages.get(DataFile.resolve(language)).harmlessVectors());
    }

    private List<Lang> withEnglish(Lang own) {
        return own.language().equals("en") ? List.of(own) : List.of(own, languages.get("en"));
    }

    private static double best(float[] v, float[][] examples) {
        double best = 0;
        for (float[] e : examples) {
            best = Math.max(best, SentenceEmbedder.similarity(v, e));
        }
        return best;
    }
}
