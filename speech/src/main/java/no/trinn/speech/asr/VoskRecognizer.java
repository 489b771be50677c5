package no.trinn.speech.asr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.models.catalog.InstalledModel;
import no.trinn.models.catalog.ModelCache;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * {@link SpeechRecognizer} adapter for Vosk (Kaldi, native library through JNA; Linux x86-64, macOS, Windows). Open
 * vocabulary, or grammar mode when expected phrases are given (then speech outside them comes out as nothing rather
 * than the closest phrase). Partial results after every chunk; Vosk ends utterances itself after a pause
 * (endpointing) and the final result comes back from that {@link #accept(byte[])}. The model is the catalog's
 * {@value #MODEL_ID}, unpacked in the model cache; it cannot be shipped, the user pulls it. Closing frees the
 * recognizer, then the model.
 */
public final class VoskRecognizer implements SpeechRecognizer {
    /** The catalog id of the default model. */
    public static final String MODEL_ID = "vosk-small-en-us";
    /** The folder of the unpacked model inside the model's folder in the cache. */
    public static final String FOLDER = "model";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Optional<List<String>> grammar;
    private final Model model;
    private final Recognizer recognizer;
    private long fedBytes;
    private long lastFinalEnd;
    private String lastPartial = "";
    private boolean closed;

    /**
     * Loads the Vosk model in {@code folder}, in grammar mode when {@code phrases} is present.
     *
     * @throws SpeechException naming the folder if it is missing or Vosk cannot load it
     */
    public VoskRecognizer(Path folder, Optional<List<String>> phrases) {
        this.folder = Require.nonNull(folder, "folder");
        Require.nonNull(phrases, "phrases");
        this.grammar = phrases.map(Phrases::normalise);
        if (grammar.isPresent() && grammar.get().isEmpty()) {
            throw new IllegalArgumentException("phrases: no expected phrase is left after normalising");
        }
        if (!Files.isDirectory(folder)) {
            throw new SpeechException("the Vosk model folder " + folder + " is missing");
        }
        Model loaded;
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            loaded = new Model(folder.toString());
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new SpeechException("Vosk cannot load the speech recognition model in " + folder + ": " + e, e);
        }
        try {
            Recognizer r = grammar.isPresent()
                    ? new Recognizer(loaded, PcmFormat.INTERNAL.sampleRate(), grammarJson(grammar.get()))
                    : new Recognizer(loaded, PcmFormat.INTERNAL.sampleRate());
            r.setWords(true);
            this.recognizer = r;
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw new SpeechException("Vosk cannot make a recognizer for the model in " + folder + ": " + e, e);
        }
        this.model = loaded;
    }

    /** The unpacked model of {@value #MODEL_ID} in {@code cache}, if it is installed. */
    public static Optional<Path> locate(ModelCache cache) {
        Require.nonNull(cache, "cache");
        return cache.installed(MODEL_ID).map(InstalledModel::folder).map(f -> f.resolve(FOLDER))
                .filter(Files::isDirectory);
    }

    /** The message for a missing model. */
    public static String missingMessage() {
        return "speech recognition model " + MODEL_ID + " is not installed; run trinn models pull " + MODEL_ID;
    }

    /**
     * The recognizer for the model installed in {@code cache}.
     *
     * @throws SpeechException with {@link #missingMessage()} if it is not installed
     */
    public static VoskRecognizer open(ModelCache cache, Optional<List<String>> phrases) {
        return new VoskRecognizer(locate(cache).orElseThrow(() -> new SpeechException(missingMessage())), phrases);
    }

    static String grammarJson(List<String> phrases) {
        List<String> all = new ArrayList<>(phrases);
        all.add("[unk]");
        try {
            return JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the grammar as JSON", e);
        }
    }

    @Override
    public String name() {
        return "vosk " + folder.getParent().getFileName() + grammar.map(g -> " grammar (" + g.size() + " phrases)")
                .orElse("");
    }

    @Override
    public List<RecognitionResult> accept(byte[] pcm) {
        Require.nonNull(pcm, "pcm");
        open();
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("pcm must hold whole 16-bit samples, had " + pcm.length + " bytes");
        }
        List<RecognitionResult> out = new ArrayList<>(1);
        if (pcm.length == 0) {
            return out;
        }
        fedBytes += pcm.length;
        if (recognizer.acceptWaveForm(pcm, pcm.length)) {
            finalResult(recognizer.getResult()).ifPresent(out::add);
            lastPartial = "";
        } else {
            String partial = Phrases.normalise(parse(recognizer.getPartialResult()).path("partial").asText(""));
            if (!partial.equals(lastPartial)) {
                lastPartial = partial;
                long now = PcmFormat.INTERNAL.millisOf(fedBytes);
                out.add(RecognitionResult.partial(partial, Math.min(lastFinalEnd, now), now));
            }
        }
        return out;
    }

    @Override
    public List<RecognitionResult> finish() {
        open();
        List<RecognitionResult> out = new ArrayList<>(1);
        finalResult(recognizer.getFinalResult()).ifPresent(out::add);
        lastPartial = "";
        return out;
    }

    private Optional<RecognitionResult> finalResult(String json) {
        JsonNode node = parse(json);
        String text = Phrases.normalise(node.path("text").asText("").replace("[unk]", " "));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long now = PcmFormat.INTERNAL.millisOf(fedBytes);
        JsonNode words = node.path("result");
        long start = lastFinalEnd;
        long end = now;
        if (words.isArray() && !words.isEmpty()) {
            start = Math.round(words.get(0).path("start").asDouble(0) * 1000);
            end = Math.round(words.get(words.size() - 1).path("end").asDouble(0) * 1000);
        }
        end = Math.min(Math.max(start, end), now);
        start = Math.min(start, end);
        lastFinalEnd = end;
        return Optional.of(RecognitionResult.finalResult(text, start, end));
    }

    private JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SpeechException("Vosk (model " + folder + ") returned a result that is not JSON", e);
        }
    }

    @Override
    public void reset() {
        open();
        recognizer.reset();
        fedBytes = 0;
        lastFinalEnd = 0;
        lastPartial = "";
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the Vosk recognizer is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recognizer.close();
        } finally {
            model.close();
        }
    }
}
