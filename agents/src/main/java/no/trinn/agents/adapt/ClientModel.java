package no.trinn.agents.adapt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import no.trinn.core.Require;
import no.trinn.core.session.LevelEstimate;
import no.trinn.scenarios.Scenario;

/**
 * A Bayesian estimate of one client's level per scale ({@code tier1}..{@code tier4}, {@code skill:NAME}) on the
 * difficulty scale [0, 1], kept as a posterior over a grid of {@value #GRID} points (0, 0.01, ..., 1).
 *
 * <p>Likelihood: a client at level {@code L} succeeds at difficulty {@code d} with probability
 * {@code P(L, d) = logistic((L - d) / s)}, {@code s} = {@value #SLOPE}. A turn's success {@code y} in [0, 1] is a
 * fractional Bernoulli observation: the posterior is multiplied by {@code P^y (1 - P)^(1 - y)} (raised to a weight,
 * 1 per turn, {@value #SESSION_WEIGHT} for a session's goal score). Between sessions {@link #betweenSessions()}
 * adds process noise: the posterior is convolved with a Gaussian of sd {@value #PROCESS_SD} (kept inside [0, 1]), so
 * the estimate's variance grows and it can follow a client who learns (or loses ground).
 *
 * <p>Priors: a scale never seen starts as a Gaussian (truncated to [0, 1]) with sd {@value #PRIOR_SD} and mean 0.3 for
 * tier 1, 0.25 for tier 2, 0.2 for tier 3, 0.15 for tier 4 and 0.2 for a skill: wide, and low, because the easiest
 * level must be very easy for a new client; a few turns move it. A tier never seen by a client who has been seen on a
 * lower tier starts instead from the highest such tier's estimate, {@value #TIER_STEP} lower (each tier is harder)
 * and with an sd of at least {@value #CARRIED_SD}: what a client managed on tier 1 says something about tier 2.
 * {@link #restore(Collection)} starts each stored scale from a Gaussian with the stored mean and sd.
 *
 * <p>Mutable and not thread-safe: one client's sessions, one at a time.
 */
public final class ClientModel {
    /** Number of grid points. */
    public static final int GRID = 101;
    /** Steepness {@code s} of the logistic success curve, in difficulty units. */
    public static final double SLOPE = 0.1;
    /** Sd of a new client's prior. */
    public static final double PRIOR_SD = 0.25;
    /** Sd of the process noise added between sessions. */
    public static final double PROCESS_SD = 0.07;
    /** How many turns a session's goal score counts as. */
    public static final double SESSION_WEIGHT = 2.0;
    /** How much lower a tier's carried-over prior lies than the estimate of the tier below it. */
    public static final double TIER_STEP = 0.1;
    /** The smallest sd of a carried-over prior. */
    public static final double CARRIED_SD = 0.2;
    /** The smallest sd an exported estimate reports (a grid cannot resolve less). */
    static final double MIN_SD = 0.005;

    private static final double[] X = new double[GRID];

    static {
        for (int i = 0; i < GRID; i++) {
            X[i] = i / (double) (GRID - 1);
        }
    }

    private final Map<String, double[]> logPosterior = new HashMap<>();
    private final Map<String, Integer> observations = new HashMap<>();

    private ClientModel() {
    }

    /** A model of a new client: every scale at its prior. */
    public static ClientModel fresh() {
        return new ClientModel();
    }

    /**
     * A model continuing from stored estimates: each scale's posterior is a Gaussian with the stored mean and sd,
     * truncated to [0, 1]; scales not given start at their prior. A scale given twice: the last wins.
     */
    public static ClientModel restore(Collection<LevelEstimate> estimates) {
        Require.nonNull(estimates, "estimates");
        ClientModel model = new ClientModel();
        for (LevelEstimate e : estimates) {
            Require.nonNull(e, "estimates item");
            model.logPosterior.put(e.scale(), matching(e.mean(), e.sd()));
            model.observations.put(e.scale(), e.observations());
        }
        return model;
    }

    /** The prior of a scale never seen; see the class description. */
    public static LevelEstimate prior(String scale) {
        return new LevelEstimate(scale, priorMean(scale), PRIOR_SD, 0);
    }

    /** The scales a session of {@code scenario} informs: its tier and, when its goal names one, its skill. */
    public static List<String> scales(Scenario scenario) {
        Require.nonNull(scenario, "scenario");
        return scales(scenario.tier(), scenario.goal().skill());
    }

    /** The scales of a scenario of {@code tier} (1..4) whose goal names {@code skill}, tier first. */
    public static List<String> scales(int tier, Optional<String> skill) {
        Require.nonNull(skill, "skill");
        List<String> out = new ArrayList<>();
        out.add(LevelEstimate.tier(tier));
        skill.ifPresent(k -> out.add("skill:" + k));
        return List.copyOf(out);
    }

