package no.trinn.console.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.store.SessionStore;

/**
 * Whole, assessed sessions written through the store's event API, as a practice session records them: start, the
 * confidence rating before, the follow-up of the previous task, the opening line, the turns with a decision after
 * each, safety events, the assessment with level estimates, the end with its summary, and the rating after.
 */
final class DemoSessions {
    private DemoSessions() {
    }

    /**
     * One session to record.
     *
     * @param turns client line, character line, response time in ms, goal step reached (or "")
     * @param levels scale, mean and sd of the estimates after the session
     * @param difficulty the difficulty after each turn (its size is the number of turns); the first value before
     *     the first turn is {@code startDifficulty}
     */
    record Spec(String id, String scenarioId, Instant start, String opening, List<Turn> turns, double startDifficulty,
            List<Double> difficulty, double goalScore, double successRate, List<Level> levels, int before,
            int after, List<String> met, List<String> missed, List<String> strengths, String practise, String task,
            Optional<SessionEvent.TaskOutcome> previousTask, Optional<String> previousId,
            Optional<SafetyEvent.Kind> safety) {
    }

    record Turn(String client, String character, long millis, String step) {
    }

    record Level(String scale, double mean, double sd) {
    }

    static void write(SessionStore store, String alias, Spec s) {
        Instant t = s.start();
        store.onEvent(new SessionEvent.Started(s.id(), t, alias, s.scenarioId(), "en", s.startDifficulty()));
        store.onEvent(new SessionEvent.ConfidenceRated(s.id(), t.plusSeconds(5), true, s.before()));
        if (s.previousTask().isPresent() && s.previousId().isPresent()) {
            store.onEvent(new SessionEvent.TaskFollowedUp(s.id(), t.plusSeconds(8), s.previousId().get(),
                    s.previousTask().get()));
        }
        t = t.plusSeconds(10);
        store.onEvent(new SessionEvent.Opened(s.id(), t, "start", s.opening()));
        double difficulty = s.startDifficulty();
        long total = 0;
        for (int i = 0; i < s.turns().size(); i++) {
            Turn turn = s.turns().get(i);
            t = t.plusMillis(turn.millis() + 4000);
            total += turn.millis();
            store.onEvent(new SessionEvent.TurnCompleted(s.id(), t, new TurnRecord(i, turn.client(),
                    turn.character(), "s" + i, "s" + (i + 1), Optional.of(turn.step().isEmpty() ? "other"
                            : turn.step()), 0.8, turn.millis(), turn.client().split("\\s+").length,
                    turn.step().isEmpty() ? List.of() : List.of(turn.step()), false, turn.client().endsWith("?"),
                    2_000_000, Optional.empty())));
            double next = s.difficulty().get(i);
            store.onEvent(new SessionEvent.Decided(s.id(), t.plusMillis(200), new Decision(
                    Decision.Scope.WITHIN_SESSION, i, Map.of("difficulty", difficulty), Map.of("difficulty", next),
                    Map.of("success", next >= difficulty ? 0.9 : 0.4),
                    next > difficulty ? "The client answered with ease; a little more challenge"
                            : next < difficulty ? "The client hesitated; the character gives more time and warmth"
                                    : "Inside the band of achievable challenge; held",
                    Optional.empty())));
            if (i == 1 && s.safety().isPresent()) {
                store.onEvent(new SessionEvent.SafetyRaised(s.id(), t.plusMillis(300),
                        new SafetyEvent(i, s.safety().get(), 1, "phrase", 0.72)));
                store.onEvent(new SessionEvent.PauseChanged(s.id(), t.plusSeconds(1), true, "coach offered a pause"));
                t = t.plusSeconds(40);
                store.onEvent(new SessionEvent.PauseChanged(s.id(), t, false, "client chose to go on"));
            }
            difficulty = next;
        }
        t = t.plusSeconds(3);
        List<LevelEstimate> levels = new ArrayList<>();
        for (Level l : s.levels()) {
            levels.add(new LevelEstimate(l.scale(), l.mean(), l.sd(), s.turns().size()));
        }
        double mean = s.turns().isEmpty() ? 0 : (double) total / s.turns().size();
        store.onEvent(new SessionEvent.Assessed(s.id(), t, new SessionScore(s.goalScore(), s.successRate(), mean,
                s.startDifficulty(), difficulty), levels));
        store.onEvent(new SessionEvent.Decided(s.id(), t.plusMillis(100), new Decision(
                Decision.Scope.BETWEEN_SESSIONS, -1, Map.of(), Map.of(), Map.of("goalScore", s.goalScore()),
                s.missed().isEmpty() ? "Goal met: the next session may move one step up the ladder"
                        : "Goal not yet met: practise the same scenario again",
                Optional.of(s.scenarioId()))));
        store.onEvent(new SessionEvent.Ended(s.id(), t.plusSeconds(1), "completed", new SessionSummary(s.met(),
                s.missed(), s.missed().isEmpty(), s.strengths(), s.practise(), s.task(), s.turns().size())));
        store.onEvent(new SessionEvent.ConfidenceRated(s.id(), t.plusSeconds(20), false, s.after()));
    }

