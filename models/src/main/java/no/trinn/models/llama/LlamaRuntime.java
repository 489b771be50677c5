package no.trinn.models.llama;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import no.trinn.core.Require;
import no.trinn.models.ModelsException;
import no.trinn.models.gguf.GgufInfo;
import no.trinn.models.gguf.GgufReader;

/**
 * A GGUF chat model loaded into llama.cpp (de.kherud:llama) in this process, shared safely by the sessions that use
 * it. Contract:
 * <ul>
 *   <li>{@link #shared(Path, Options)} loads a file at most once per process and hands out one handle per call;
 *       {@link #open(Path, Options)} loads a private copy (benchmarks). Each handle must be closed once; the native
 *       model is freed when its last handle is closed. Closing a handle is idempotent.</li>
 *   <li>Before llama.cpp sees the file, its GGUF structure is checked in Java: a missing, foreign, corrupt or
 *       truncated file, and any failure of llama.cpp itself, becomes a {@link ModelsException} naming the file.</li>
 *   <li>llama.cpp serves one slot: generations run one at a time in the whole process (callers wait their turn);
 *       the slot's prompt cache is reused, so a follow-up turn evaluates only the tokens after the common prefix
 *       with the previous generation. Sessions that take turns on one model evict each other's cache.</li>
 *   <li>llama.cpp's log stays off unless {@link Options#nativeTimings()} is asked for: then llama.cpp writes its log
 *       to stderr and to a private file, from which its own timings of each generation are read (they are not
 *       otherwise exposed by the binding). Once asked for, that log stays on for the process. libllama's own messages
 *       go to SLF4J at debug (logger {@code no.trinn.models.llama.native}); prompts and replies are never logged.</li>
 * </ul>
 * <p><b>Exiting.</b> The binding runs each model's work on a native thread attached to the JVM as a non-daemon
 * thread that is never detached, even after the model is closed, so the JVM does not exit by itself once a model has
 * been loaded. A command-line program must end with {@code System.exit(status)} (picocli:
 * {@code System.exit(new CommandLine(app).execute(args))}); {@link #exit(int)} closes every model and does that.
 */
public final class LlamaRuntime implements AutoCloseable {
    private static final Object REGISTRY = new Object();
    private static final Map<Path, NativeModel> SHARED = new HashMap<>();
    private static final List<NativeModel> LOADED = new ArrayList<>();

    private final NativeModel model;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * How a model is loaded.
     *
     * @param threads       CPU threads llama.cpp uses for prompt evaluation and generation
     * @param contextSize   tokens of context (prompt plus reply); lowered to the model's trained context if smaller
     * @param batchSize     tokens evaluated per batch when reading a prompt
     * @param memoryMap     whether llama.cpp maps the file instead of reading it into memory; off by default because
     *                      llama.cpp re-packs Q4_0 weights for the CPU at load, and with a mapped file both the mapped
     *                      pages and the re-packed copy stay resident (0.5B Q4_0: 690 MB peak mapped, 500 MB read)
     * @param nativeTimings whether llama.cpp's own log is kept (on stderr and in a file) so that its timings of each
     *                      generation can be reported beside the project's
     */
    public record Options(int threads, int contextSize, int batchSize, boolean memoryMap, boolean nativeTimings) {
        public Options {
            Require.inRange(threads, 1, 1024, "threads");
            Require.inRange(contextSize, 64, 1 << 20, "contextSize");
            Require.inRange(batchSize, 1, 1 << 16, "batchSize");
        }

