package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import no.trinn.core.session.SessionSummary;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTripsAwkwardStrings() {
        List<String> values = List.of("", "plain", "quote \" backslash \\ slash /", "new\nline\r\ttab\b\f",
                "\u0000\u001f\u007f", "æøå 😊 中文", "lone \ud800 high", "lone \udc00 low", "\u2028\u2029");
        String json = Json.stringArray(values);
        assertEquals(values, Json.parseStringArray(json));
        assertEquals(-1, json.indexOf('\n'));
        assertEquals(-1, json.indexOf('\u0000'));
    }

    @Test
    void roundTripsASummary() {
        SessionSummary summary = new SessionSummary(List.of("greet"), List.of("pay", "thank"), false,
                List.of("Clear \"hello\""), "Ask again", "Say hi to a neighbour", 7);
        assertEquals(summary, Json.parseSummary(Json.summary(summary)));
    }

    @Test
    void readsGeneralJson() {
        assertEquals(Map.of("a", List.of(new BigDecimal("1.5e3"), Boolean.TRUE, Json.NULL), "b", "\u00e9"),
                Json.parse(" {\"a\" : [1.5e3, true, null], \"b\": \"\\u00e9\"} "));
    }

    @Test
    void rejectsMalformedJson() {
        for (String bad : List.of("", "[", "[1,]", "{\"a\":1,}", "\"unterminated", "[01]", "tru", "{\"a\":1}x",
                "\"bad \\x escape\"", "{\"a\":1,\"a\":2}", "[\"raw \u0001 control\"]", "[".repeat(100))) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parseStringArray("[1]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseSummary("{\"goalStepsMet\":[]}"));
    }
}
