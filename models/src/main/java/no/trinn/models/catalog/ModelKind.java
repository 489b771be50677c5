package no.trinn.models.catalog;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a catalogued model does; {@link #id()} is the word the catalog file and the command line use. */
public enum ModelKind {
    /** A chat (instruction-tuned) language model in GGUF format, run by llama.cpp. */
    CHAT("chat"),
    /** A speech recognizer's model (e.g. Vosk). */
    SPEECH_RECOGNITION("speech-recognition"),
    /** A speech synthesis voice (e.g. a MaryTTS voice). */
    VOICE("voice"),
    /** A voice-activity detector (e.g. Silero VAD on ONNX Runtime). */
    VOICE_ACTIVITY("voice-activity"),
    /** A sentence-embedding model. */
    EMBEDDING("embedding");

    private final String id;

    ModelKind(String id) {
        this.id = id;
    }

    /** The word used in the catalog file and on the command line, e.g. {@code speech-recognition}. */
    public String id() {
        return id;
    }

    /** The kind whose {@link #id()} is {@code id}, if any. */
    public static Optional<ModelKind> parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    /** Every id, comma-separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(ModelKind::id).collect(Collectors.joining(", "));
    }
}