        /** Every available processor, 4096 tokens of context, batches of 512, read into memory, no native timings. */
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), 4096, 512, false, false);
        }

        /** These options with {@code threads} threads. */
        public Options withThreads(int threads) {
            return new Options(threads, contextSize, batchSize, memoryMap, nativeTimings);
        }

        /** These options with a context of {@code contextSize} tokens. */
        public Options withContextSize(int contextSize) {
            return new Options(threads, contextSize, batchSize, memoryMap, nativeTimings);
        }

        /** These options with native timings on or off. */
        public Options withNativeTimings(boolean nativeTimings) {
            return new Options(threads, contextSize, batchSize, memoryMap, nativeTimings);
        }
    }

    private LlamaRuntime(NativeModel model) {
        this.model = model;
    }

    /**
     * A handle on the model in {@code gguf}, loading it if this process has not yet (concurrent callers wait for one
     * load). A model already loaded with other options is an error: it is loaded once per process.
     *
     * @throws ModelsException naming the file if it is missing, not a usable GGUF model, cannot be loaded, or is
     *                         already loaded with other options
     */
    public static LlamaRuntime shared(Path gguf, Options options) {
        Path key = canonical(gguf);
        synchronized (REGISTRY) {
            NativeModel existing = SHARED.get(key);
            if (existing != null && existing.retain()) {
                if (!existing.options().equals(options)) {
                    release(existing);
                    throw new ModelsException("the model " + key + " is already loaded with " + existing.options()
                            + "; it cannot be loaded again with " + options);
                }
                return new LlamaRuntime(existing);
            }
            NativeModel loaded = load(key, options);
            SHARED.put(key, loaded);
            return new LlamaRuntime(loaded);
        }
    }

    /**
     * A handle on a private copy of the model in {@code gguf}, loaded now and not shared with other callers.
     *
     * @throws ModelsException naming the file if it is missing, not a usable GGUF model, or cannot be loaded
     */
    public static LlamaRuntime open(Path gguf, Options options) {
        Path key = canonical(gguf);
        synchronized (REGISTRY) {
            return new LlamaRuntime(load(key, options));
        }
    }

    private static NativeModel load(Path file, Options options) {
        GgufInfo info = GgufReader.read(file);
        NativeModel m = NativeModel.load(file, info, options);
        m.retain();
        LOADED.add(m);
        return m;
    }

    private static Path canonical(Path gguf) {
        Path absolute = gguf.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            // a missing file is reported by the GGUF reader with its name
            return absolute;
        }
    }

    /** The model file (absolute, links resolved). */
    public Path modelPath() {
        return model.path();
    }

    /** The options the model was loaded with. */
    public Options options() {
        return model.options();
    }

    /** Tokens of context actually allocated (the requested size, lowered to the model's trained context). */
    public int contextSize() {
        return model.contextSize();
    }

    /** What the GGUF header says about the model. */
    public GgufInfo info() {
        return model.info();
    }

    /** The chat template stored in the GGUF, if any (llama.cpp falls back to ChatML without one). */
    public Optional<String> chatTemplate() {
        return model.info().chatTemplate();
    }

    /** How long llama.cpp took to load the model (including its warm-up run). */
    public Duration loadTime() {
        return model.loadTime();
    }

    /** Whether this handle is open (and so its model loaded). */
    public boolean isOpen() {
        return !closed.get() && !model.isClosed();
    }

    NativeModel model() {
        if (closed.get()) {
            throw new ModelsException("the runtime for " + model.path() + " has been closed");
        }
        return model;
    }

    /** Closes this handle; the native model is freed (after any generation in progress stops) with its last handle. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (REGISTRY) {
                release(model);
            }
        }
    }

    private static void release(NativeModel m) {
        if (m.release()) {
            SHARED.values().remove(m);
            LOADED.remove(m);
            m.close();
        }
    }

    /**
     * Closes every model this process loaded, most recent first, whatever handles remain; generations in progress are
     * cancelled. Handles left open afterwards report {@link #isOpen()} false and fail on use.
     */
    public static void closeAll() {
        List<NativeModel> all;
        synchronized (REGISTRY) {
            all = new ArrayList<>(LOADED);
            LOADED.clear();
            SHARED.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }

    /**
     * Closes every model ({@link #closeAll()}) and ends the JVM with {@code status}, which it would not do by itself
     * once llama.cpp has started its native thread. For the command line's {@code main} only.
     */
    public static void exit(int status) {
        try {
            closeAll();
        } finally {
            System.exit(status);
        }
    }
}
