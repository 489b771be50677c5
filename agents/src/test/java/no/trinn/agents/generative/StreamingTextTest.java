package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentence splitter and the say extractor, whole and piece by piece. */
class StreamingTextTest {
    @Test
    void sentencesEndAtTerminalPunctuationFollowedBySpaceOrAtTheEnd() {
        assertEquals(List.of("Hello there.", "How are you?"), SentenceSplitter.split("Hello there. How are you?"));
        assertEquals(List.of("That's 2.50, please."), SentenceSplitter.split("That's 2.50, please."));
        assertEquals(List.of("Hmm...", "okay."), SentenceSplitter.split("Hmm... okay."));
        assertEquals(List.of("\"Really?\"", "she said."), SentenceSplitter.split("\"Really?\" she said."));
        assertEquals(List.of("One line", "another"), SentenceSplitter.split("One line\nanother"));
        assertEquals(List.of("Hi."), SentenceSplitter.split("  Hi.   !!  "));
        assertEquals(List.of("No end"), SentenceSplitter.split("No   end"));
    }

    @Test
    void feedingCharacterByCharacterGivesTheSameSentences() {
        String text = "Coming right up! That's two pounds. Card or cash?\nThanks…  Bye";
        SentenceSplitter s = new SentenceSplitter();
        List<String> out = new ArrayList<>();
        for (char c : text.toCharArray()) {
            out.addAll(s.feed(String.valueOf(c)));
        }
        out.addAll(s.finish());
        assertEquals(SentenceSplitter.split(text), out);
        assertEquals(5, out.size());
    }

    @Test
    void theSayValueIsReadAsItArrives() {
        String json = "```json\n{\"affect\": \"warm\", \"nested\": {\"say\": \"no\"}, \"say\": \"Hi \\\"you\\\"!\\n"
                + "Caf\\u00e9?\", \"nextState\": \"say\"}\n```";
        SayExtractor whole = new SayExtractor();
        assertEquals("Hi \"you\"!\nCafé?", whole.feed(json));
        assertTrue(whole.sayClosed());

        SayExtractor pieces = new SayExtractor();
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < json.length(); i += 3) {
            got.append(pieces.feed(json.substring(i, Math.min(json.length(), i + 3))));
        }
        assertEquals("Hi \"you\"!\nCafé?", got.toString());
    }

    @Test
    void anUnfinishedSayIsNotClosed() {
        SayExtractor e = new SayExtractor();
        assertEquals("Coming", e.feed("{\"say\": \"Coming"));
        assertFalse(e.sayClosed());
        assertEquals("", new SayExtractor().feed("no json here"));
    }
}
