package no.trinn.app.practice;

import dev.langchain4j.model.chat.ChatModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.ScriptedChatModel;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.core.TrinnException;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.models.ModelsException;
import no.trinn.scenarios.Scenario;

/**
 * The engines of a text session, made once per process and shared by every session in it (they are thread-safe and
 * immutable once loaded): the MiniLM sentence-embedding model, the intent matcher (thresholds per language, from
 * the dialogue engine's data), the scripted dialogue engine as a LangChain4j {@link ChatModel}, and the safety check.
 *
 * <p>Loading runs on one background daemon thread from the moment {@link #shared()} is first called: the model
 * (about 2.5 s), then the safety check's example sentences. {@link #ready()} says whether it has finished, so the
 * command line can show the scenario, a short loading notice and the opening line meanwhile; the first client turn
 * waits for {@link #prepare}. The safety check answers stop and pause phrases from the start.
 */
public final class TextEngines {
    private static TextEngines shared;

    private final long createdNanos = System.nanoTime();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trinn-engines");
        t.setDaemon(true);
        return t;
    });
    private final MiniLmEmbedder embedder;
    private final IntentMatcher matcher;
    private final ChatModel engine;
    private final SafetyCheck safety;
    private final CompletableFuture<Void> loaded;
    private volatile long modelLoadMillis;
    private volatile long readyMillis;

    private TextEngines() {
        this.embedder = new MiniLmEmbedder();
        this.matcher = new IntentMatcher(embedder);
        this.engine = new ScriptedChatModel(new ScriptedEngine(matcher));
        // reads its phrase lists now and embeds its examples in the background: stop phrases work at once
        this.safety = new SafetyCheck(embedder);
        this.loaded = CompletableFuture.runAsync(() -> {
            embedder.awaitLoaded();
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
        return loaded.thenRunAsync(() -> matcher.prepare(scenario), background).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return CompletableFuture.failedFuture(cause instanceof TrinnException ? cause
                    : new ModelsException("cannot load the text engines (sentence-embedding model "
                            + embedder.modelId() + " and the safety check): " + cause, cause));
        });
    }

    /** The dialogue engine (scripted, intent matching with real sentence embeddings). */
    public ChatModel engine() {
        return engine;
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