    /**
     * A client who practised six times over three weeks, moving from the supermarket checkout (tier 1) to greeting
     * a neighbour (tier 2) and buying a coffee (tier 3), with one moment of distress on the way; the sessions' ids are
 * {@code ALIAS-1} to {@code ALIAS-6}.
     */
    static List<Spec> sixSessions(String alias, Instant first) {
        List<Spec> specs = new ArrayList<>();
        String checkout = "Hello! Do you need a bag?";
        List<Turn> shop = List.of(
                new Turn("Eh... no. No thanks.", "All right. Card or cash?", 4200, "bag"),
                new Turn("Card.", "Here you go, tap when you are ready. Would you like the receipt?", 2600, "paid"),
                new Turn("No, thank you.", "Have a nice day!", 2100, "receipt"));
        List<Turn> shopSlow = List.of(
                new Turn("Sorry?", "Do you need a bag for your things?", 6800, ""),
                new Turn("No.", "Card or cash?", 5200, "bag"),
                new Turn("Card, I think.", "There you go. Receipt?", 4600, "paid"));
        List<Turn> neighbour = List.of(
                new Turn("Hi.", "Hi! How are you today?", 3100, "greeted"),
                new Turn("I'm okay. A bit tired.", "Oh, I know the feeling. Busy week?", 3900, "answered"),
                new Turn("Yes. And you, how are you?", "Oh, fine, thank you. The garden keeps me busy.", 3300,
                        "asked_back"),
                new Turn("Nice. See you.", "See you later!", 2500, "said_goodbye"));
        List<Turn> coffee = List.of(
                new Turn("A coffee, please.", "Sure! What size would you like?", 2900, "ordered"),
                new Turn("Medium.", "Medium coffee. Anything else?", 2200, "answered"),
                new Turn("No, that's all. Can I pay by card?", "Of course, tap here.", 2400, "paid"));
        Duration week = Duration.ofDays(7);
        Instant t = first;
        specs.add(new Spec(alias + "-1", "supermarket-checkout", t, checkout, shopSlow, 0.15,
                List.of(0.12, 0.12, 0.15), 0.55, 0.6, List.of(new Level("tier1", 0.28, 0.18),
                        new Level("tier2", 0.2, 0.3)), 2, 3, List.of("bag", "paid"), List.of("receipt"),
                List.of("You told the cashier how you wanted to pay."), "The last question is often about the"
                        + " receipt. \"No, thanks\" is fine.", "Buy one thing in a shop and answer the cashier.",
                Optional.empty(), Optional.empty(), Optional.empty()));
        t = t.plus(Duration.ofDays(4));
        specs.add(new Spec(alias + "-2", "supermarket-checkout", t, checkout, shop, 0.15,
                List.of(0.18, 0.22, 0.25), 1.0, 0.8, List.of(new Level("tier1", 0.41, 0.14),
                        new Level("tier2", 0.22, 0.28)), 3, 4, List.of("bag", "paid", "receipt"), List.of(),
                List.of("You listened to the question and answered it.", "You answered the last question too."),
                "Say a short \"thank you\" when you leave.", "Buy bread and say thank you to the cashier.",
                Optional.of(SessionEvent.TaskOutcome.TRIED), Optional.of(alias + "-1"), Optional.empty()));
        t = t.plus(Duration.ofDays(3));
        specs.add(new Spec(alias + "-3", "greet-neighbour", t, "Oh, hello there!", neighbour, 0.2,
                List.of(0.2, 0.18, 0.22, 0.25), 0.75, 0.7, List.of(new Level("tier1", 0.47, 0.12),
                        new Level("tier2", 0.33, 0.2)), 2, 3, List.of("greeted", "answered", "asked_back"),
                List.of("said_goodbye"), List.of("You asked your neighbour how they were."),
                "End with a short goodbye, like \"See you!\".", "Say hello to one neighbour this week.",
                Optional.of(SessionEvent.TaskOutcome.DONE), Optional.of(alias + "-2"),
                Optional.of(SafetyEvent.Kind.DISTRESS)));
        t = t.plus(Duration.ofDays(4));
        specs.add(new Spec(alias + "-4", "greet-neighbour", t, "Oh, hello there!", neighbour, 0.25,
                List.of(0.28, 0.3, 0.33, 0.35), 1.0, 0.85, List.of(new Level("tier1", 0.52, 0.1),
                        new Level("tier2", 0.46, 0.15)), 3, 4, List.of("greeted", "answered", "asked_back",
                        "said_goodbye"), List.of(), List.of("You greeted first.", "You asked back and said goodbye."),
                "Add one sentence about your day.", "Greet a neighbour and ask how they are.",
                Optional.of(SessionEvent.TaskOutcome.NOT_YET), Optional.of(alias + "-3"), Optional.empty()));
        t = t.plus(week);
        specs.add(new Spec(alias + "-5", "coffee-order", t, "Hi! What can I get you?", coffee, 0.2,
                List.of(0.22, 0.25, 0.28), 1.0, 0.8, List.of(new Level("tier1", 0.58, 0.09),
                        new Level("tier2", 0.5, 0.13), new Level("tier3", 0.34, 0.22)), 3, 4,
                List.of("ordered", "answered", "paid"), List.of(), List.of("You ordered clearly.",
                        "You asked to pay by card."), "Try ordering something to eat too.",
                "Buy a coffee at a cafe you know.", Optional.of(SessionEvent.TaskOutcome.DONE),
                Optional.of(alias + "-4"), Optional.empty()));
        t = t.plus(Duration.ofDays(3));
        specs.add(new Spec(alias + "-6", "coffee-order", t, "Hi! What can I get you?", coffee, 0.3,
                List.of(0.33, 0.36, 0.4), 1.0, 0.85, List.of(new Level("tier1", 0.61, 0.08),
                        new Level("tier2", 0.54, 0.11), new Level("tier3", 0.45, 0.16)), 4, 4,
                List.of("ordered", "answered", "paid"), List.of(), List.of("You answered without waiting long.",
                        "You kept a friendly tone."), "Ask the barista one small question.",
                "Order a coffee and ask for a lid.", Optional.of(SessionEvent.TaskOutcome.TRIED),
                Optional.of(alias + "-5"), Optional.empty()));
        return specs;
    }
}
