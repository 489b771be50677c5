package no.trinn.agents.adapt;

import java.util.Collections;
import java.util.HashMap;
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
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Range;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.Temperament;

/**
 * Steers one session's difficulty so that the client's smoothed success stays in a target band, always inside the
 * therapist's settings.
 *
 * <p>One knob, {@code difficulty} in [0, 1], sets every behaviour parameter through
 * {@link BehaviourParameters#valuesFor(Character, double)} for the character with the therapist's temperament values
 * ({@link ClientSettings#temperamentOf}) in place of the authored ones (a therapist's value outside the authored
 * range widens the range to it); then each value, {@code difficulty} included, is moved into
 * {@link ClientSettings#allowed(String)}, so caps clamp and locks fix. {@link #behaviour()} never holds a value outside
 * {@code allowed(name)}.
 *
 * <p>After each turn ({@link #afterTurn}): the turn's success updates the {@link ClientModel} on the scenario's scales
 * at the difficulty the turn was played at, and the smoothed success {@code m = a y + (1 - a) m} ({@code a} =
 * {@link ControllerSettings#smoothing()}, {@code m} starting at the band's centre). Inside the band it holds (dead
 * band). Outside it, once at least {@link ControllerSettings#minTurnsBetweenMoves()} turns have passed since the last
 * change, it moves by {@code min(maxStep, gain * distance) * scale} towards the band (harder when above, easier when
 * below), clamped to the allowed difficulty; {@code scale} starts at 1, is multiplied by {@code damping} when the
 * direction reverses (not below {@code minStepScale}) and by {@code recovery}, up to 1, when a change goes the same
 * way as the one before; {@code damping * recovery < 1}, so an oscillation damps out. A locked difficulty never moves. Every turn gives a {@link Decision}, also when holding, with the
 * behaviour values before and after, the inputs ({@code success}, {@code smoothedSuccess}, {@code level},
 * {@code levelSd}, {@code bandLow}, {@code bandHigh}, {@code stepScale}) and a reason a therapist can read.
 *
 * <p>The starting difficulty is the one at which the client model predicts the band's centre on the leading scale
 * ({@link ClientModel#leadingScale}), moved into the allowed difficulty. Mutable and not thread-safe: one session.
 */
public final class DifficultyController {
    private final Scenario scenario;
    private final Character authored;
    private final BehaviourParameters parameters;
    private final ClientModel model;
    private Character character;
    private ClientSettings client;
    private final ControllerSettings settings;
    private final List<String> scales;
    private double difficulty;
    private double smoothed;
    private int turnsSinceMove;
    private int lastDirection;
    private double stepScale = 1;

    private DifficultyController(Scenario scenario, Character character, BehaviourParameters parameters,
            ClientModel model, ClientSettings client, ControllerSettings settings, double difficulty) {
        this.scenario = scenario;
        this.authored = character;
        this.character = withTemperament(scenario, character, client);
        this.parameters = parameters;
        this.model = model;
        this.client = client;
        this.settings = settings;
        this.scales = ClientModel.scales(scenario);
        this.difficulty = client.allowed(BehaviourParameters.DIFFICULTY).clamp(difficulty);
        this.smoothed = settings.bandCentre();
    }

    /**
     * A controller for a session of {@code scenario} with {@code character} speaking, with the standard behaviour
     * parameters, starting at the difficulty the model predicts the band's centre at.
     */
    public static DifficultyController start(Scenario scenario, Character character, ClientModel model,
            ClientSettings client, ControllerSettings settings) {
        return start(scenario, character, BehaviourParameters.standard(), model, client, settings);
    }

    /** As {@link #start(Scenario, Character, ClientModel, ClientSettings, ControllerSettings)} with {@code parameters}. */
    public static DifficultyController start(Scenario scenario, Character character, BehaviourParameters parameters,
            ClientModel model, ClientSettings client, ControllerSettings settings) {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(model, "model");
        Require.nonNull(settings, "settings");
        String scale = model.leadingScale(scenario.tier(), scenario.goal().skill());
        return startAt(scenario, character, parameters, model, client, settings,
                model.difficultyFor(scale, settings.bandCentre()));
    }

    /**
     * A controller starting at {@code difficulty} (in [0, 1], e.g. from {@link LadderPolicy}), moved into the allowed
     * difficulty.
     */
    public static DifficultyController startAt(Scenario scenario, Character character, BehaviourParameters parameters,
            ClientModel model, ClientSettings client, ControllerSettings settings, double difficulty) {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(character, "character");
        Require.nonNull(parameters, "parameters");
        Require.nonNull(model, "model");
        Require.nonNull(client, "client");
        Require.nonNull(settings, "settings");
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        return new DifficultyController(scenario, character, parameters, model, client, settings, difficulty);
    }

    /** The current difficulty, inside {@code allowed("difficulty")}. */
    public double difficulty() {
        return difficulty;
    }

    /** The current smoothed success. */
    public double smoothedSuccess() {
        return smoothed;
    }

    /**
     * The behaviour values now in force: the behaviour parameters, the character's other temperaments and
     * {@value BehaviourParameters#DIFFICULTY}, each inside {@code allowed(name)}; unmodifiable.
     */
    public Map<String, Double> behaviour() {
        Map<String, Double> values = new LinkedHashMap<>(parameters.valuesFor(character, difficulty));
        values.replaceAll((name, v) -> client.allowed(name).clamp(v));
        return Collections.unmodifiableMap(values);
    }

