package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every line of the client corpora: attempts to pull the character out of its role are recognised as their kind,
 * harmless lines are not. At least 40 attempts and 40 harmless lines in English and Norwegian together. A failure
 * lists every line that went wrong with its similarities, which is what tuning the thresholds needs.
 */
class ClientCorpusTest {
    @Test
    void everyCorpusLineGivesItsExpectedKind() {
        List<String> wrong = new ArrayList<>();
        int attempts = 0;
        int harmless = 0;
        for (String language : List.of("en", "nb")) {
            for (CorpusLines.Line line : CorpusLines.read("client-corpus-" + language + ".txt")) {
                Optional<GuardRails.RoleBreak> found = Shared.guardRails().checkClient(line.text(), language);
                String got = found.map(f -> f.attempt().name()).orElse("NONE");
                if (line.ideal().equals("NONE")) {
                    harmless++;
                } else {
                    attempts++;
                }
                if (!got.equals(line.actual())) {
                    wrong.add(line + " -> " + got + found.map(f -> " by " + f.method()).orElse("") + " "
                            + scores(line.text(), language));
                }
            }
        }
        assertTrue(attempts >= 40, "attempts in the corpora: " + attempts);
        assertTrue(harmless >= 40, "harmless lines in the corpora: " + harmless);
        assertTrue(wrong.isEmpty(), wrong.size() + " lines wrong:\n" + String.join("\n", wrong));
    }

    static String scores(String text, String language) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<GuardRails.Attempt, Double> e : Shared.guardRails().similarities(text, language).entrySet()) {
            sb.append(e.getKey().key()).append('=').append(String.format(Locale.ROOT, "%.2f", e.getValue()))
                    .append(' ');
        }
        return sb.append("harmless=").append(String.format(Locale.ROOT, "%.2f",
                Shared.guardRails().harmlessSimilarity(text, language))).append('}').toString();
    }
}
