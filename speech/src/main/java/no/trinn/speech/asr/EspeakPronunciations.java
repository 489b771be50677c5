package no.trinn.speech.asr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.trinn.core.Require;
import no.trinn.speech.SpeechException;

/**
 * Pronunciations of words of a language Sphinx4 has no dictionary for, in the phones of its US English acoustic
 * model: espeak-ng (GPL, run as a separate process, never linked) gives each word's phoneme mnemonics
 * ({@code espeak-ng -v VOICE -q -x}), and a mapping table kept as data (a class-path resource, e.g.
 * {@code espeak-nb-arpabet.tsv}) turns each mnemonic into the nearest ARPAbet phones. Stress marks are dropped, a
 * length mark falls back to the short symbol when the table lacks the long one, and a run of the same phone is
 * merged into one (English has no geminates). A word with a mnemonic the table lacks has no pronunciation.
 *
 * <p>Pronunciations are cached for the life of the JVM, per voice and table, so recognizers made for the states of a
 * scenario run espeak-ng only for words not seen before (one process for all new words of a call). Thread-safe.
 * Words never reach logs or messages.
 */
public final class EspeakPronunciations {
    /** The binary's name on the PATH. */
    public static final String BINARY = "espeak-ng";
    /** The Norwegian Bokmål table. */
    public static final String NORWEGIAN_TABLE = "no/trinn/speech/asr/espeak-nb-arpabet.tsv";
    private static final long TIMEOUT_SECONDS = 30;
    private static final Map<String, EspeakPronunciations> SHARED = new ConcurrentHashMap<>();

    private final String voice;
    private final String tableName;
    private final Map<String, List<String>> table;
    /** Word to phones; an empty list for a word that has no pronunciation. */
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    private EspeakPronunciations(String voice, String tableName, Map<String, List<String>> table) {
        this.voice = voice;
        this.tableName = tableName;
        this.table = table;
    }

    /** The shared instance for Norwegian Bokmål (voice {@code nb}). */
    public static EspeakPronunciations norwegian() {
        return of("nb", NORWEGIAN_TABLE);
    }

    /** The shared instance for an espeak-ng voice and a mapping table on the class path. */
    public static EspeakPronunciations of(String voice, String tableResource) {
        Require.nonNull(voice, "voice");
        Require.nonNull(tableResource, "tableResource");
        return SHARED.computeIfAbsent(voice + "\t" + tableResource,
                k -> new EspeakPronunciations(voice, tableResource, readTable(tableResource)));
    }

    /** The espeak-ng voice. */
    public String voice() {
        return voice;
    }

    /** A short description for recognizer names, e.g. "espeak-ng nb". */
    public String describe() {
        return BINARY + " " + voice;
    }

    /** The ARPAbet phones of {@code word} (lower case), or empty if it has none; runs espeak-ng if not cached. */
    public Optional<List<String>> pronounce(String word) {
        return Optional.ofNullable(pronounceAll(List.of(word)).get(word));
    }

    /**
     * The ARPAbet phones of each of {@code words} that has a pronunciation, in the order given; runs espeak-ng once
     * for all words not yet cached.
     *
     * @throws SpeechException if espeak-ng cannot be run
     */
    public Map<String, List<String>> pronounceAll(Collection<String> words) {
        Require.nonNull(words, "words");
        Set<String> missing = new LinkedHashSet<>();
        for (String word : words) {
            Require.nonNull(word, "word");
            if (!word.isBlank() && !cache.containsKey(word)) {
                missing.add(word);
            }
        }
        if (!missing.isEmpty()) {
            List<String> list = new ArrayList<>(missing);
            List<String> lines = mnemonics(list);
            if (lines.size() == list.size()) {
                for (int i = 0; i < list.size(); i++) {
                    cache.put(list.get(i), arpabet(lines.get(i), table).orElse(List.of()));
                }
            } else {
                // espeak-ng made more or fewer lines than words: one process per word
                for (String word : list) {
                    List<String> one = mnemonics(List.of(word));
                    cache.put(word, one.size() == 1 ? arpabet(one.get(0), table).orElse(List.of()) : List.of());
                }
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String word : words) {
            List<String> phones = cache.get(word);
            if (phones != null && !phones.isEmpty()) {
                out.put(word, phones);
            }
        }
        return out;
    }

    /**
     * One word's espeak-ng mnemonics (space-separated, as {@code --sep=" "} prints them) mapped through
     * {@code table}; empty if a symbol is not in it or nothing is left.
     */
    static Optional<List<String>> arpabet(String mnemonics, Map<String, List<String>> table) {
        List<String> phones = new ArrayList<>();
        for (String token : mnemonics.trim().split("\\s+")) {
            String symbol = token.replaceAll("[',%=]", "");
            if (symbol.length() > 1 && symbol.endsWith(";")) {
                symbol = symbol.substring(0, symbol.length() - 1); // palatalised: the plain consonant
            }
            if (symbol.isEmpty()) {
                continue;
            }
            List<String> mapped = table.get(symbol);
            if (mapped == null && symbol.endsWith(":")) {
                mapped = table.get(symbol.substring(0, symbol.length() - 1));
            }
            if (mapped == null) {
                return Optional.empty();
            }
            for (String phone : mapped) {
                if (phones.isEmpty() || !phones.get(phones.size() - 1).equals(phone)) {
                    phones.add(phone);
                }
            }
        }
        return phones.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(phones));
    }

    /** Reads a mapping table: symbol, tab, phones separated by spaces ("-" for none); '#' starts a comment line. */
    static Map<String, List<String>> readTable(String resource) {
        InputStream in = EspeakPronunciations.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new SpeechException("the phone mapping table " + resource + " is not on the class path");
        }
        Map<String, List<String>> table = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line; (line = r.readLine()) != null;) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 2 || columns[0].isBlank() || columns[1].isBlank()) {
                    throw new SpeechException("the phone mapping table " + resource + " line " + number
                            + " is not 'symbol<TAB>phones'");
                }
                String phones = columns[1].trim();
                table.put(columns[0].trim(), phones.equals("-") ? List.of() : List.of(phones.split("\\s+")));
            }
        } catch (IOException e) {
            throw new SpeechException("cannot read the phone mapping table " + resource + ": " + e, e);
        }
        return Map.copyOf(table);
    }

    /** espeak-ng's mnemonic lines for {@code words}, given one a line on standard input. */
    private List<String> mnemonics(List<String> words) {
        byte[] input = (String.join("\n", words) + "\n").getBytes(StandardCharsets.UTF_8);
        Process process;
        try {
            process = new ProcessBuilder(BINARY, "-v", voice, "-q", "-x", "--sep= ")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SpeechException("could not start " + BINARY + " for " + tableName + " pronunciations: install "
                    + "espeak-ng (Debian/Ubuntu: apt-get install espeak-ng)", e);
        }
        try {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] output;
            try (InputStream stdout = process.getInputStream()) {
                output = stdout.readAllBytes();
            }
            writer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SpeechException(BINARY + " -v " + voice + " did not finish within " + TIMEOUT_SECONDS
                        + " s");
            }
            if (process.exitValue() != 0) {
                throw new SpeechException(BINARY + " -v " + voice + " failed with exit code " + process.exitValue());
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(output, StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new SpeechException("could not talk to " + BINARY + " -v " + voice + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while waiting for " + BINARY, e);
        } finally {
            process.destroyForcibly();
        }
    }
}
