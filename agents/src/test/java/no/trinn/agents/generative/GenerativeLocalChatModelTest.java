package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import no.trinn.agents.AgentException;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.dialogue.ChatModelContract;
import no.trinn.core.Clock;
import no.trinn.models.gguf.GgufWriter;
import no.trinn.models.gguf.ModelShape;
import no.trinn.models.gguf.WeightType;
import no.trinn.models.llama.LlamaRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generative engine over a real local llama.cpp model passes the engine contract. The model is a tiny
 * random-weight GGUF written by the test (a few hundred KB): its JSON is forced by the grammar, but what it says is
 * gibberish, so this shows the validation and guard-rail fallback working end to end with a real local model.
 * Greedy sampling makes blocking and streamed calls answer alike; the latency guard is off for the same reason. The
 * tiny vocabulary spends about one token a character, hence the large context.
 */
class GenerativeLocalChatModelTest extends ChatModelContract {
    @TempDir
    static Path dir;
    private static GenerativeEngine engine;
    private static final List<TurnReport> REPORTS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void load() {
        ModelShape t = ModelShape.tiny();
        ModelShape longContext = new ModelShape("tiny-8k", t.architecture(), t.vocabSize(), t.embeddingLength(),
                t.blockCount(), t.feedForwardLength(), t.headCount(), t.headCountKv(), 8192, t.ropeFreqBase(),
                t.rmsEpsilon());
        Path gguf = GgufWriter.write(dir.resolve("tiny.gguf"), longContext, WeightType.Q8_0, 7);
        engine = GenerativeEngines.local(gguf, new LlamaRuntime.Options(2, 8192, 512, false, false),
                GenerativeOptions.defaults().withLatencyMode(GenerativeOptions.LatencyMode.OFF)
                        .withSampling(0.0, 96).withTimeout(Duration.ofSeconds(120)),
                new GenerativeEngines.Parts(Shared.scripted(), Shared.guardRails(), TurnTimer.system(),
                        Clock.system(), REPORTS::add));
    }

    @AfterAll
    static void close() {
        LlamaRuntime.closeAll();
    }

    @Override
    protected ChatModel model() {
        return engine.chatModel();
    }

    @Override
    protected StreamingChatModel streamingModel() {
        return engine.streamingChatModel();
    }

    @Test
    void gibberishFromARealLocalModelNeverReachesTheClientUnchecked() {
        REPORTS.clear();
        CharacterReply r = Turns.reply(engine.chatModel().chat(Turns.request("order",
                "Could I have a coffee, please?")));
        assertTrue(TurnsCheck.allowed(r.nextState()), r.nextState());
        assertEquals(1, REPORTS.size());
        TurnReport report = REPORTS.getFirst();
        if (Boolean.getBoolean("trinn.report")) {
            System.out.println("local tiny model: " + report + " -> " + r.text());
        }
        assertTrue(report.modelCalls() >= 1, "the local model was called");
        assertEquals(Optional.empty(), report.error(), () -> report.error().map(AgentException::getMessage)
                .orElse(""));
        // the grammar forces valid JSON, so any fallback is the guard rails' or the scenario validation's
        r.fallback().ifPresent(code -> assertTrue(code.startsWith("guard:") || code.equals("invalid_output"),
                code));
        if (r.fallback().isEmpty()) {
            assertEquals(Optional.empty(), Shared.guardRails().checkReply(r.text(), "en", 4, 280));
        }
    }

    /** The kiosk's states reachable from "order". */
    private static final class TurnsCheck {
        static boolean allowed(String state) {
            return state.equals("order") || state.equals("pay");
        }
    }
}
