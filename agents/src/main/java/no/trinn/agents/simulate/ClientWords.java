package no.trinn.agents.simulate;

import java.util.List;
import no.trinn.core.Require;

/**
 * The words of simulated clients in one language, beside a scenario's examples and the language's repair phrases:
 * read from {@code client-<language>.yaml}.
 *
 * @param language the language
 * @param hesitations said before a hesitant turn, e.g. "Um,"
 * @param fillers added at the start of a verbose turn, e.g. "Well,"
 * @param offTopic remarks off the topic of any scenario
 */
record ClientWords(String language, List<String> hesitations, List<String> fillers, List<String> offTopic) {
    ClientWords {
        Require.nonBlank(language, "language");
        hesitations = List.copyOf(Require.nonEmpty(hesitations, "hesitations"));
        fillers = List.copyOf(Require.nonEmpty(fillers, "fillers"));
        offTopic = List.copyOf(Require.nonEmpty(offTopic, "offTopic"));
    }
}
