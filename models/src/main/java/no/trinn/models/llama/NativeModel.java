package no.trinn.models.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import no.trinn.models.ModelsException;
import no.trinn.models.gguf.GgufInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GGUF loaded into llama.cpp (through de.kherud:llama's embedded server: one slot, prompt cache on). Shared by
 * every {@link LlamaRuntime} handle on it and closed when the last handle is closed. Generations run one at a time in
 * the whole process: on a CPU machine llama.cpp already uses every thread for one, and its timing log carries no model
 * identity.
 */
final class NativeModel {
    private static final Logger LOG = LoggerFactory.getLogger(NativeModel.class);
    private static final ReentrantLock GENERATION = new ReentrantLock(true);
    private static final long TIMINGS_WAIT_MILLIS = 250;

    /** A chat turn after the system text. */
    record Turn(boolean fromUser, String text) {
    }

    private final Path path;
    private final GgufInfo info;
    private final LlamaRuntime.Options options;
    private final int contextSize;
    private final LlamaModel model;
    private final Duration loadTime;
    private final ReentrantReadWriteLock state = new ReentrantReadWriteLock();
    private volatile boolean closing;
    private boolean closed;
    private int handles;

    private NativeModel(Path path, GgufInfo info, LlamaRuntime.Options options, int contextSize, LlamaModel model,
                        Duration loadTime) {
        this.path = path;
        this.info = info;
        this.options = options;
        this.contextSize = contextSize;
        this.model = model;
        this.loadTime = loadTime;
    }

    /** Loads {@code path} (already checked by the GGUF reader); throws {@link ModelsException} naming it on failure. */
    static NativeModel load(Path path, GgufInfo info, LlamaRuntime.Options options) {
        NativeSupport.initialize();
        int context = options.contextSize();
        if (info.contextLength().isPresent() && info.contextLength().getAsLong() < context) {
            context = (int) info.contextLength().getAsLong();
        }
        GENERATION.lock();
        try {
            boolean log = NativeSupport.nativeLogFor(options.nativeTimings());
            ModelParameters params = new ModelParameters()
                    .setModel(path.toString())
                    .setThreads(options.threads())
                    .setThreadsBatch(options.threads())
                    .setCtxSize(context)
                    .setBatchSize(Math.min(options.batchSize(), context))
                    .setParallel(1)
                    .enableJinja();
            if (!options.memoryMap()) {
                params.disableMmap();
            }
            if (log) {
                params.setLogFile(NativeSupport.logFile().toString());
            } else {
                params.disableLog();
            }
            long start = System.nanoTime();
            LlamaModel model;
            try {
                model = new LlamaModel(params);
            } catch (RuntimeException e) {
                throw new ModelsException("llama.cpp could not load the model " + path + ": " + e.getMessage(), e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (log) {
                NativeSupport.logReopened();
            }
            NativeSupport.routeLibraryLog();
            LOG.debug("loaded {} ({} threads, context {}) in {} ms", path, options.threads(), context,
                    took.toMillis());
            return new NativeModel(path, info, options, context, model, took);
        } finally {
            GENERATION.unlock();
        }
    }

    Path path() {
        return path;
    }

    GgufInfo info() {
        return info;
    }

    LlamaRuntime.Options options() {
        return options;
    }

    int contextSize() {
        return contextSize;
    }

    Duration loadTime() {
        return loadTime;
    }

    /** Adds a handle; false if the model is already closed. */
    synchronized boolean retain() {
        if (closed || closing) {
            return false;
        }
        handles++;
        return true;
    }

    /** Drops a handle; true when it was the last one (the caller then closes the model). */
    synchronized boolean release() {
        handles--;
        return handles <= 0;
    }

    synchronized boolean isClosed() {
        return closed || closing;
    }

    /** The prompt for {@code turns} after {@code system}, rendered with the chat template inside the GGUF. */
    String applyTemplate(Optional<String> system, List<Turn> turns) {
        List<Pair<String, String>> pairs = new ArrayList<>(turns.size());
        for (Turn t : turns) {
            pairs.add(new Pair<>(t.fromUser() ? "user" : "assistant", t.text()));
        }
        InferenceParameters params = new InferenceParameters("").setMessages(system.orElse(null), pairs);
        state.readLock().lock();
        try {
            ensureOpen();
            return model.applyTemplate(params);
        } catch (RuntimeException e) {
            if (e instanceof ModelsException me) {
                throw me;
            }
            throw new ModelsException("llama.cpp could not apply the chat template of " + path + ": "
                    + e.getMessage(), e);
        } finally {
            state.readLock().unlock();
        }
    }

    /** Number of tokens {@code text} becomes (special tokens such as template markers parsed as such). */
    int countTokens(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        state.readLock().lock();
        try {
            ensureOpen();
            return model.encode(text).length;
        } catch (RuntimeException e) {
            if (e instanceof ModelsException me) {
                throw me;
            }
            throw new ModelsException("llama.cpp could not tokenize with " + path + ": " + e.getMessage(), e);
        } finally {
            state.readLock().unlock();
        }
    }

    /**
     * Generates a reply to {@code prompt}, handing each non-empty piece of text to {@code onText} on the calling
     * thread, and returns when the reply ends, is cancelled ({@code cancelled} is polled before each piece is handed
     * on, and while waiting for the model) or fails. The prompt cache of the slot is reused: only tokens after the
     * common prefix with the previous generation are evaluated. An exception thrown by {@code onText} stops the
     * generation and propagates as it is.
     */
    Completion generate(String prompt, Sampling sampling, Optional<String> grammar, BooleanSupplier cancelled,
                        Consumer<String> onText) {
        long start = System.nanoTime();
        state.readLock().lock();
        try {
            ensureOpen();
            if (!acquireGeneration(cancelled)) {
                return cancelledBeforeStart(start);
            }
            try {
                return run(prompt, sampling, grammar, cancelled, onText, start);
            } finally {
                GENERATION.unlock();
            }
        } finally {
            state.readLock().unlock();
        }
    }

    private boolean acquireGeneration(BooleanSupplier cancelled) {
        try {
            while (!GENERATION.tryLock(10, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean() || closing) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Completion cancelledBeforeStart(long start) {
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        return new Completion("", Completion.Finish.CANCELLED,
                new GenerationTimings(0, 0, waited, Optional.empty(), waited, true, Optional.empty()));
    }

    private Completion run(String prompt, Sampling sampling, Optional<String> grammar, BooleanSupplier cancelled,
                           Consumer<String> onText, long start) {
        long acquired = System.nanoTime();
        int promptTokens = countTokens(prompt);
        if (promptTokens + 1 >= contextSize) {
            throw new ModelsException("the prompt has " + promptTokens + " tokens, more than the context of "
                    + contextSize + " tokens that " + path + " was loaded with leaves room for");
        }
        InferenceParameters params = new InferenceParameters(prompt)
                .setCachePrompt(true)
                .setNPredict(sampling.maxTokens())
                .setTemperature((float) sampling.temperature())
                .setTopP((float) sampling.topP())
                .setTopK(sampling.topK())
                .setFrequencyPenalty((float) sampling.frequencyPenalty())
                .setPresencePenalty((float) sampling.presencePenalty());
        if (!sampling.stop().isEmpty()) {
            params.setStopStrings(sampling.stop().toArray(String[]::new));
        }
        sampling.seed().ifPresent(params::setSeed);
        grammar.ifPresent(params::setGrammar);

        long mark = NativeSupport.logMark();
        StringBuilder text = new StringBuilder();
        long firstText = -1;
        boolean wasCancelled = false;
        LlamaIterator it;
        try {
            it = model.generate(params).iterator();
        } catch (RuntimeException e) {
            throw failure(e);
        }
        try {
            while (true) {
                LlamaOutput out;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    out = it.next();
                } catch (RuntimeException e) {
                    throw failure(e);
                }
                if (cancelled.getAsBoolean() || closing) {
                    wasCancelled = true;
                    break;
                }
                if (!out.text.isEmpty()) {
                    if (firstText < 0) {
                        firstText = System.nanoTime();
                    }
                    text.append(out.text);
                    onText.accept(out.text);
                }
            }
        } finally {
            if (it.hasNext()) {
                try {
                    it.cancel();
                } catch (RuntimeException e) {
                    LOG.debug("cancelling a generation with {} failed", path, e);
                }
            }
        }
        long end = System.nanoTime();
        Optional<LlamaCppTimings> llamaCpp = wasCancelled ? Optional.empty()
                : NativeSupport.awaitTimings(mark, TIMINGS_WAIT_MILLIS);
        String reply = text.toString();
        int generated = llamaCpp.map(LlamaCppTimings::generatedTokens).orElseGet(() -> countTokens(reply));
        Completion.Finish finish = wasCancelled ? Completion.Finish.CANCELLED
                : generated >= sampling.maxTokens() ? Completion.Finish.LENGTH : Completion.Finish.STOP;
        GenerationTimings timings = new GenerationTimings(promptTokens, generated,
                Duration.ofNanos(acquired - start),
                firstText < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(firstText - start)),
                Duration.ofNanos(end - start), wasCancelled, llamaCpp);
        return new Completion(reply, finish, timings);
    }

    private ModelsException failure(RuntimeException e) {
        return new ModelsException("llama.cpp failed while generating with " + path + ": " + e.getMessage(), e);
    }

    private void ensureOpen() {
        if (closed || closing) {
            throw new ModelsException("the model " + path + " has been closed");
        }
    }

    /** Stops any generation in progress, waits for it to end, and frees the native model. Idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closing = true;
        }
        state.writeLock().lock();
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            model.close();
            LOG.debug("closed {}", path);
        } finally {
            state.writeLock().unlock();
        }
    }
}
