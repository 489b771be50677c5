package no.trinn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"plain æøå 😊\"", JsonText.quote("plain æøå 😊"));
        assertEquals("\"a\\\"b\\\\c\"", JsonText.quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", JsonText.quote("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\u007f\"", JsonText.quote("\u0000\u001f\u007f"));
        assertEquals("\"\"", JsonText.quote(""));
    }

    @Test
    void escapesLoneSurrogatesButKeepsPairs() {
        assertEquals("\"\\ud800 x \\udc00\"", JsonText.quote("\ud800 x \udc00"));
        assertEquals("\"\\udc00\ud83d\ude0a\\ud800\"", JsonText.quote("\udc00\ud83d\ude0a\ud800"));
    }

    @Test
    void leavesAngleBracketsAndLineSeparatorsUnlessForHtml() {
        String text = "<b>\u2028\u2029</b>";
        assertEquals("\"" + text + "\"", JsonText.quote(text));
        StringBuilder out = new StringBuilder("x=");
        JsonText.quoteForHtml(out, text + "\"\n");
        assertEquals("x=\"\\u003cb\\u003e\\u2028\\u2029\\u003c/b\\u003e\\\"\\n\"", out.toString());
    }

    @Test
    void appendsToWhatIsThere() {
        StringBuilder out = new StringBuilder("[");
        JsonText.quote(out, "a");
        assertEquals("[\"a\"", out.toString());
        assertThrows(NullPointerException.class, () -> JsonText.quote(null));
    }
}