    /**
     * The scale that sets the difficulty of a scenario of {@code tier} naming {@code skill}: the skill's scale once
     * it has observations (it is the more specific), else the tier's.
     */
    public String leadingScale(int tier, Optional<String> skill) {
        List<String> scales = scales(tier, skill);
        if (scales.size() > 1 && observations.getOrDefault(scales.get(1), 0) > 0) {
            return scales.get(1);
        }
        return scales.getFirst();
    }

    /** The probability that a client at {@code level} succeeds at {@code difficulty}: the logistic model. */
    public static double successProbability(double level, double difficulty) {
        return 1 / (1 + Math.exp(-(level - difficulty) / SLOPE));
    }

    /**
     * Takes one turn into account: success {@code success} in [0, 1] at {@code difficulty} in [0, 1], weight 1.
     *
     * @throws IllegalArgumentException if a value is outside its range or not a number, or the scale is malformed
     */
    public void observe(String scale, double difficulty, double success) {
        update(scale, difficulty, success, 1.0);
        observations.merge(scale, 1, Integer::sum);
    }

    /**
     * Takes a session's goal score (in [0, 1]) at its difficulty into account on each of {@code scales}, with weight
     * {@value #SESSION_WEIGHT}; it does not count as a turn.
     */
    public void observeSession(List<String> scales, double difficulty, double goalScore) {
        Require.nonNull(scales, "scales");
        scales.forEach(s -> update(s, difficulty, goalScore, SESSION_WEIGHT));
    }

    /**
     * Closes a session: its goal score at the difficulty it ended at counts on each of its scales
     * ({@link #observeSession}), then process noise is added for the time until the next ({@link #betweenSessions()}).
     */
    public void endSession(SessionAssessment session, double difficulty) {
        Require.nonNull(session, "session");
        observeSession(session.scales(), difficulty, session.goalScore());
        betweenSessions();
    }

    /** Adds process noise to every scale seen, for the time between two sessions; see the class description. */
    public void betweenSessions() {
        double[] kernel = new double[2 * GRID - 1];
        for (int k = 0; k < kernel.length; k++) {
            double dx = (k - (GRID - 1)) / (double) (GRID - 1);
            kernel[k] = Math.exp(-dx * dx / (2 * PROCESS_SD * PROCESS_SD));
        }
        for (Map.Entry<String, double[]> e : logPosterior.entrySet()) {
            double[] p = probabilities(e.getValue());
            double[] out = new double[GRID];
            for (int i = 0; i < GRID; i++) {
                double norm = 0;
                for (int j = 0; j < GRID; j++) {
                    norm += kernel[j - i + GRID - 1];
                }
                for (int j = 0; j < GRID; j++) {
                    out[j] += p[i] * kernel[j - i + GRID - 1] / norm;
                }
            }
            double[] log = new double[GRID];
            for (int j = 0; j < GRID; j++) {
                log[j] = Math.log(Math.max(out[j], Double.MIN_NORMAL));
            }
            e.setValue(normalised(log));
        }
    }

    /** The estimate of {@code scale}: posterior mean and sd, and the turns observed. */
    public LevelEstimate estimate(String scale) {
        double[] log = logPosterior.get(validScale(scale));
        if (log == null) {
            Optional<LevelEstimate> carried = carriedPrior(scale);
            return carried.isPresent() ? carried.get() : prior(scale);
        }
        double[] p = probabilities(log);
        double mean = 0;
        for (int i = 0; i < GRID; i++) {
            mean += p[i] * X[i];
        }
        double var = 0;
        for (int i = 0; i < GRID; i++) {
            var += p[i] * (X[i] - mean) * (X[i] - mean);
        }
        double sd = Math.min(1.0, Math.max(MIN_SD, Math.sqrt(var)));
        return new LevelEstimate(scale, Math.max(0, Math.min(1, mean)), sd, observations.getOrDefault(scale, 0));
    }

    /** The estimates of every scale observed or restored, by scale name. */
    public List<LevelEstimate> export() {
        List<LevelEstimate> out = new ArrayList<>();
        new TreeMap<>(logPosterior).keySet().forEach(s -> out.add(estimate(s)));
        return List.copyOf(out);
    }

    /** The expected success at {@code difficulty} under the posterior of {@code scale}. */
    public double predictedSuccess(String scale, double difficulty) {
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        double[] p = probabilities(posterior(scale));
        double s = 0;
        for (int i = 0; i < GRID; i++) {
            s += p[i] * successProbability(X[i], difficulty);
        }
        return s;
    }

