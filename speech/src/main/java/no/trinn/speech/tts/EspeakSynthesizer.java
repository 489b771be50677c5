package no.trinn.speech.tts;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;
import no.trinn.speech.audio.Pcm;
import no.trinn.speech.audio.Wav;

/**
 * Adapter: the espeak-ng program (GPL), run as a separate process for every call and never linked. Voices
 * {@code en} (English) and {@code nb} (Norwegian Bokmål); any other voice that {@code espeak-ng --voices} lists
 * is accepted too (espeak-ng itself falls back silently to English for an unknown voice, so the adapter checks).
 *
 * <p>Each call runs espeak-ng twice on the same text (given on standard input, so it never shows in a process
 * listing): once for the WAV on standard output (22,050 Hz, resampled here to {@link PcmFormat#INTERNAL}), once
 * with {@code -x} for the phoneme mnemonics. The espeak-ng 1.51 command line reports no phoneme times for its own
 * voices ({@code --pho} prints only for MBROLA voices; phoneme events exist only in the C library, which this
 * adapter must not link), so the times are <em>estimated</em>: the audio's speech spans are found by energy, each
 * clause line of the {@code -x} output is laid over its span when the counts agree (otherwise all phonemes over the
 * whole speech), and each phoneme gets a share of its span weighted by kind (vowels twice a consonant, long vowels
 * 2.5 times). Silence before, between and after the spans is a pause phone, so the phones end exactly at the end
 * of the audio. Rate maps to words per minute ({@code 175 * (1 + rate%)}), pitch to espeak-ng's 0-99 scale
 * ({@code 50 + pitch%}); tract scale and F0 offset are ignored.
 *
 * <p>Stateless apart from the binary's path; calls may run concurrently. Every exit code is checked.
 */
public final class EspeakSynthesizer implements SpeechSynthesizer {
    /** The binary's name on the PATH. */
    public static final String BINARY = "espeak-ng";

    private static final String ENGINE = "espeak-ng";
    private static final long TIMEOUT_SECONDS = 30;
    private static final int DEFAULT_WORDS_PER_MINUTE = 175;
    /** Drains the processes' output and error streams; one thread per stream, so neither can block the other. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "espeak-ng-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final Path binary;
    private volatile Set<String> installedVoices = Set.of();
    private volatile boolean closed;

    private EspeakSynthesizer(Path binary) {
        this.binary = binary;
    }

    /** Finds {@value #BINARY} on the PATH; throws {@link SpeechException} saying to install it if it is not there. */
    public static EspeakSynthesizer start() {
        return start(findOnPath().orElseThrow(() -> new SpeechException(BINARY + " was not found on the PATH:"
                + " install espeak-ng (Debian/Ubuntu: apt-get install espeak-ng)")));
    }

    /** Uses the espeak-ng binary at {@code binary}, after checking that it runs. */
    public static EspeakSynthesizer start(Path binary) {
        Require.nonNull(binary, "binary");
        if (!Files.isExecutable(binary)) {
            throw new SpeechException(binary + " is not an executable file: install espeak-ng (Debian/Ubuntu:"
                    + " apt-get install espeak-ng)");
        }
        EspeakSynthesizer synthesizer = new EspeakSynthesizer(binary);
        synthesizer.run(List.of(binary.toString(), "--version"), new byte[0], "--version");
        synthesizer.installedVoices = voiceNames(new String(synthesizer.run(List.of(binary.toString(), "--voices"),
                new byte[0], "--voices"), StandardCharsets.UTF_8));
        return synthesizer;
    }