    /**
     * Takes the assessed turn into account and decides whether to change the difficulty; see the class description.
     *
     * @return the decision, scope {@link Decision.Scope#WITHIN_SESSION}, also when it holds
     */
    public Decision afterTurn(TurnAssessment turn) {
        Require.nonNull(turn, "turn");
        double y = turn.success();
        for (String s : scales) {
            model.observe(s, difficulty, y);
        }
        smoothed = settings.smoothing() * y + (1 - settings.smoothing()) * smoothed;
        turnsSinceMove++;
        Map<String, Double> before = behaviour();
        Bounds allowed = client.allowed(BehaviourParameters.DIFFICULTY);
        String band = fmt(settings.bandLow()) + "-" + fmt(settings.bandHigh());
        String success = "success " + fmt(smoothed);
        String reason;
        if (client.locked(BehaviourParameters.DIFFICULTY)) {
            reason = "difficulty locked by the therapist at " + fmt(difficulty) + ": holding (" + success + ")";
        } else if (smoothed >= settings.bandLow() && smoothed <= settings.bandHigh()) {
            reason = success + " inside the band " + band + ": holding";
        } else {
            int direction = smoothed > settings.bandHigh() ? 1 : -1;
            String where = success + (direction > 0 ? " above" : " below") + " the band " + band;
            double distance = direction > 0 ? smoothed - settings.bandHigh() : settings.bandLow() - smoothed;
            if (turnsSinceMove < settings.minTurnsBetweenMoves()) {
                reason = where + ", but the last change was " + turnsSinceMove + " turn"
                        + (turnsSinceMove == 1 ? "" : "s") + " ago: waiting";
            } else {
                double scale = stepScale;
                if (lastDirection != 0 && direction != lastDirection) {
                    scale = Math.max(settings.minStepScale(), scale * settings.damping());
                } else if (direction == lastDirection) {
                    scale = Math.min(1, scale * settings.recovery());
                }
                double step = Math.min(settings.maxStep(), settings.gain() * distance) * scale;
                double target = allowed.clamp(Math.max(0, Math.min(1, difficulty + direction * step)));
                if (target == difficulty) {
                    reason = where + ", but the difficulty is at the therapist's " + (direction > 0 ? "highest" : "lowest")
                            + " allowed " + fmt(difficulty) + ": holding";
                } else {
                    double moved = Math.abs(target - difficulty);
                    difficulty = target;
                    stepScale = scale;
                    lastDirection = direction;
                    turnsSinceMove = 0;
                    reason = where + ": " + (moved < 0.05 ? "a little " : "") + (direction > 0 ? "harder" : "easier")
                            + " (difficulty " + fmt(before.get(BehaviourParameters.DIFFICULTY)) + " to "
                            + fmt(difficulty) + ")";
                }
            }
        }
        LevelEstimate level = model.estimate(model.leadingScale(scenario.tier(), scenario.goal().skill()));
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("success", y);
        inputs.put("smoothedSuccess", smoothed);
        inputs.put("level", level.mean());
        inputs.put("levelSd", level.sd());
        inputs.put("bandLow", settings.bandLow());
        inputs.put("bandHigh", settings.bandHigh());
        inputs.put("stepScale", stepScale);
        return new Decision(Decision.Scope.WITHIN_SESSION, turn.index(), before, behaviour(), inputs, reason,
                Optional.empty());
    }

    /**
     * Applies settings the therapist changed during the session: the temperament values are replaced and the
     * difficulty is moved into the new allowed interval (it is not otherwise changed). The step damping and the
     * smoothed success are kept.
     *
     * @param turnIndex the index of the last client turn (0 when none has been taken yet)
     * @return a decision of scope {@link Decision.Scope#WITHIN_SESSION} with the values before and after
     */
    public Decision settingsChanged(ClientSettings settings, int turnIndex) {
        Require.nonNull(settings, "settings");
        Require.inRange(turnIndex, 0, Integer.MAX_VALUE, "turnIndex");
        Map<String, Double> before = behaviour();
        double was = difficulty;
        client = settings;
        character = withTemperament(scenario, authored, settings);
        difficulty = settings.allowed(BehaviourParameters.DIFFICULTY).clamp(difficulty);
        String reason = "the therapist changed the settings" + (difficulty == was ? ""
                : ": difficulty " + fmt(was) + " to " + fmt(difficulty));
        LevelEstimate level = model.estimate(model.leadingScale(scenario.tier(), scenario.goal().skill()));
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("smoothedSuccess", smoothed);
        inputs.put("level", level.mean());
        inputs.put("levelSd", level.sd());
        return new Decision(Decision.Scope.WITHIN_SESSION, turnIndex, before, behaviour(), inputs, reason,
                Optional.empty());
    }

    private static Character withTemperament(Scenario scenario, Character character, ClientSettings client) {
        Optional<Map<String, Double>> set = client.temperamentOf(scenario.id(), character.id());
        if (set.isEmpty()) {
            return character;
        }
        Map<String, Temperament> temperament = new HashMap<>(character.temperament());
        set.get().forEach((name, value) -> {
            Temperament authored = temperament.get(name);
            Range range = authored == null ? Range.UNIT
                    : new Range(Math.min(authored.range().min(), value), Math.max(authored.range().max(), value));
            temperament.put(name, new Temperament(value, range));
        });
        return new Character(character.id(), character.name(), character.role(), character.persona(),
                character.voice(), temperament);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