    /**
     * The difficulty in [0, 1] at which the predicted success on {@code scale} is {@code target} (in (0, 1)); 0 when
     * even difficulty 0 predicts less, 1 when even difficulty 1 predicts more. Predicted success falls as
     * difficulty rises, so bisection finds it (to 1e-6).
     */
    public double difficultyFor(String scale, double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must lie in (0, 1), was " + target);
        }
        if (predictedSuccess(scale, 0) <= target) {
            return 0;
        }
        if (predictedSuccess(scale, 1) >= target) {
            return 1;
        }
        double lo = 0;
        double hi = 1;
        while (hi - lo > 1e-6) {
            double mid = (lo + hi) / 2;
            if (predictedSuccess(scale, mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private void update(String scale, double difficulty, double success, double weight) {
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        Require.inRange(success, 0.0, 1.0, "success");
        double[] log = posterior(scale).clone();
        for (int i = 0; i < GRID; i++) {
            double z = (X[i] - difficulty) / SLOPE;
            // log P = -log(1 + e^-z), log(1 - P) = -log(1 + e^z), both computed without overflow
            log[i] += weight * (success * -softplus(-z) + (1 - success) * -softplus(z));
        }
        logPosterior.put(scale, normalised(log));
    }

    private double[] posterior(String scale) {
        return logPosterior.computeIfAbsent(validScale(scale), s -> carriedPrior(s)
                .map(e -> gaussian(e.mean(), e.sd())).orElseGet(() -> gaussian(priorMean(s), PRIOR_SD)));
    }

    /** For a tier above 1 not yet seen: the prior carried over from the highest lower tier seen, if any. */
    private Optional<LevelEstimate> carriedPrior(String scale) {
        if (!scale.startsWith("tier")) {
            return Optional.empty();
        }
        int tier = scale.charAt(4) - '0';
        for (int lower = tier - 1; lower >= 1; lower--) {
            String below = LevelEstimate.tier(lower);
            if (logPosterior.containsKey(below)) {
                LevelEstimate e = estimate(below);
                return Optional.of(new LevelEstimate(scale, Math.max(0, e.mean() - TIER_STEP * (tier - lower)),
                        Math.max(CARRIED_SD, e.sd()), 0));
            }
        }
        return Optional.empty();
    }

    private static String validScale(String scale) {
        new LevelEstimate(scale, 0.5, 0.5, 0);
        return scale;
    }

    private static double priorMean(String scale) {
        validScale(scale);
        return switch (scale) {
            case "tier1" -> 0.3;
            case "tier2" -> 0.25;
            case "tier3" -> 0.2;
            case "tier4" -> 0.15;
            default -> 0.2;
        };
    }

    private static double softplus(double v) {
        return v > 30 ? v : Math.log1p(Math.exp(v));
    }

    /**
     * A Gaussian on the grid whose moments (after truncation to [0, 1]) come as close as they can to {@code mean} and
     * {@code sd}: the Gaussian's own parameters are corrected by the moments' errors a few dozen times.
     */
    private static double[] matching(double mean, double sd) {
        double m = mean;
        double s = sd;
        double[] log = gaussian(m, s);
        for (int i = 0; i < 60; i++) {
            double[] p = probabilities(log);
            double gotMean = 0;
            for (int j = 0; j < GRID; j++) {
                gotMean += p[j] * X[j];
            }
            double var = 0;
            for (int j = 0; j < GRID; j++) {
                var += p[j] * (X[j] - gotMean) * (X[j] - gotMean);
            }
            double gotSd = Math.sqrt(var);
            if (Math.abs(gotMean - mean) < 1e-4 && Math.abs(gotSd - sd) < 1e-4) {
                break;
            }
            m = Math.max(-1, Math.min(2, m + (mean - gotMean)));
            s = Math.max(0.002, Math.min(2, s * (gotSd > 0 ? sd / gotSd : 2)));
            log = gaussian(m, s);
        }
        return log;
    }

    private static double[] gaussian(double mean, double sd) {
        double[] log = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            double d = (X[i] - mean) / sd;
            log[i] = -0.5 * d * d;
        }
        return normalised(log);
    }

    /** Shifts log values so their largest is 0 (the posterior's normalisation is applied when read). */
    private static double[] normalised(double[] log) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double[] out = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            out[i] = log[i] - max;
        }
        return out;
    }

    private static double[] probabilities(double[] log) {
        double[] p = new double[GRID];
        double sum = 0;
        for (int i = 0; i < GRID; i++) {
            p[i] = Math.exp(log[i]);
            sum += p[i];
        }
        for (int i = 0; i < GRID; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
