package no.trinn.agents.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import no.trinn.agents.dialogue.CommonPhrases;
import no.trinn.agents.dialogue.Text;
import no.trinn.core.Require;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;

/**
 * A simulated client playing one session in text, with a hidden level of known value ({@link ClientProfile}).
 *
 * <p>Each turn, the client first works out the difficulty it experiences from the character's current behaviour
 * values ({@link #experiencedDifficulty}), then succeeds with probability
 * {@code p = GUESS + (1 - GUESS - LAPSE) * Phi((level + form - experienced) / SPREAD)}, a probit with a floor and a
 * ceiling (deliberately not the controller's logistic), where {@code form} is this session's day-to-day offset. A
 * successful turn says an example of the current state's intent that leads furthest toward the goal; a failed turn is
 * a wrong but on-topic answer (an example from another state), an off-topic remark, a repair request or silence, in
 * the proportions of the client's style. Hesitation ("um, ...") and verbosity (filler words) decorate the words; the
 * delay is log-normal around the style's mean and grows with the challenge. Every word comes from the scenario or
 * the language's data files. Deterministic for a given seed; not thread-safe; one instance per session.
 */
public final class SimulatedClient {
    /** Chance of a lucky success however hard the turn. */
    public static final double GUESS = 0.03;
    /** Chance of a slip however easy the turn. */
    public static final double LAPSE = 0.03;
    /** Spread of the probit: how sharply success falls as experienced difficulty passes the level. */
    public static final double SPREAD = 0.12;
    /** Standard deviation of the per-session form offset. */
    public static final double FORM_SD = 0.04;
    /** Weight of each standard behaviour parameter the sensitivities do not name (e.g. interruptions). */
    public static final double OTHER_WEIGHT = 0.3;
    private static final Set<String> WEIGHED = Set.of("complexity", "pressure", "warmth", "patience", "speechRate");
    private static final int MAX_PLAN_DEPTH = 14;
    private static final int LONG_LINE_WORDS = 25;

    private final ClientProfile profile;
    private final SplittableRandom rng;
    private final double form;

    /**
     * @param profile who the client is
     * @param seed the seed of every random choice of this session
     */
    public SimulatedClient(ClientProfile profile, long seed) {
        this.profile = Require.nonNull(profile, "profile");
        this.rng = new SplittableRandom(seed);
        this.form = rng.nextGaussian() * FORM_SD;
    }

    /** What a failed or successful turn is. */
    public enum Kind {
        /** An example of an intent that leads on toward the goal. */
        SUCCESS,
        /** A wrong but on-topic answer: an example from another state's intent. */
        ERROR,
        /** A remark off the topic. */
        OFF_TOPIC,
        /** A request to hear the line again. */
        REPAIR,
        /** Saying nothing. */
        SILENCE
    }

    /**
     * One client turn.
     *
     * @param text what the client says; empty for silence
     * @param delayMillis how long the client takes to answer after the character's line
     * @param kind what the turn is
     * @param line the data line the text was made from, without hesitation or filler; empty for silence
     * @param intent the intent a successful turn aimed at; empty otherwise
     * @param experiencedDifficulty the difficulty the client experienced, in [0, 1]
     * @param successProbability the chance of success the turn was drawn with, in [0, 1]
     */
    public record Turn(String text, long delayMillis, Kind kind, String line, Optional<String> intent,
            double experiencedDifficulty, double successProbability) {
        public Turn {
            Require.nonNull(text, "text");
            Require.inRange(delayMillis, 0, Long.MAX_VALUE, "delayMillis");
            Require.nonNull(kind, "kind");
            Require.nonNull(line, "line");
            Require.nonNull(intent, "intent");
            Require.inRange(experiencedDifficulty, 0, 1, "experiencedDifficulty");
            Require.inRange(successProbability, 0, 1, "successProbability");
        }
    }

    /** Who the client is. */
    public ClientProfile profile() {
        return profile;
    }

    /** This session's form: an offset to every level, drawn once with sd {@value #FORM_SD}. */
    public double form() {
        return form;
    }