    /** The binary this adapter runs. */
    public Path binary() {
        return binary;
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public Set<String> voices() {
        return Set.of("en", "nb");
    }

    @Override
    public PhoneSet phoneSet() {
        return PhoneSet.ESPEAK;
    }

    @Override
    public Utterance synthesize(String text, VoiceSettings settings) {
        SpeechSynthesizer.checkText(text);
        Require.nonNull(settings, "settings");
        if (closed) {
            throw new IllegalStateException("the espeak-ng synthesizer is closed");
        }
        String base = settings.voice().toLowerCase(Locale.ROOT).split("\\+", 2)[0];
        if (!installedVoices.contains(base)) {
            throw new SpeechException(BINARY + " has no voice '" + settings.voice() + "' (" + binary
                    + " --voices lists them; Trinn uses en and nb)");
        }
        byte[] input = text.replace('\0', ' ').getBytes(StandardCharsets.UTF_8);
        String wordsPerMinute = Long.toString(Math.clamp(Math.round(DEFAULT_WORDS_PER_MINUTE * (1 + settings
                .ratePercent() / 100.0)), 80, 500));
        String pitch = Integer.toString(Math.clamp(50 + settings.pitchPercent(), 0, 99));
        List<String> common = List.of(binary.toString(), "-v", settings.voice(), "-s", wordsPerMinute, "-p", pitch);
        byte[] wav = run(concat(common, "--stdout"), input, "voice " + settings.voice());
        String mnemonics = new String(run(concat(common, "-q", "-x", "--sep= "), input, "voice " + settings.voice()),
                StandardCharsets.UTF_8);
        // a streaming writer's WAV: its chunk sizes are placeholders, so it is read as a stream
        short[] samples = Wav.read(new ByteArrayInputStream(wav), BINARY + " (voice " + settings.voice() + ")")
                .internalSamples();
        long audioMillis = (long) samples.length * 1000 / PcmFormat.INTERNAL.sampleRate();
        List<Phone> phones = PhoneEstimate.lay(clauses(mnemonics), PhoneEstimate.speechSpans(samples,
                PcmFormat.INTERNAL.sampleRate(), 120), audioMillis);
        return new Utterance(ENGINE, settings.voice(), PhoneSet.ESPEAK, PcmFormat.INTERNAL, Pcm.bytes(samples),
                phones);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Names {@code -v} accepts, from the {@code --voices} table: language, voice name and voice file. */
    static Set<String> voiceNames(String table) {
        Set<String> names = new HashSet<>();
        for (String line : table.split("\\R")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 5 || columns[0].equals("Pty")) {
                continue;
            }
            names.add(columns[1].toLowerCase(Locale.ROOT));
            names.add(columns[3].toLowerCase(Locale.ROOT));
            String file = columns[4].toLowerCase(Locale.ROOT);
            names.add(file);
            names.add(file.substring(file.lastIndexOf('/') + 1));
        }
        return Set.copyOf(names);
    }

    /** Phoneme symbols per clause line, stress marks, length marks and palatal marks removed, pauses as "_". */
    static List<List<String>> clauses(String mnemonics) {
        List<List<String>> clauses = new ArrayList<>();
        for (String line : mnemonics.split("\\R")) {
            List<String> symbols = new ArrayList<>();
            for (String token : line.trim().split("\\s+")) {
                String symbol = token.startsWith("_") ? Phone.PAUSE : token.replaceAll("[',;:%=]", "");
                if (!symbol.isEmpty()) {
                    symbols.add(token.contains(":") && !symbol.equals(Phone.PAUSE) ? symbol + ":" : symbol);
                }
            }
            if (!symbols.isEmpty()) {
                clauses.add(symbols);
            }
        }
        return clauses;
    }

    private byte[] run(List<String> command, byte[] input, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new SpeechException("could not start " + binary + " (" + what + "): install espeak-ng"
                    + " (Debian/Ubuntu: apt-get install espeak-ng)", e);
        }
        try {
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()),
                    READERS);
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
                    READERS);
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SpeechException(binary + " (" + what + ") did not finish within " + TIMEOUT_SECONDS + " s");
            }
            int exit = process.exitValue();
            if (exit != 0) {
                String message = new String(errors.join(), StandardCharsets.UTF_8).strip();
                throw new SpeechException(binary + " (" + what + ") failed with exit code " + exit
                        + (message.isEmpty() ? "" : ": " + message.substring(0, Math.min(300, message.length()))));
            }
            return output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new SpeechException("could not read the output of " + binary + " (" + what + ")", e.getCause());
        } catch (TimeoutException e) {
            throw new SpeechException(binary + " (" + what + ") did not close its output within " + TIMEOUT_SECONDS
                    + " s", e);
        } catch (IOException | UncheckedIOException e) {
            throw new SpeechException("could not talk to " + binary + " (" + what + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while waiting for " + binary + " (" + what + ")", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, BINARY);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
