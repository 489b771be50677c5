package no.trinn.app.practice;

import dev.langchain4j.model.chat.ChatModel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.ScriptedChatModel;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.generative.GenerativeEngine;
import no.trinn.agents.generative.GenerativeEngines;
import no.trinn.agents.generative.GuardRails;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.core.Require;
import no.trinn.core.TrinnException;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.models.RecentEmbeddings;
import no.trinn.models.SentenceEmbedder;
import no.trinn.models.ModelsException;
import no.trinn.models.llama.LlamaRuntime;
import no.trinn.scenarios.Scenario;

/**
 * The engines of a text session, made once per process and shared by every session in it (they are thread-safe and
 * immutable once loaded): the MiniLM sentence-embedding model, the intent matcher (thresholds per language, from
 * the dialogue engine's data), the scripted dialogue engine as a LangChain4j {@link ChatModel}, the safety check,
 * and, when a session asks for one ({@link #chatModel(EngineChoice)}), a generative engine with its guard rails.
 * This is the one place the command line makes engines.
 *
 * <p>Loading runs on one background daemon thread from the moment {@link #shared()} is first called: the model
 * (about 2.5 s), then the safety check's example sentences, then (only once {@link #startGuardRails()} has been
 * called) the guard rails' example sentences. {@link #ready()} says whether the first two have finished, so the
 * command line can show the scenario, a short loading notice and the opening line meanwhile; the first client turn
 * waits for {@link #prepare}. The safety check answers stop and pause phrases from the start. A generative engine
 * is made once per process and {@link EngineChoice}: a local model is loaded once and stays loaded until the process
 * ends (through {@code System.exit}, which {@code Main} calls).
 */
public final class TextEngines {
    private static final int RECENT_TEXTS = 256;
    private static TextEngines shared;

    private final long createdNanos = System.nanoTime();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trinn-engines");
        t.setDaemon(true);
        return t;
    });
    private final MiniLmEmbedder model;
    // the model behind a memory of recent texts: one client turn is read by the safety check, the matcher and the
    // guard rails, and goes through the model once
    private final SentenceEmbedder embedder;
    private final IntentMatcher matcher;
    private final ScriptedEngine scripted;
    private final ChatModel engine;
    private final SafetyCheck safety;
    private final CompletableFuture<Void> loaded;
    private final Map<EngineChoice, GenerativeEngine> generative = new HashMap<>();
    private CompletableFuture<GuardRails> guardRails;
    private volatile long modelLoadMillis;
    private volatile long readyMillis;

    private TextEngines() {
        this.model = new MiniLmEmbedder();
        this.embedder = new RecentEmbeddings(model, RECENT_TEXTS);
        this.matcher = new IntentMatcher(embedder);
        this.scripted = new ScriptedEngine(matcher);
        this.engine = new ScriptedChatModel(scripted);
        // reads its phrase lists now and embeds its examples in the background: stop phrases work at once
        this.safety = new SafetyCheck(embedder);
        this.loaded = CompletableFuture.runAsync(() -> {
            model.awaitLoaded();
            modelLoadMillis = millisSince(createdNanos);
            safety.awaitReady();
            readyMillis = millisSince(createdNanos);
        }, background);
    }

    /** The engines of this process; the first call starts loading them in the background. */
    public static synchronized TextEngines shared() {
        if (shared == null) {
            shared = new TextEngines();
        }
        return shared;
    }

    /** Whether the model and the safety check's examples are loaded. */
    public boolean ready() {
        return loaded.isDone();
    }

    /** The safety check; usable at once, its similarity checks wait for the model. */
    public SafetyCheck safety() {
        return safety;
    }

    /**
     * Embeds the example sentences of {@code scenario}'s intents in the background, after loading; the returned
     * future completes when they are ready (a session waits for it before its first client turn) and fails with
     * a {@link ModelsException} or another {@link TrinnException} if loading failed.
     */
    public CompletableFuture<Void> prepare(Scenario scenario) {
        return loaded.thenRunAsync(() -> matcher.prepare(scenario), background).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(failure(e, "load the text engines", "and the safety check")));
    }

    /**
     * Starts embedding the guard rails' example sentences in the background, after the model and the safety check
     * (a second or two); does nothing if they are started already. Call it as soon as a generative engine is chosen.
     */
    public synchronized CompletableFuture<GuardRails> startGuardRails() {
        if (guardRails == null) {
            guardRails = loaded.thenApplyAsync(v -> new GuardRails(embedder), background);
        }
        return guardRails;
    }

    /** The scripted dialogue engine (intent matching with real sentence embeddings). */
    public ChatModel engine() {
        return engine;
    }

    /**
     * The dialogue engine {@code choice} names, as a chat model a session uses like the scripted one. A generative
     * engine is made on the first call for its choice and kept: it waits for the guard rails (starting them if
     * needed) and, for a local model, loads the model now. The scripted engine is returned at once.
     *
     * @throws TrinnException naming the model file or the embedding model if the engine cannot be made
     */
    public ChatModel chatModel(EngineChoice choice) {
        Require.nonNull(choice, "choice");
        if (choice instanceof EngineChoice.Scripted) {
            return engine;
        }
        synchronized (generative) {
            GenerativeEngine made = generative.get(choice);
            if (made == null) {
                made = generate(choice, GenerativeEngines.Parts.of(scripted, awaitGuardRails()));
                generative.put(choice, made);
            }
            return made.chatModel();
        }
    }

    private static GenerativeEngine generate(EngineChoice choice, GenerativeEngines.Parts parts) {
        return switch (choice) {
            case EngineChoice.Local l -> GenerativeEngines.local(l.gguf(),
                    LlamaRuntime.Options.defaults().withThreads(l.threads()), l.options(), parts);
            case EngineChoice.Server s -> GenerativeEngines.server(s.url(), s.model(), s.apiKey(), s.options(),
                    parts);
            case EngineChoice.Scripted s -> throw new IllegalArgumentException("the scripted engine is not generative");
        };
    }

    private GuardRails awaitGuardRails() {
        try {
            return startGuardRails().join();
        } catch (CompletionException e) {
            throw failure(e, "prepare the guard rails of the generative engine", "and its example sentences");
        }
    }

    /** The cause of a failed background step, as it is or as a {@link ModelsException} saying what failed. */
    private TrinnException failure(Throwable e, String what, String beside) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof TrinnException t ? t : new ModelsException("cannot " + what
                + " (sentence-embedding model " + embedder.modelId() + " " + beside + "): " + cause, cause);
    }

    /** The intent matcher. */
    public IntentMatcher matcher() {
        return matcher;
    }

    /** The id of the sentence-embedding model. */
    public String modelId() {
        return embedder.modelId();
    }

    /** Milliseconds from the start of loading until the embedding model was ready; 0 until then. */
    public long modelLoadMillis() {
        return modelLoadMillis;
    }

    /** Milliseconds from the start of loading until the safety check was ready too; 0 until then. */
    public long readyMillis() {
        return readyMillis;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