    /**
     * The client's next turn.
     *
     * @param scenario the scenario being played
     * @param stateId the state the session is in
     * @param behaviour the character's behaviour values now (warmth, patience, complexity, pressure, speechRate,
     *     difficulty, ...); missing parameters count as hard as {@code difficulty}, or 0.5 without it
     * @param lastLine the character's last words; may be empty
     * @param stepsReached goal steps the session has already reached
     */
    public Turn next(Scenario scenario, String stateId, Map<String, Double> behaviour, String lastLine,
            Set<String> stepsReached) {
        Require.nonNull(scenario, "scenario");
        State state = scenario.state(Require.nonNull(stateId, "stateId")).orElseThrow(() ->
                new IllegalArgumentException("stateId: scenario " + scenario.id() + " has no state '" + stateId + "'"));
        Require.nonNull(behaviour, "behaviour");
        Require.nonNull(lastLine, "lastLine");
        Require.nonNull(stepsReached, "stepsReached");
        double experienced = experiencedDifficulty(behaviour);
        double p = successProbability(scenario.tier(), experienced);
        double gap = experienced - profile.level(scenario.tier()) - form;
        ClientWords words = SimulationData.words(scenario.language());
        boolean hesitant = rng.nextDouble() < Math.min(1, profile.style().hesitationRate() * 2 * phi(gap / 0.2));
        long delay = delay(gap, hesitant);

        Optional<Intent> aim = state.intents().isEmpty() ? Optional.empty() : Optional.of(aim(scenario, state,
                stepsReached));
        if (aim.isPresent() && rng.nextDouble() < p) {
            String line = pick(aim.get().examples());
            return new Turn(decorate(line, hesitant, true, words), delay, Kind.SUCCESS, line,
                    Optional.of(aim.get().id()), experienced, p);
        }
        Kind kind = failure(behaviour, lastLine);
        String line = switch (kind) {
            case ERROR -> wrongAnswer(scenario, state).orElseGet(() -> pick(words.offTopic()));
            case OFF_TOPIC -> pick(words.offTopic());
            case REPAIR -> pick(CommonPhrases.forLanguage(scenario.language()).repair());
            default -> "";
        };
        if (kind == Kind.ERROR && words.offTopic().contains(line)) {
            kind = Kind.OFF_TOPIC;
        }
        return switch (kind) {
            case SILENCE -> new Turn("", delay + 4000 + rng.nextLong(4000), kind, "", Optional.empty(),
                    experienced, p);
            case REPAIR -> new Turn(decorate(line, hesitant, false, words), Math.max(300, delay * 6 / 10), kind,
                    line, Optional.empty(), experienced, p);
            default -> new Turn(decorate(line, hesitant, true, words), delay, kind, line, Optional.empty(),
                    experienced, p);
        };
    }

    /**
     * The difficulty this client experiences with a character behaving as {@code behaviour}: each behaviour
     * parameter's hardness {@code h = (value - easy) / (hard - easy)}, clamped to [0, 1] (so a standard character at
     * difficulty {@code d} has every {@code h = d}), averaged with the client's sensitivities as weights: complexity,
     * pressure, coldness (low warmth), impatience (low patience), speech rate, and {@value #OTHER_WEIGHT} for each
     * other standard parameter present in {@code behaviour}. A standard character at difficulty
     * {@code d} is therefore experienced as {@code d}; a character whose temperament is warmer or more patient than
     * standard is experienced as easier, the more so the more the client minds coldness.
     */
    public double experiencedDifficulty(Map<String, Double> behaviour) {
        Require.nonNull(behaviour, "behaviour");
        ClientProfile.Sensitivity s = profile.sensitivity();
        double sum = s.complexity() * hardness("complexity", behaviour)
                + s.pressure() * hardness("pressure", behaviour)
                + s.coldness() * hardness("warmth", behaviour)
                + s.impatience() * hardness("patience", behaviour)
                + s.speechRate() * hardness("speechRate", behaviour);
        double weights = s.complexity() + s.pressure() + s.coldness() + s.impatience() + s.speechRate();
        for (BehaviourParameters.Parameter other : BehaviourParameters.standard().parameters()) {
            if (!WEIGHED.contains(other.name()) && behaviour.containsKey(other.name())) {
                sum += OTHER_WEIGHT * hardness(other.name(), behaviour);
                weights += OTHER_WEIGHT;
            }
        }
        return Math.clamp(sum / weights, 0.0, 1.0);
    }

