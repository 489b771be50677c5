package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import no.trinn.agents.TestScenarios;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.scenarios.State;
import org.junit.jupiter.api.Test;

/**
 * The reply checks of the guard rails: the reply corpora (3 sentences, 320 characters), the shipped library's own
 * character lines (default caps), the engine's authored lines.
 */
class GuardRailsTest {
    /**
     * Authored lines of the shipped library that the medical check flags: a generated pharmacist may not say such
     * things, so the scripted (reviewed) line is said instead. Any other flagged line is a false positive.
     */
    private static final Set<String> MEDICAL_IN_LIBRARY = Set.of(
            "Good. It's the same dose as before.",
            "Fint. Det er samme dose som før.",
            "Then let me explain. One tablet every morning, with food. It's all on the label too.",
            "Then let me explain. Take one tablet each morning with some food. Some people feel a bit sleepy the"
                    + " first few days, that usually passes. It's all on the label and the leaflet.",
            "Da skal jeg forklare. Ta én tablett hver morgen sammen med litt mat. Noen blir litt trøtte de første"
                    + " dagene, det går vanligvis over. Alt står på etiketten og i pakningsvedlegget.",
            "Good. Same as last time, one tablet every morning.",
            "Fint. Samme som sist, én tablett hver morgen.",
            "Da skal jeg forklare. Én tablett hver morgen, sammen med mat. Det står på etiketten også.");
    private static final GenerativeOptions DEFAULTS = GenerativeOptions.defaults();

    @Test
    void everyReplyCorpusLineGivesItsExpectedResult() {
        List<String> wrong = new ArrayList<>();
        for (String language : List.of("en", "nb")) {
            for (CorpusLines.Line line : CorpusLines.read("reply-corpus-" + language + ".txt")) {
                String got = Shared.guardRails().checkReply(line.text(), language, 3, 320).map(Enum::name)
                        .orElse("PASS");
                if (!got.equals(line.actual())) {
                    wrong.add(line + " -> " + got);
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " lines wrong:\n" + String.join("\n", wrong));
    }

    @Test
    void theShippedLibrarysOwnCharacterLinesPassExceptKnownDosageLines() {
        Set<String> flagged = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Scenario s : ScenarioLibrary.shipped().all()) {
            for (String text : characterLines(s)) {
                checked++;
                Optional<GuardRails.Issue> issue = Shared.guardRails().checkReply(text, s.language(),
                        DEFAULTS.maxSentences(), DEFAULTS.maxChars());
                if (issue.isEmpty()) {
                    continue;
                }
                if (issue.get() == GuardRails.Issue.MEDICAL && MEDICAL_IN_LIBRARY.contains(text)) {
                    flagged.add(text);
                } else {
                    wrong.add(s.id() + ": " + issue.get() + ": " + text);
                }
            }
        }
        assertTrue(checked > 300, "lines checked: " + checked);
        assertTrue(wrong.isEmpty(), wrong.size() + " authored lines fail:\n" + String.join("\n", wrong));
        assertEquals(MEDICAL_IN_LIBRARY, flagged, "the dosage lines of the pharmacy are flagged");
    }

    private static List<String> characterLines(Scenario s) {
        List<String> out = new ArrayList<>();
        s.opening().forEach(l -> out.add(l.text()));
        for (State st : s.states()) {
            st.say().forEach(l -> out.add(l.text()));
            st.reprompt().forEach(l -> out.add(l.text()));
            for (Intent i : st.intents()) {
                i.reply().forEach(l -> out.add(l.text()));
            }
        }
        return out;
    }

    @Test
    void theEnginesOwnFillersAndDeflectionsPassTheGuardRails() {
        for (String language : List.of("en", "nb")) {
            for (Line l : AuthoredLines.forLanguage(language).all()) {
                String text = l.text().replace("{{name}}", "Kim").replace("{{role}}", "kiosk seller");
                assertEquals(Optional.empty(), Shared.guardRails().checkReply(text, language, 3, 320),
                        language + ": " + text);
            }
        }
    }

    @Test
    void aDeflectionFitsTheCharactersWarmthAndNamesIt() {
        var warm = Turns.context("order");
        assertEquals("Ha, no, I'm just Kim, the kiosk seller here.",
                Shared.guardRails().deflection(GuardRails.Attempt.IDENTITY, warm));
        var values = new java.util.HashMap<>(TestScenarios.easy());
        values.put("warmth", 0.2);
        var cold = Turns.context(TestScenarios.kiosk(), "order", values);
        assertEquals("I'm Kim. Anyway.", Shared.guardRails().deflection(GuardRails.Attempt.IDENTITY, cold));
        assertEquals("Jeg er Kim. Uansett.", Shared.guardRails().deflection(GuardRails.Attempt.IDENTITY,
                Turns.context(TestScenarios.kiosk("nb"), "order", values)));
    }

    @Test
    void theNextFillerDiffersFromOneSaidRecently() {
        var first = Turns.context("order");
        String filler = AuthoredLines.forLanguage("en").filler(first);
        assertEquals("Good question, give me a second...", filler);
        var later = new no.trinn.agents.dialogue.TurnContext(first.scenario(), "order", first.behaviour(),
                List.of(filler + " Coming right up!"), Optional.empty(), 0);
        assertEquals("Right, let me see...", AuthoredLines.forLanguage("en").filler(later));
    }

    @Test
    void reasonCodesAreStable() {
        assertEquals("guard:role", GuardRails.Issue.ROLE.code());
        assertEquals("guard:medical", GuardRails.Issue.MEDICAL.code());
        assertEquals("deflection:prompt", GuardRails.Attempt.PROMPT.code());
    }
}
