package no.trinn.agents.adapt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Ladder;
import no.trinn.scenarios.Ladder.Rung;

/**
 * Chooses, between sessions, the client's next scenario on the ladder and its starting difficulty.
 *
 * <p>The ladder is the language's rungs, restricted to {@link ClientSettings#assigned()} when that is not empty (when
 * none of the assigned ids is on the language's ladder, the assigned ids in their order are the ladder, and their
 * starting difficulty is read from the {@code tier1} scale, since their tier is not known here). The current rung is
 * that of the latest session whose scenario is on it; a client without one starts on the first rung. With the
 * latest {@code n} sessions of the current scenario ({@link LadderSettings}):
 * <ul>
 *   <li>mastery, every one of the latest {@code masterySessions} with goal score at least {@code masteryScore} at a
 *       difficulty at least {@code min(masteryDifficulty, highest allowed difficulty)}: the next rung (the top rung
 *       stays);</li>
 *   <li>struggling, every one of the latest {@code struggleSessions} with goal score below {@code struggleScore} at a
 *       difficulty at most the lowest allowed plus {@code lowestMargin}: the previous rung (the first rung stays);</li>
 *   <li>otherwise the same rung.</li>
 * </ul>
 * The starting difficulty is the one where the {@link ClientModel} predicts the band's centre on the chosen
 * scenario's leading scale, moved into the allowed difficulty (a lock wins). Stateless and thread-safe; the model is
 * only read.
 */
public final class LadderPolicy {
    private final Ladder ladder;
    private final LadderSettings settings;
    private final ControllerSettings controller;

    /** A policy over {@code ladder} whose starting difficulties aim at {@code controller}'s band centre. */
    public LadderPolicy(Ladder ladder, LadderSettings settings, ControllerSettings controller) {
        this.ladder = Require.nonNull(ladder, "ladder");
        this.settings = Require.nonNull(settings, "settings");
        this.controller = Require.nonNull(controller, "controller");
    }

    /**
     * The next session's scenario and starting difficulty.
     *
     * @param language the client's language; its ladder must not be empty unless scenarios are assigned
     * @param history the client's past sessions, oldest first
     * @return a decision of scope {@link Decision.Scope#BETWEEN_SESSIONS} naming the next scenario; its
     *     {@code after} holds the starting {@code difficulty}
     * @throws IllegalArgumentException when the language has no ladder and nothing is assigned
     */
    public Decision next(String language, List<SessionResult> history, ClientModel model, ClientSettings client) {
        Require.nonNull(language, "language");
        Require.nonNull(history, "history");
        Require.nonNull(model, "model");
        Require.nonNull(client, "client");
        List<Rung> rungs = rungs(language, client);
        Bounds allowed = client.allowed(BehaviourParameters.DIFFICULTY);
        Optional<SessionResult> latest = history.reversed().stream()
                .filter(r -> indexOf(rungs, r.scenarioId()) >= 0).findFirst();
        int current;
        int next;
        String reason;
        if (latest.isEmpty()) {
            current = 0;
            next = 0;
            reason = history.isEmpty() ? "first session: starting on the first rung, '" + rungs.getFirst().scenarioId()
                    + "'" : "no recent session on the assigned rungs: starting on '" + rungs.getFirst().scenarioId()
                    + "'";
        } else {
            current = indexOf(rungs, latest.get().scenarioId());
            String id = rungs.get(current).scenarioId();
            List<SessionResult> ofCurrent = history.stream().filter(r -> r.scenarioId().equals(id)).toList();
            double masteryDifficulty = Math.min(settings.masteryDifficulty(), allowed.max());
            double lowest = allowed.min() + settings.lowestMargin();
            boolean mastered = last(ofCurrent, settings.masterySessions()).map(l -> l.stream().allMatch(r ->
                    r.goalScore() >= settings.masteryScore() && r.difficulty() >= masteryDifficulty)).orElse(false);
            boolean struggling = last(ofCurrent, settings.struggleSessions()).map(l -> l.stream().allMatch(r ->
                    r.goalScore() < settings.struggleScore() && r.difficulty() <= lowest)).orElse(false);
            if (mastered && current + 1 < rungs.size()) {
                next = current + 1;
                reason = "goal score at least " + fmt(settings.masteryScore()) + " at difficulty "
                        + fmt(masteryDifficulty) + " or more in the last " + settings.masterySessions()
                        + " sessions of '" + id + "': up to '" + rungs.get(next).scenarioId() + "'";
            } else if (mastered) {
                next = current;
                reason = "'" + id + "' mastered and it is the top rung: staying there";
            } else if (struggling && current > 0) {
                next = current - 1;
                reason = "goal score below " + fmt(settings.struggleScore()) + " at the lowest difficulty in the last "
                        + settings.struggleSessions() + " sessions of '" + id + "': back to '"
                        + rungs.get(next).scenarioId() + "'";
            } else if (struggling) {
                next = current;
                reason = "struggling with '" + id + "', the first rung: staying there at the lowest difficulty";
            } else {
                next = current;
                reason = "latest goal score " + fmt(latest.get().goalScore()) + " on '" + id
                        + "': neither mastered nor struggling, staying";
            }
        }
        Rung chosen = rungs.get(next);
        String scale = model.leadingScale(chosen.tier(), chosen.skill());
        LevelEstimate level = model.estimate(scale);
        double start = allowed.clamp(model.difficultyFor(scale, controller.bandCentre()));
        Map<String, Double> before = new LinkedHashMap<>();
        latest.ifPresent(r -> before.put(BehaviourParameters.DIFFICULTY, r.difficulty()));
        Map<String, Double> inputs = new LinkedHashMap<>();
        latest.ifPresent(r -> inputs.put("goalScore", r.goalScore()));
        inputs.put("rung", (double) current);
        inputs.put("nextRung", (double) next);
        inputs.put("level", level.mean());
        inputs.put("levelSd", level.sd());
        return new Decision(Decision.Scope.BETWEEN_SESSIONS, -1, before,
                Map.of(BehaviourParameters.DIFFICULTY, start), inputs,
                reason + "; starting difficulty " + fmt(start), Optional.of(chosen.scenarioId()));
    }

    private List<Rung> rungs(String language, ClientSettings client) {
        List<Rung> all = ladder.rungs(language);
        if (client.assigned().isEmpty()) {
            if (all.isEmpty()) {
                throw new IllegalArgumentException("language: the ladder has no rungs for '" + language + "'");
            }
            return all;
        }
        List<Rung> restricted = all.stream().filter(r -> client.assigned().contains(r.scenarioId())).toList();
        if (!restricted.isEmpty()) {
            return restricted;
        }
        // assigned scenarios off this language's ladder: their tier is unknown here, so tier 1 and no skill
        return client.assigned().stream().map(id -> new Rung(id, 1, Optional.empty())).toList();
    }

    private static int indexOf(List<Rung> rungs, String id) {
        for (int i = 0; i < rungs.size(); i++) {
            if (rungs.get(i).scenarioId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<List<SessionResult>> last(List<SessionResult> results, int n) {
        return results.size() < n ? Optional.empty() : Optional.of(results.subList(results.size() - n,
                results.size()));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
