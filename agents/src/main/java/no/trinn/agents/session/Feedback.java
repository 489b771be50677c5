package no.trinn.agents.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.trinn.agents.dialogue.CommonPhrases;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Goal;
import no.trinn.scenarios.Scenario;

/**
 * End-of-session feedback: goal steps met, strengths first (the scenario's own praise for each step reached, then
 * what the turns show), one thing to practise (the first step missed, else what the turns suggest), and the
 * scenario's real-world task; rendered with a one-line recap (who, how many turns, how many goal steps). Texts come from the scenario and {@link CommonPhrases}.
 */
public final class Feedback {
    /** The most strengths a summary lists. */
    public static final int MAX_STRENGTHS = 5;

    private Feedback() {
    }

    /**
     * Builds the summary of a session.
     *
     * @param scenario the scenario practised
     * @param turns the client turns, in order
     * @param reached goal step ids reached
     * @param completed whether the conversation reached an end state
     * @param repeatRequests repeat requests made outside turns (the {@code /repeat} command)
     */
    public static SessionSummary summarise(Scenario scenario, List<TurnRecord> turns, Set<String> reached,
            boolean completed, int repeatRequests) {
        CommonPhrases common = CommonPhrases.forLanguage(scenario.language());
        List<String> met = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        Set<String> strengths = new LinkedHashSet<>();
        String practise = null;
        for (Goal.Step step : scenario.goal().steps()) {
            if (reached.contains(step.id())) {
                met.add(step.id());
                strengths.add(step.strength());
            } else {
                missed.add(step.id());
                if (practise == null) {
                    practise = step.practise();
                }
            }
        }
        if (completed) {
            strengths.add(common.feedback("strengths.completed"));
        }
        boolean polite = false;
        boolean asked = false;
        boolean cameBack = false;
        boolean lost = false;
        int repairs = repeatRequests;
        int oneWord = 0;
        int offTopic = 0;
        for (TurnRecord t : turns) {
            polite |= t.words() > 0 && containsAny(t.clientText(), common.politeWords());
            asked |= t.question();
            if (t.repair()) {
                repairs++;
            }
            if (t.words() == 1) {
                oneWord++;
            }
            boolean understood = t.intent().isPresent();
            if (!understood && !t.characterText().isEmpty() && t.words() > 0) {
                lost = true;
                offTopic++;
            } else if (understood && lost) {
                cameBack = true;
            }
        }
        if (polite) {
            strengths.add(common.feedback("strengths.polite"));
        }
        if (asked) {
            strengths.add(common.feedback("strengths.askedQuestion"));
        }
        if (cameBack) {
            strengths.add(common.feedback("strengths.cameBack"));
        }
        if (repairs > 0) {
            strengths.add(common.feedback("strengths.repaired"));
        }
        strengths.add(common.feedback("strengths.stayed"));
        if (practise == null) {
            if (offTopic >= 2) {
                practise = common.feedback("practise.offTopic");
            } else if (repairs >= 3) {
                practise = common.feedback("practise.repairs");
            } else if (!turns.isEmpty() && oneWord * 2 > turns.size()) {
                practise = common.feedback("practise.shortAnswers");
            } else {
                practise = common.feedback("practise.higher");
            }
        }
        // short feedback is easier to take in: the goal's own praise first, then what the turns showed
        List<String> shown = new ArrayList<>(strengths).subList(0, Math.min(MAX_STRENGTHS, strengths.size()));
        return new SessionSummary(met, missed, missed.isEmpty(), shown, practise,
                scenario.followUp(), turns.size());
    }

    /** The summary as plain text for the client, in the scenario's language. */
    public static String render(Scenario scenario, SessionSummary summary) {
        CommonPhrases common = CommonPhrases.forLanguage(scenario.language());
        StringBuilder sb = new StringBuilder();
        sb.append(common.feedback("headings.goal")).append(": ").append(scenario.goal().description())
                .append(" (").append(summary.goalStepsMet().size()).append('/')
                .append(scenario.goal().steps().size()).append(")\n");
        Character speaker = scenario.characters().getFirst();
        sb.append(common.feedback("recap").replace("{name}", speaker.name()).replace("{role}", speaker.role())
                .replace("{turns}", Integer.toString(summary.turns()))
                .replace("{met}", Integer.toString(summary.goalStepsMet().size()))
                .replace("{steps}", Integer.toString(scenario.goal().steps().size()))).append('\n');
        sb.append(common.feedback("headings.wentWell")).append(":\n");
        for (String s : summary.strengths()) {
            sb.append("  + ").append(s).append('\n');
        }
        sb.append(common.feedback("headings.practise")).append(":\n  > ").append(summary.practiseNext()).append('\n');
        sb.append(common.feedback("headings.task")).append(":\n  * ").append(summary.realWorldTask());
        return sb.toString();
    }

    private static boolean containsAny(String text, Set<String> words) {
        for (String w : no.trinn.agents.dialogue.Text.normalise(text).split(" ")) {
            if (words.contains(w.replace("'", ""))) {
                return true;
            }
        }
        return false;
    }
}
