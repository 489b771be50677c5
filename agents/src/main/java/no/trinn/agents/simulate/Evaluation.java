package no.trinn.agents.simulate;

import dev.langchain4j.model.chat.ChatModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import no.trinn.agents.AgentException;
import no.trinn.agents.adapt.AdaptiveCoach;
import no.trinn.agents.adapt.ClientModel;
import no.trinn.agents.adapt.ControllerSettings;
import no.trinn.agents.adapt.LadderPolicy;
import no.trinn.agents.adapt.LadderSettings;
import no.trinn.agents.adapt.SessionResult;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.session.SessionSetup;
import no.trinn.core.Require;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionObserver;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Ladder;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;

/**
 * Validates the adaptive coach against simulated clients of known level ({@code trinn eval}): each client gets a
 * fresh {@link ClientModel}, the given therapist's settings and an empty history, then a number of text sessions in
 * a row. For each session the {@link LadderPolicy} over the standard English ladder picks the scenario and the
 * starting difficulty (its decision's {@code after.difficulty}); an {@link AdaptiveCoach} runs the session through a
 * {@code PracticeSession} ({@link SimulatedSessionRunner}), so the character's behaviour moves turn by turn and the
 * simulated client experiences it; the session's {@link SessionResult} joins the history, and the client learns
 * from it ({@link ClientProfile#practised} at the mean difficulty it experienced). The ladder's decision at the end
 * of a session, published by the session, chooses the next.
 *
 * <p>Deterministic for a given seed whatever the number of threads: every session's client is seeded from the
 * batch's seed, the client's index and the session's number. Clients run in parallel on {@code threads} threads
 * (the engine and the safety check must be thread-safe, as the scripted engine, intent matcher, embedding model
 * and safety check are); one client's sessions run one after another. Thread-safe; each run is independent.
 */
public final class Evaluation {
    /** The ladder's language. */
    public static final String LANGUAGE = "en";
    /** The name of the overall difficulty among behaviour values. */
    public static final String DIFFICULTY = BehaviourParameters.DIFFICULTY;
    private static final String ALIAS = "simulated";

    private final SimulatedSessionRunner runner;
    private final ScenarioLibrary library;
    private final LadderPolicy ladder;
    private final ControllerSettings controller;

    /**
     * An evaluation with the standard controller and ladder settings over the shipped scenarios.
     *
     * @param engine the dialogue engine, e.g. the scripted one; thread-safe if more than one thread is used
     * @param safety the safety check; the same
     */
    public Evaluation(ChatModel engine, SafetyCheck safety) {
        this(new SimulatedSessionRunner(engine, safety), ScenarioLibrary.shipped(), LadderSettings.DEFAULT,
                ControllerSettings.DEFAULT);
    }

    /**
     * An evaluation like {@link #Evaluation(ChatModel, SafetyCheck)} whose clients' words reach each session through
     * {@code channel} (e.g. synthesized speech and a recognizer); the channel must be thread-safe if more than one
     * thread is used.
     */
    public Evaluation(ChatModel engine, SafetyCheck safety, ClientChannel channel) {
        this(new SimulatedSessionRunner(engine, safety, SimulatedSessionRunner.DEFAULT_MAX_TURNS, channel),
                ScenarioLibrary.shipped(), LadderSettings.DEFAULT, ControllerSettings.DEFAULT);
    }

    /**
     * @param runner what runs one session
     * @param library the scenarios; the standard ladder is read over it
     * @param ladderSettings when the ladder moves a client
     * @param controller how the difficulty controller steers
     */
    public Evaluation(SimulatedSessionRunner runner, ScenarioLibrary library, LadderSettings ladderSettings,
            ControllerSettings controller) {
        this.runner = Require.nonNull(runner, "runner");
        this.library = Require.nonNull(library, "library");
        this.controller = Require.nonNull(controller, "controller");
        this.ladder = new LadderPolicy(Ladder.standard(library), Require.nonNull(ladderSettings, "ladderSettings"),
                controller);
    }

    /** Told after every session of the batch: how many sessions are done, of how many. */
    @FunctionalInterface
    public interface Progress {
        /** Called from the thread that ran the session; {@code done} counts up to {@code total}. */
        void sessionDone(int done, int total);
    }

    /**
     * How a batch runs.
     *
     * @param sessions sessions per client, 1 to 1,000
     * @param seed the batch's seed
     * @param settings the therapist's settings every client has
     * @param threads how many clients run at once, 1 to 256
     */
    public record Options(int sessions, long seed, ClientSettings settings, int threads) {
        public Options {
            Require.inRange(sessions, 1, 1_000, "sessions");
            Require.nonNull(settings, "settings");
            Require.inRange(threads, 1, 256, "threads");
        }
    }

    /** {@code count} random clients drawn with {@code seed} ({@link ClientProfile#population}). */
    public static List<ClientProfile> population(long seed, int count) {
        return ClientProfile.population(new SplittableRandom(seed), count);
    }

