package no.trinn.app.practice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.agents.adapt.AdaptiveCoach;
import no.trinn.agents.adapt.ClientModel;
import no.trinn.agents.adapt.ControllerSettings;
import no.trinn.agents.adapt.LadderPolicy;
import no.trinn.agents.adapt.LadderSettings;
import no.trinn.agents.adapt.SessionResult;
import no.trinn.core.Require;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SessionEvent;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Ladder;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;

/**
 * How the command line sets up the adaptation of a client's session from the session store: the client model from
 * the stored level estimates, the therapist's settings, the assessed sessions as history, and the starting
 * difficulty the ladder chose after the client's last session.
 */
public final class Coaching {
    private final SessionStore store;
    private final ScenarioLibrary library;
    private final String alias;
    private final ControllerSettings controller;
    private final Optional<Double> maxDifficulty;

    /**
     * Coaching of the client {@code alias}, whose records are in {@code store}, by a controller with
     * {@code controller}'s settings, never above {@code maxDifficulty} (the home folder's cap for every client).
     */
    public Coaching(SessionStore store, ScenarioLibrary library, String alias, ControllerSettings controller,
            Optional<Double> maxDifficulty) {
        this.store = Require.nonNull(store, "store");
        this.library = Require.nonNull(library, "library");
        this.alias = Require.nonBlank(alias, "alias");
        this.controller = Require.nonNull(controller, "controller");
        this.maxDifficulty = Require.nonNull(maxDifficulty, "maxDifficulty");
    }

    /** The therapist's settings for the client, narrowed by the home folder's difficulty cap. */
    public ClientSettings settings() {
        return narrowed(store.settings(alias));
    }

    /**
     * {@code saved} (settings as a therapist saved them, e.g. sent to a running session) as a session of this
     * client uses them: narrowed by the home folder's difficulty cap, and with the difficulty locked at
     * {@code fixed} when given.
     */
    public ClientSettings effective(ClientSettings saved, Optional<Double> fixed) {
        Require.nonNull(fixed, "fixed");
        ClientSettings settings = narrowed(Require.nonNull(saved, "saved"));
        if (fixed.isEmpty()) {
            return settings;
        }
        Map<String, Double> locks = new LinkedHashMap<>(settings.locks());
        locks.put(BehaviourParameters.DIFFICULTY, fixed.get());
        return new ClientSettings(settings.caps(), locks, settings.temperament(), settings.assigned());
    }

    private ClientSettings narrowed(ClientSettings settings) {
        if (maxDifficulty.isEmpty()) {
            return settings;
        }
        Map<String, Bounds> caps = new LinkedHashMap<>(settings.caps());
        Bounds own = caps.getOrDefault(BehaviourParameters.DIFFICULTY, Bounds.FULL);
        double max = maxDifficulty.get();
        caps.put(BehaviourParameters.DIFFICULTY, new Bounds(Math.min(own.min(), max), Math.min(own.max(), max)));
        return new ClientSettings(caps, settings.locks(), settings.temperament(), settings.assigned());
    }

    /** The ladder's decision after the client's latest session that has one (the next scenario, its difficulty). */
    public Optional<Decision> lastLadderDecision() {
        for (no.trinn.store.SessionResult r : store.results(alias)) {
            List<SessionEvent.Decided> decided = store.decisions(r.id());
            for (int i = decided.size() - 1; i >= 0; i--) {
                Decision d = decided.get(i).decision();
                if (d.scope() == Decision.Scope.BETWEEN_SESSIONS) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The scenario the client should practise next in {@code language}: the one the ladder chose after the latest
     * session, else the first rung (or the first scenario the therapist assigned).
     */
    public Scenario nextScenario(String language) {
        Optional<String> chosen = lastLadderDecision().flatMap(Decision::nextScenario);
        if (chosen.isPresent() && library.find(chosen.get()).isPresent()) {
            return library.require(chosen.get());
        }
        Decision first = policy().next(language, List.of(), ClientModel.fresh(), settings());
        return library.require(first.nextScenario().orElseThrow());
    }

    /**
     * The adaptation of a session of {@code scenario}. With {@code fixed} the difficulty is locked there for this
     * session (the session is still assessed and the client model updated); otherwise it starts where the ladder
     * said after the last session, if that named this scenario, else where the client model predicts the band's
     * centre, and the controller moves it.
     */
    public AdaptiveCoach coach(Scenario scenario, Optional<Double> fixed) {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(fixed, "fixed");
        ClientSettings settings = effective(store.settings(alias), fixed);
        Optional<Double> start = fixed.isPresent() ? fixed : lastLadderDecision()
                .filter(d -> d.nextScenario().equals(Optional.of(scenario.id())))
                .flatMap(d -> Optional.ofNullable(d.after().get(BehaviourParameters.DIFFICULTY)));
        return AdaptiveCoach.start(scenario, ClientModel.restore(store.levels(alias)), settings, history(), start,
                policy(), controller);
    }

    /** The client's assessed sessions, oldest first, as the ladder reads them. */
    private List<SessionResult> history() {
        List<SessionResult> history = new ArrayList<>();
        for (no.trinn.store.SessionResult r : store.results(alias).reversed()) {
            r.score().ifPresent(s -> history.add(new SessionResult(r.scenarioId(), s.endDifficulty(), s.goalScore(),
                    r.goalMet())));
        }
        return history;
    }

    private LadderPolicy policy() {
        return new LadderPolicy(Ladder.standard(library), LadderSettings.DEFAULT, controller);
    }
}
