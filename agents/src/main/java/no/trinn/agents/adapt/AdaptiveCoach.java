package no.trinn.agents.adapt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.agents.session.Adaptation;
import no.trinn.core.Require;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Scenario;

/**
 * The adaptation of one session: each answered turn is assessed ({@link Assessor}), the {@link DifficultyController}
 * moves the character's behaviour (and updates the {@link ClientModel} it holds), and at the end the session is
 * scored, the model closes the session, and the {@link LadderPolicy} decides the next session's scenario and
 * starting difficulty. Voice measures of a turn, when the session is spoken, are given with
 * {@link #voiceMeasures(VoiceMeasures)} before the turn is handled. Not thread-safe: one session.
 */
public final class AdaptiveCoach implements Adaptation {
    private final Scenario scenario;
    private final Assessor assessor;
    private final DifficultyController controller;
    private final ClientModel model;
    private ClientSettings settings;
    private final LadderPolicy ladder;
    private final List<SessionResult> history;
    private final double startDifficulty;
    private final List<TurnAssessment> assessed = new ArrayList<>();
    private Optional<VoiceMeasures> voice = Optional.empty();

    private AdaptiveCoach(Scenario scenario, DifficultyController controller, ClientModel model,
            ClientSettings settings, LadderPolicy ladder, List<SessionResult> history) {
        this.scenario = scenario;
        this.assessor = new Assessor(scenario.language());
        this.controller = controller;
        this.model = model;
        this.settings = settings;
        this.ladder = ladder;
        this.history = List.copyOf(history);
        this.startDifficulty = controller.difficulty();
    }

    /**
     * The adaptation of a session of {@code scenario} for a client with {@code model} (restored from the store, or
     * fresh), the therapist's {@code settings} and past sessions {@code history} (oldest first).
     *
     * @param difficulty the starting difficulty, e.g. the one the ladder chose; empty: where the model predicts the
     *     band's centre. Either way it is kept inside the settings.
     */
    public static AdaptiveCoach start(Scenario scenario, ClientModel model, ClientSettings settings,
            List<SessionResult> history, Optional<Double> difficulty, LadderPolicy ladder,
            ControllerSettings controllerSettings) {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(model, "model");
        Require.nonNull(settings, "settings");
        Require.nonNull(history, "history");
        Require.nonNull(difficulty, "difficulty");
        Require.nonNull(ladder, "ladder");
        Require.nonNull(controllerSettings, "controllerSettings");
        BehaviourParameters parameters = BehaviourParameters.standard();
        DifficultyController controller = difficulty.isPresent()
                ? DifficultyController.startAt(scenario, scenario.characters().getFirst(), parameters, model,
                        settings, controllerSettings, difficulty.get())
                : DifficultyController.start(scenario, scenario.characters().getFirst(), parameters, model, settings,
                        controllerSettings);
        return new AdaptiveCoach(scenario, controller, model, settings, ladder, history);
    }

    /** The behaviour values the character starts with (and, later, uses now), with {@code difficulty}. */
    public Map<String, Double> behaviour() {
        return controller.behaviour();
    }

    /** The difficulty now. */
    public double difficulty() {
        return controller.difficulty();
    }

    /** The measures of the client's speech in the turn about to be handled (voice sessions). */
    public void voiceMeasures(VoiceMeasures measures) {
        voice = Optional.of(Require.nonNull(measures, "measures"));
    }

    /** The therapist changed the settings during the session: the decision applies them from the next turn. */
    public Decision settingsChanged(ClientSettings changed, int turnIndex) {
        Decision decision = controller.settingsChanged(changed, turnIndex);
        settings = changed;
        return decision;
    }

    /** The easiest values moved inside the therapist's caps and locks: softening never breaks them. */
    @Override
    public Map<String, Double> softened(Map<String, Double> gentlest) {
        Map<String, Double> inside = new LinkedHashMap<>();
        gentlest.forEach((name, value) -> inside.put(name, settings.allowed(name).clamp(value)));
        return Collections.unmodifiableMap(inside);
    }

    @Override
    public Decision afterTurn(TurnRecord turn) {
        TurnAssessment assessment = assessor.assess(turn, voice, controller.behaviour());
        voice = Optional.empty();
        assessed.add(assessment);
        return controller.afterTurn(assessment);
    }

    @Override
    public Ending sessionEnded(List<TurnRecord> turns, SessionSummary summary, boolean completed) {
        SessionAssessment session = SessionAssessment.of(scenario, assessed);
        double end = controller.difficulty();
        model.endSession(session, end);
        List<SessionResult> all = new ArrayList<>(history);
        all.add(SessionResult.of(session, end));
        Decision next = ladder.next(scenario.language(), all, model, settings);
        return new Ending(new SessionScore(session.goalScore(), session.successRate(), session.meanResponseMillis(),
                startDifficulty, end), model.export(), Optional.of(next));
    }

    /** The client model, as this session leaves it. */
    public ClientModel model() {
        return model;
    }
}
