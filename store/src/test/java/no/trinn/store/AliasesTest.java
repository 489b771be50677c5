package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AliasesTest {
    @Test
    void acceptsPseudonymsOfLettersDigitsAndPunctuation() {
        for (String alias : List.of("a", "p-017", "ravn.3", "Åse_2", "x".repeat(64))) {
            assertTrue(Aliases.isValid(alias), alias);
            assertEquals(alias, Aliases.requireValid(alias));
        }
    }

    @Test
    void rejectsOtherFormsNamingTheProblem() {
        assertFalse(Aliases.isValid(null));
        assertTrue(assertThrows(StoreException.class, () -> Aliases.requireValid(null)).getMessage()
                .contains("must not be empty"));
        assertTrue(assertThrows(StoreException.class, () -> Aliases.requireValid("y".repeat(65))).getMessage()
                .contains("65 characters"));
        for (String alias : List.of("two words", "a/b", "tab\t", "😀", "e\u0301", "ola@example.no")) {
            assertFalse(Aliases.isValid(alias), alias);
            assertThrows(StoreException.class, () -> Aliases.requireValid(alias));
        }
        assertTrue(assertThrows(StoreException.class, () -> Aliases.requireValid("ola@x")).getMessage()
                .contains("position 4"));
    }
}
