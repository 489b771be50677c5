package no.trinn.models.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import no.trinn.models.gguf.GgufWriter;
import no.trinn.models.gguf.ModelShape;
import no.trinn.models.gguf.WeightType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaBenchTest {
    @TempDir
    Path dir;

    @Test
    void sentenceEndsAreFound() {
        assertTrue(LlamaBench.endsSentence("Hello there. How"));
        assertTrue(LlamaBench.endsSentence("Sure!"));
        assertFalse(LlamaBench.endsSentence("It costs 3.50 kr"));
        assertFalse(LlamaBench.endsSentence("Well..."));
        assertFalse(LlamaBench.endsSentence("Hello there"));
    }

    @Test
    void theConversationIsData() {
        var messages = LlamaBench.conversation();
        assertEquals(4, messages.size());
        assertTrue(messages.get(0) instanceof SystemMessage s && s.text().length() > 500);
        assertTrue(messages.get(1) instanceof UserMessage);
        assertTrue(messages.get(2) instanceof AiMessage);
        assertTrue(messages.get(3) instanceof UserMessage);
    }

    @Test
    void runsOnATinyModelAndPrintsItsFigures() {
        Path file = GgufWriter.write(dir.resolve("tiny.gguf"), ModelShape.tiny(), WeightType.Q8_0, 3);
        LlamaBench.Report report = LlamaBench.run(file, new LlamaBench.Options(2, 2048, 16, 4, 1));
        assertTrue(report.first().llamaCpp().isPresent());
        assertTrue(report.followUp().llamaCpp().orElseThrow().promptTokens()
                < report.first().llamaCpp().orElseThrow().promptTokens(), "the follow-up reuses the cache");
        assertTrue(report.peakRssBytes().orElseThrow() > 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter writer = new PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
        report.print(writer);
        writer.flush();
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (String expected : new String[] {"first turn", "follow-up", "llama.cpp prompt eval",
                "first speakable sentence", "Peak memory", "Targets"}) {
            assertTrue(text.contains(expected), text);
        }
    }
}
