package no.trinn.agents.generative;

import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.models.MiniLmEmbedder;

/**
 * The heavy parts every generative test needs, made once per test JVM: the real sentence-embedding model, the
 * scripted engine on it, and the guard rails (their example sentences embedded).
 */
final class Shared {
    private static MiniLmEmbedder embedder;
    private static ScriptedEngine scripted;
    private static GuardRails guardRails;

    private Shared() {
    }

    static synchronized MiniLmEmbedder embedder() {
        if (embedder == null) {
            embedder = new MiniLmEmbedder();
        }
        return embedder;
    }

    static synchronized ScriptedEngine scripted() {
        if (scripted == null) {
            scripted = new ScriptedEngine(new IntentMatcher(embedder()));
        }
        return scripted;
    }

    static synchronized GuardRails guardRails() {
        if (guardRails == null) {
            guardRails = new GuardRails(embedder());
        }
        return guardRails;
    }
}