    /**
     * {@code count} clients taken from the shipped archetypes in turn: the first round under their own names, later
     * rounds as {@code NAME#2}, {@code NAME#3}, ... (same profile; every client's sessions are seeded differently).
     */
    public static List<ClientProfile> archetypes(int count) {
        Require.inRange(count, 1, 100_000, "count");
        List<ClientProfile> types = ClientProfile.archetypes();
        List<ClientProfile> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ClientProfile p = types.get(i % types.size());
            int round = i / types.size() + 1;
            out.add(round == 1 ? p : new ClientProfile(p.name() + "#" + round, p.levels(), p.style(),
                    p.sensitivity(), p.learningRate()));
        }
        return List.copyOf(out);
    }

    /**
     * Runs the batch: every client in {@code clients} through {@code options.sessions()} sessions.
     *
     * @throws AgentException if a session fails
     */
    public EvaluationReport run(List<ClientProfile> clients, Options options, Progress progress) {
        Require.nonEmpty(clients, "clients");
        Require.nonNull(options, "options");
        Require.nonNull(progress, "progress");
        int total = clients.size() * options.sessions();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<EvaluatedClient> results = new ArrayList<>();
        int threads = Math.min(options.threads(), clients.size());
        if (threads == 1) {
            for (int i = 0; i < clients.size(); i++) {
                results.add(client(i, clients.get(i), options, () -> progress.sessionDone(done.incrementAndGet(),
                        total)));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "trinn-eval");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<EvaluatedClient>> futures = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    int index = i;
                    futures.add(pool.submit(() -> client(index, clients.get(index), options,
                            () -> progress.sessionDone(done.incrementAndGet(), total))));
                }
                for (Future<EvaluatedClient> f : futures) {
                    results.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentException("the evaluation was interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new AgentException("a simulated session failed: " + cause, cause);
            } finally {
                pool.shutdownNow();
            }
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        return new EvaluationReport(results, options.sessions(), controller.bandLow(), controller.bandHigh(), wall,
                threads);
    }

    /** One client's sessions. */
    private EvaluatedClient client(int index, ClientProfile startedAs, Options options, Runnable sessionDone) {
        ClientSettings settings = options.settings();
        ClientModel model = ClientModel.fresh();
        List<SessionResult> history = new ArrayList<>();
        ClientProfile profile = startedAs;
        Decision next = ladder.next(LANGUAGE, history, model, settings);
        List<EvaluatedSession> sessions = new ArrayList<>();
        for (int number = 1; number <= options.sessions(); number++) {
            Scenario scenario = library.require(next.nextScenario().orElseThrow(() -> new AgentException(
                    "the ladder chose no scenario")));
            int rung = (int) Math.round(next.inputs().getOrDefault("nextRung", 0.0)) + 1;
            double startAt = next.after().get(DIFFICULTY);
            AdaptiveCoach coach = AdaptiveCoach.start(scenario, model, settings, history, Optional.of(startAt),
                    ladder, controller);
            String id = String.format(Locale.ROOT, "eval-%s-%03d", startedAs.name().replaceAll("[^A-Za-z0-9-]", "-"),
                    number);
            SessionSetup setup = new SessionSetup(id, scenario, ALIAS, coach.difficulty(), coach.behaviour());
            List<Decision> decisions = new ArrayList<>();
            List<SessionScore> scores = new ArrayList<>();
            SessionObserver observer = event -> {
                if (event instanceof SessionEvent.Decided d) {
                    decisions.add(d.decision());
                } else if (event instanceof SessionEvent.Assessed a) {
                    scores.add(a.score());
                }
            };
            SimulatedClient client = new SimulatedClient(profile, seed(options.seed(), index, number));
            SimulatedSession played = runner.run(setup, client, Optional.of(coach), List.of(observer));
            SessionScore score = scores.stream().reduce((a, b) -> b).orElseThrow(() -> new AgentException(
                    "session " + id + " published no assessment"));
            history.add(new SessionResult(scenario.id(), score.endDifficulty(), score.goalScore(),
                    played.goalMet()));
            LevelEstimate estimate = model.estimate(LevelEstimate.tier(scenario.tier()));
            sessions.add(new EvaluatedSession(startedAs.name(), number, profile.levels(), scenario.id(),
                    scenario.tier(), rung, setup.difficulty(), score.endDifficulty(), score.goalScore(),
                    played.completed(), played.goalMet(), estimate.mean(), estimate.sd(),
                    turns(played, setup.difficulty(), decisions), decisions));
            int tier = scenario.tier();
            ClientProfile before = profile;
            profile = played.meanExperiencedDifficulty().map(d -> before.practised(tier, d)).orElse(before);
            next = decisions.stream().filter(d -> d.scope() == Decision.Scope.BETWEEN_SESSIONS)
                    .reduce((a, b) -> b).orElseThrow(() -> new AgentException("session " + id
                            + " published no decision for the next session"));
            sessionDone.run();
        }
        int reached = (int) Math.round(next.inputs().getOrDefault("nextRung", 0.0)) + 1;
        return new EvaluatedClient(startedAs, profile.levels(), sessions, reached);
    }

    /** The turns of a played session, with the controller's difficulty and smoothed success of each. */
    private static List<EvaluatedTurn> turns(SimulatedSession played, double startDifficulty,
            List<Decision> decisions) {
        Map<Integer, Decision> byTurn = new HashMap<>();
        decisions.stream().filter(d -> d.scope() == Decision.Scope.WITHIN_SESSION)
                .forEach(d -> byTurn.put(d.turnIndex(), d));
        List<EvaluatedTurn> out = new ArrayList<>();
        double difficulty = startDifficulty;
        for (int i = 0; i < played.clientTurns().size(); i++) {
            SimulatedClient.Turn t = played.clientTurns().get(i);
            Decision d = byTurn.get(i);
            Optional<Double> smoothed = Optional.empty();
            if (d != null) {
                difficulty = d.before().getOrDefault(DIFFICULTY, difficulty);
                smoothed = Optional.ofNullable(d.inputs().get("smoothedSuccess"));
            }
            out.add(new EvaluatedTurn(i, difficulty, t.experiencedDifficulty(), t.successProbability(), smoothed));
            if (d != null) {
                difficulty = d.after().getOrDefault(DIFFICULTY, difficulty);
            }
        }
        return out;
    }

    /** The seed of client {@code index}'s session {@code number} in a batch seeded {@code seed}. */
    static long seed(long seed, int index, int number) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1L)) ^ (0xC2B2AE3D27D4EB4FL * number))
                .nextLong();
    }
}
