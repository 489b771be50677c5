package no.trinn.agents.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.trinn.agents.AgentException;
import no.trinn.core.session.SafetyEvent.Kind;
import org.junit.jupiter.api.Test;

/** The bundled data files load, are complete, and bad files are refused with the file and field named. */
class SafetyDataTest {
    private static final List<Kind> DETECTED = List.of(Kind.DISTRESS, Kind.SELF_HARM, Kind.RELAPSE);

    @Test
    void bothLanguagesLoadWithNonEmptyPhraseListsAndMessages() {
        for (String lang : SafetyCheck.BUNDLED) {
            SafetyData d = SafetyData.load(lang);
            assertEquals(lang, d.language());
            assertTrue(d.rules().get(Kind.STOP).phrases().size() >= 10, lang + " stop phrases");
            assertTrue(d.rules().get(Kind.PAUSE).phrases().size() >= 10, lang + " pause phrases");
            for (Kind k : DETECTED) {
                SafetyData.KindRules r = d.rules().get(k);
                assertTrue(r.patterns().size() >= 10, lang + " " + k + " patterns");
                int examples = r.examples().size();
                assertTrue(examples >= 15 && examples <= 30, lang + " " + k + " has " + examples + " examples");
                assertFalse(r.counterExamples().isEmpty(), lang + " " + k + " counter-examples");
                assertTrue(r.threshold() > 0 && r.threshold() < 1, lang + " " + k + " threshold");
            }
            for (Kind k : Kind.values()) {
                assertFalse(d.messages().get(k).isBlank(), lang + " message " + k);
            }
            assertFalse(d.neutral().isEmpty());
            assertFalse(d.fillers().isEmpty());
            assertFalse(d.negations().isEmpty());
        }
    }

    @Test
    void theCounterExamplesOfTheBriefAreInTheData() {
        SafetyData en = SafetyData.load("en");
        List<String> relapse = en.rules().get(Kind.RELAPSE).counterExamples();
        for (String s : List.of("No thanks, I don't drink anymore.", "I've been sober two years.",
                "I'll have a coke instead.")) {
            assertTrue(relapse.contains(s), s);
        }
        List<String> selfHarm = en.rules().get(Kind.SELF_HARM).counterExamples();
        for (String s : List.of("I could kill for a coffee.", "This queue is killing me.",
                "I'm dying to see the film.")) {
            assertTrue(selfHarm.contains(s), s);
        }
        assertTrue(en.neutral().contains("Where is the bus stop?"));
        assertTrue(en.neutral().contains("I'll stop by later."));
        assertTrue(en.neutral().contains("There was a break in the rain."));
    }

    @Test
    void anUnknownFieldIsRefusedNamingFileAndField() {
        String yaml = valid().replace("stop:\n", "stopp_typo: 1\nstop:\n");
        AgentException e = assertThrows(AgentException.class, () -> read(yaml));
        assertTrue(e.getMessage().startsWith("test.yaml: field 'stopp_typo'"), e.getMessage());
    }

    @Test
    void aBadPatternIsRefusedNamingItsField() {
        String yaml = valid().replace("patterns: [panic*]", "patterns: [\"panic $ now\"]");
        AgentException e = assertThrows(AgentException.class, () -> read(yaml));
        assertTrue(e.getMessage().contains("field 'distress.patterns'"), e.getMessage());
        assertTrue(e.getMessage().contains("'$' may only come last"), e.getMessage());
    }

    @Test
    void aMissingMessageOrThresholdIsRefused() {
        AgentException e = assertThrows(AgentException.class, () -> read(valid().replace("  relapse: R\n", "")));
        assertTrue(e.getMessage().contains("field 'messages.relapse'"), e.getMessage());
        e = assertThrows(AgentException.class, () -> read(valid().replace("threshold: 0.6, margin: 0.1,\n"
                + "    patterns: [relapsed]", "threshold: 1.6, margin: 0.1,\n    patterns: [relapsed]")));
        assertTrue(e.getMessage().contains("field 'relapse.threshold'"), e.getMessage());
    }

    @Test
    void invalidYamlNamesTheLine() {
        AgentException e = assertThrows(AgentException.class, () -> read("language: en\nfillers: [a\n"));
        assertTrue(e.getMessage().startsWith("test.yaml (line "), e.getMessage());
    }

    @Test
    void unquotedYamlBooleansAreCaught() {
        AgentException e = assertThrows(AgentException.class, () -> read(valid().replace("fillers: [ok]",
                "fillers: [ok, no]")));
        assertTrue(e.getMessage().contains("field 'fillers'"), e.getMessage());
    }

    @Test
    void theMinimalFileIsValid() {
        SafetyData d = read(valid());
        assertEquals("en", d.language());
        assertEquals(List.of(List.of("stop")), d.rules().get(Kind.STOP).phrases());
    }

    private static SafetyData read(String yaml) {
        return SafetyData.read("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String valid() {
        return """
                language: en
                fillers: [ok]
                negations: [not]
                negation_window: 2
                stop:
                  phrases: [stop]
                pause:
                  phrases: [pause]
                distress:
                  { negation_guard: true, threshold: 0.6, margin: 0.1,
                    patterns: [panic*], examples: [I panic.], counter_examples: [I am fine.] }
                self_harm:
                  { negation_guard: false, threshold: 0.6, margin: 0.1,
                    patterns: [kill myself], examples: [I want to die.], counter_examples: [I could kill for tea.] }
                relapse:
                  { negation_guard: true, threshold: 0.6, margin: 0.1,
                    patterns: [relapsed], examples: [I drank again.], counter_examples: [I am sober.] }
                neutral: [A coffee, please.]
                messages:
                  stop: S
                  pause: P
                  distress: D
                  self_harm: H
                  relapse: R
                  paused: PA
                  resumed: RE
                """;
    }
}
