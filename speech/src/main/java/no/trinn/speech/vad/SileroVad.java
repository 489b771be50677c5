package no.trinn.speech.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.models.catalog.InstalledModel;
import no.trinn.models.catalog.ModelCache;
import no.trinn.speech.SpeechException;

/**
 * {@link VoiceActivityModel} adapter for Silero VAD v5 on ONNX Runtime (one thread). Frames are 512 samples (32 ms
 * at 16 kHz); the model also sees the 64 samples before each frame and carries a recurrent state from frame to
 * frame. The model file is the catalog's {@value #MODEL_ID}, found in the model cache; it is never committed.
 */
public final class SileroVad implements VoiceActivityModel {
    /** The catalog id of the model. */
    public static final String MODEL_ID = "silero-vad-v5";
    /** The model file inside the model's folder. */
    public static final String FILE = "silero_vad_v5.onnx";
    /** How to install the model, for messages. */
    public static final String HOW_TO_INSTALL = "run bin/fetch-vad-model.sh (or trinn models pull " + MODEL_ID + ")";

    private static final int FRAME = 512;
    private static final int CONTEXT = 64;
    private static final long RATE = 16_000;

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final float[] input = new float[CONTEXT + FRAME];
    private float[][][] state = new float[2][1][128];
    private boolean closed;

    /**
     * Loads the model from {@code file}.
     *
     * @throws SpeechException naming the file if it is missing or ONNX Runtime cannot load it
     */
    public SileroVad(Path file) {
        this.file = Require.nonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new SpeechException("the voice activity model file " + file + " is missing; " + HOW_TO_INSTALL);
        }
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new SpeechException("ONNX Runtime cannot load the voice activity model " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The model file in {@code cache}, if the model is installed there. */
    public static Optional<Path> locate(ModelCache cache) {
        Require.nonNull(cache, "cache");
        return cache.installed(MODEL_ID).map(InstalledModel::folder).map(f -> f.resolve(FILE))
                .filter(Files::isRegularFile);
    }

    /**
     * Loads the model installed in {@code cache}.
     *
     * @throws SpeechException if it is not installed (saying how to install it) or cannot be loaded
     */
    public static SileroVad open(ModelCache cache) {
        return new SileroVad(locate(cache).orElseThrow(() -> new SpeechException("voice activity model " + MODEL_ID
                + " is not installed in " + cache.root() + "; " + HOW_TO_INSTALL)));
    }

    /** The model file. */
    public Path file() {
        return file;
    }

    @Override
    public int frameSamples() {
        return FRAME;
    }

    @Override
    public float speechProbability(float[] frame) {
        requireFrame(frame);
        if (closed) {
            throw new IllegalStateException("the voice activity model " + file + " is closed");
        }
        System.arraycopy(frame, 0, input, CONTEXT, FRAME);
        float probability;
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, CONTEXT + FRAME});
                OnnxTensor st = OnnxTensor.createTensor(env, state);
                OnnxTensor sr = OnnxTensor.createTensor(env, RATE);
                OrtSession.Result result = session.run(Map.of("input", in, "state", st, "sr", sr))) {
            probability = ((float[][]) result.get("output").orElseThrow().getValue())[0][0];
            state = (float[][][]) result.get("stateN").orElseThrow().getValue();
        } catch (OrtException | RuntimeException e) {
            throw new SpeechException("the voice activity model " + file + " failed on a frame: " + e.getMessage(),
                    e);
        }
        System.arraycopy(frame, FRAME - CONTEXT, input, 0, CONTEXT);
        return probability;
    }

    @Override
    public void skipped(float[] frame) {
        requireFrame(frame);
        System.arraycopy(frame, FRAME - CONTEXT, input, 0, CONTEXT);
    }

    private static void requireFrame(float[] frame) {
        Require.nonNull(frame, "frame");
        if (frame.length != FRAME) {
            throw new IllegalArgumentException("frame must hold " + FRAME + " samples, had " + frame.length);
        }
    }

    @Override
    public void reset() {
        state = new float[2][1][128];
        java.util.Arrays.fill(input, 0f);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new SpeechException("cannot close the voice activity model " + file + ": " + e.getMessage(), e);
        }
    }
}