    /**
     * The chance of a successful turn in a scenario of {@code tier} at {@code experienced} difficulty, this
     * session's form included: {@code GUESS + (1 - GUESS - LAPSE) * Phi((level + form - experienced) / SPREAD)}.
     */
    public double successProbability(int tier, double experienced) {
        double z = (profile.level(tier) + form - Require.inRange(experienced, 0, 1, "experienced")) / SPREAD;
        return GUESS + (1 - GUESS - LAPSE) * phi(z);
    }

    /** How hard {@code name}'s value is, 0 (its easy value) to 1 (its hard value). */
    static double hardness(String name, Map<String, Double> behaviour) {
        Double value = behaviour.get(name);
        Optional<BehaviourParameters.Parameter> p = BehaviourParameters.standard().parameter(name);
        if (value == null || p.isEmpty() || p.get().hard() == p.get().easy()) {
            Double d = behaviour.get(BehaviourParameters.DIFFICULTY);
            return d == null ? 0.5 : Math.clamp(d, 0.0, 1.0);
        }
        return Math.clamp((value - p.get().easy()) / (p.get().hard() - p.get().easy()), 0.0, 1.0);
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26; error below 1.5e-7). */
    static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    private long delay(double gap, boolean hesitant) {
        ClientProfile.Style style = profile.style();
        double mean = style.meanResponseMillis();
        double sd = style.sdResponseMillis();
        double sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
        double mu = Math.log(mean) - sigma2 / 2;
        double base = Math.exp(mu + Math.sqrt(sigma2) * rng.nextGaussian());
        double slowdown = Math.clamp(Math.exp(0.8 * gap), 0.6, 2.5);
        double extra = hesitant ? 1500 + rng.nextDouble() * 2500 : 0;
        return Math.round(base * slowdown + extra);
    }

    private Kind failure(Map<String, Double> behaviour, String lastLine) {
        ClientProfile.Style style = profile.style();
        double repair = style.repairRate() * (1 + 2 * hardness("speechRate", behaviour))
                * (Text.wordCount(lastLine) > LONG_LINE_WORDS ? 1.5 : 1);
        double[] w = {style.errorRate(), style.offTopicRate(), style.silenceRate(), repair};
        double total = w[0] + w[1] + w[2] + w[3];
        if (total <= 0) {
            return Kind.ERROR;
        }
        double r = rng.nextDouble() * total;
        Kind[] kinds = {Kind.ERROR, Kind.OFF_TOPIC, Kind.SILENCE, Kind.REPAIR};
        for (int i = 0; i < 4; i++) {
            r -= w[i];
            if (r < 0) {
                return kinds[i];
            }
        }
        return Kind.REPAIR;
    }

    /** An example of another state's intent that no intent of {@code state} has among its examples. */
    private Optional<String> wrongAnswer(Scenario scenario, State state) {
        Set<String> here = new HashSet<>();
        state.intents().forEach(i -> i.examples().forEach(e -> here.add(Text.normalise(e))));
        List<String> elsewhere = new ArrayList<>();
        for (State other : scenario.states()) {
            if (!other.id().equals(state.id())) {
                other.intents().forEach(i -> i.examples().stream().filter(e -> !here.contains(Text.normalise(e)))
                        .forEach(elsewhere::add));
            }
        }
        return elsewhere.isEmpty() ? Optional.empty() : Optional.of(pick(elsewhere));
    }

