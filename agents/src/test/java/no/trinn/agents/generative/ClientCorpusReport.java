package no.trinn.agents.generative;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints every client-corpus line with its result and similarities, for tuning the thresholds of guard-*.yaml.
 * Runs only with {@code -Dtrinn.report=true}: it asserts nothing.
 */
@EnabledIfSystemProperty(named = "trinn.report", matches = "true")
class ClientCorpusReport {
    @Test
    void print() {
        for (String language : List.of("en", "nb")) {
            for (CorpusLines.Line line : CorpusLines.read("client-corpus-" + language + ".txt")) {
                Optional<GuardRails.RoleBreak> found = Shared.guardRails().checkClient(line.text(), language);
                System.out.println(line + " -> " + found.map(f -> f.attempt() + "/" + f.method()).orElse("NONE")
                        + " " + ClientCorpusTest.scores(line.text(), language));
            }
        }
    }
}
