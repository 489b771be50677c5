package no.trinn.speech.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClauseChunkerTest {
    @Test
    void splitsSentencesAndLongEnoughClauses() {
        assertEquals(List.of("Hello!", "How can I help you today?", "We have coffee, tea and juice,",
                "and the cakes are fresh."),
                ClauseChunker.split("Hello! How can I help you today? We have coffee, tea and juice, and the cakes"
                        + " are fresh."));
    }

    @Test
    void keepsShortCommaPiecesTogether() {
        assertEquals(List.of("Well, yes, I think so."), ClauseChunker.split("Well, yes, I think so."));
    }

    @Test
    void doesNotSplitAbbreviationsNumbersOrInitials() {
        assertEquals(List.of("Dr. Smith charges 3.50 kr,", "e.g. for a visit by J. Doe.", "Okay?"),
                ClauseChunker.split("Dr. Smith charges 3.50 kr, e.g. for a visit by J. Doe. Okay?"));
        assertEquals(List.of("Ta med f.eks. legitimasjon.", "Takk!"),
                ClauseChunker.split("Ta med f.eks. legitimasjon. Takk!"));
    }

    @Test
    void closingQuotesStayWithTheirSentence() {
        assertEquals(List.of("She said \"no.\"", "Then she left."), ClauseChunker.split("She said \"no.\" Then she left."));
    }

    @Test
    void streamingGivesTheFirstClauseBeforeTheReplyEnds() {
        ClauseChunker chunker = new ClauseChunker();
        List<String> out = new ArrayList<>();
        for (String token : List.of("Hi", " there", ".", " What", " would", " you", " like", "?", " We")) {
            out.addAll(chunker.push(token));
            if (token.equals(" What")) {
                assertEquals(List.of("Hi there."), out, "first clause out as soon as the next word starts");
            }
        }
        assertEquals(List.of("Hi there.", "What would you like?"), out);
        assertEquals(Optional.of("We"), chunker.finish());
        assertEquals(Optional.empty(), chunker.finish());
    }

    @Test
    void cutsRunsWithoutPunctuationAtASpace() {
        String run = "word ".repeat(100);
        List<String> clauses = ClauseChunker.split(run);
        assertTrue(clauses.size() >= 3, clauses.size() + " clauses");
        clauses.forEach(c -> assertTrue(c.length() <= ClauseChunker.MAX_CHARS && !c.isBlank(), c));
        assertEquals(run.strip(), String.join(" ", clauses));
    }

    @Test
    void lineBreaksEndClausesAndBlankTextGivesNothing() {
        assertEquals(List.of("One", "Two"), ClauseChunker.split("One\n\nTwo\n"));
        assertEquals(List.of(), ClauseChunker.split("  \n "));
        assertEquals(List.of("?!..."), ClauseChunker.split("?!..."));
    }
}