    /** Among the intents that lead furthest toward the goal (most goal steps, then fewest turns), one at random. */
    private Intent aim(Scenario scenario, State state, Set<String> reached) {
        Set<String> goal = new HashSet<>();
        scenario.goal().steps().forEach(s -> goal.add(s.id()));
        List<Intent> best = new ArrayList<>();
        Plan bestPlan = null;
        Set<String> visited = new HashSet<>(Set.of(state.id()));
        for (Intent intent : state.intents()) {
            Optional<Plan> plan = planThrough(scenario, state, intent, new HashSet<>(reached), visited, goal, 0);
            if (plan.isEmpty()) {
                continue;
            }
            int order = bestPlan == null ? 1 : plan.get().compareTo(bestPlan);
            if (order > 0) {
                best.clear();
                bestPlan = plan.get();
            }
            if (order >= 0) {
                best.add(intent);
            }
        }
        if (best.isEmpty()) {
            List<Intent> moving = state.intents().stream().filter(i -> i.next().isPresent()).toList();
            return pick(moving.isEmpty() ? state.intents() : moving);
        }
        return pick(best);
    }

    /** A way to an end state: goal steps it reaches in all, and turns it takes. Greater is better. */
    private record Plan(int steps, int turns) implements Comparable<Plan> {
        @Override
        public int compareTo(Plan o) {
            return steps != o.steps ? Integer.compare(steps, o.steps) : Integer.compare(o.turns, turns);
        }
    }

    private Optional<Plan> planThrough(Scenario scenario, State state, Intent intent, Set<String> reached,
            Set<String> visited, Set<String> goal, int depth) {
        Set<String> after = new HashSet<>(reached);
        boolean gained = after.addAll(intent.steps());
        Optional<Plan> rest;
        if (intent.next().isPresent()) {
            String next = intent.next().get();
            if (visited.contains(next)) {
                return Optional.empty();
            }
            Optional<State> target = scenario.state(next);
            if (target.isEmpty()) {
                return Optional.empty();
            }
            visited.add(next);
            rest = best(scenario, target.get(), after, visited, goal, depth + 1);
            visited.remove(next);
        } else if (gained) {
            rest = best(scenario, state, after, visited, goal, depth + 1);
        } else {
            return Optional.empty();
        }
        return rest.map(p -> new Plan(p.steps(), p.turns() + 1));
    }

    private Optional<Plan> best(Scenario scenario, State state, Set<String> reached, Set<String> visited,
            Set<String> goal, int depth) {
        if (state.end()) {
            return Optional.of(new Plan((int) reached.stream().filter(goal::contains).count(), 0));
        }
        if (depth > MAX_PLAN_DEPTH) {
            return Optional.empty();
        }
        Optional<Plan> best = Optional.empty();
        for (Intent intent : state.intents()) {
            Optional<Plan> plan = planThrough(scenario, state, intent, reached, visited, goal, depth);
            if (plan.isPresent() && (best.isEmpty() || plan.get().compareTo(best.get()) > 0)) {
                best = plan;
            }
        }
        return best;
    }

    private String decorate(String line, boolean hesitant, boolean verbose, ClientWords words) {
        List<String> parts = new ArrayList<>();
        if (hesitant) {
            parts.add(pick(words.hesitations()));
        }
        if (verbose) {
            int extra = poisson(profile.style().verbosity());
            int added = 0;
            while (added < extra) {
                String filler = pick(words.fillers());
                parts.add(filler);
                added += Text.wordCount(filler);
            }
        }
        if (parts.isEmpty()) {
            return line;
        }
        List<String> out = new ArrayList<>();
        out.add(parts.getFirst());
        for (int i = 1; i < parts.size(); i++) {
            out.add(lowerFirst(parts.get(i)));
        }
        out.add(lowerFirst(line));
        return String.join(" ", out);
    }

    /** {@code s} with its first letter in lower case, unless its first word is "I" or all capitals. */
    static String lowerFirst(String s) {
        int space = s.indexOf(' ');
        String first = (space < 0 ? s : s.substring(0, space)).replaceAll("[^\\p{L}']", "");
        if (first.isEmpty() || first.equals("I") || first.startsWith("I'")
                || (first.length() > 1 && first.equals(first.toUpperCase(Locale.ROOT)))) {
            return s;
        }
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    private int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
    }

    private <T> T pick(List<T> options) {
        return options.get(rng.nextInt(options.size()));
    }
}
