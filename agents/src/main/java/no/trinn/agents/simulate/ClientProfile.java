package no.trinn.agents.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import no.trinn.core.Require;

/**
 * A simulated client of known level, for validating the difficulty controller: a hidden level per tier of the ladder,
 * a speaking style, how strongly each behaviour parameter of a character weighs on them, and how fast they learn.
 * Levels lie on the difficulty scale: a client at level {@code L} for a tier has about even chances of a successful
 * turn with a standard character of that tier at difficulty {@code L}. Named archetypes are data
 * ({@code archetypes.yaml}); {@link #random} draws a population. Immutable.
 *
 * @param name a label for reports, e.g. {@code severe-withdrawn} or {@code sim-007}
 * @param levels the hidden level of tiers 1 to 4, in that order, each in [0, 1]
 * @param style how the client talks
 * @param sensitivity how much each behaviour parameter adds to the difficulty the client experiences
 * @param learningRate how much a level grows after one session practised right at that level, in [0, 0.2]; growth
 *     falls off as the practised difficulty moves away from the level ({@link #practised})
 */
public record ClientProfile(String name, List<Double> levels, Style style, Sensitivity sensitivity,
        double learningRate) {
    /** Lowest level {@link #random} draws. */
    public static final double MIN_RANDOM_LEVEL = 0.05;
    /** Highest level {@link #random} draws. */
    public static final double MAX_RANDOM_LEVEL = 0.95;
    /** How far from the level (in difficulty) practice still helps: the sd of the learning window. */
    static final double LEARNING_WIDTH = 0.15;

    public ClientProfile {
        Require.nonBlank(name, "name");
        levels = List.copyOf(Require.nonNull(levels, "levels"));
        if (levels.size() != 4) {
            throw new IllegalArgumentException("levels: must hold one level per tier (4), held " + levels.size());
        }
        for (int i = 0; i < 4; i++) {
            Require.inRange(levels.get(i), 0.0, 1.0, "levels[" + i + "]");
        }
        Require.nonNull(style, "style");
        Require.nonNull(sensitivity, "sensitivity");
        Require.inRange(learningRate, 0.0, 0.2, "learningRate");
    }

    /**
     * How a simulated client talks. The four failure rates say what a failed turn is: their shares among failed
     * turns are the rates normalised by their sum (all zero means every failure is an error).
     *
     * @param meanResponseMillis mean time to answer an ordinary turn, 200 to 30,000 ms
     * @param sdResponseMillis its standard deviation (log-normal), 0 to 30,000 ms
     * @param verbosity mean number of extra filler words per turn, 0 to 10
     * @param errorRate weight of a wrong but on-topic answer among failures, in [0, 1]
     * @param offTopicRate weight of an off-topic remark among failures, in [0, 1]
     * @param silenceRate weight of saying nothing among failures, in [0, 1]
     * @param repairRate weight of asking to hear it again among failures, in [0, 1]; fast speech raises it
     * @param hesitationRate chance of a hesitant start ("um, ...") and a longer delay at an even challenge, in [0, 1]
     */
    public record Style(double meanResponseMillis, double sdResponseMillis, double verbosity, double errorRate,
            double offTopicRate, double silenceRate, double repairRate, double hesitationRate) {
        public Style {
            Require.inRange(meanResponseMillis, 200, 30_000, "meanResponseMillis");
            Require.inRange(sdResponseMillis, 0, 30_000, "sdResponseMillis");
            Require.inRange(verbosity, 0, 10, "verbosity");
            Require.inRange(errorRate, 0, 1, "errorRate");
            Require.inRange(offTopicRate, 0, 1, "offTopicRate");
            Require.inRange(silenceRate, 0, 1, "silenceRate");
            Require.inRange(repairRate, 0, 1, "repairRate");
            Require.inRange(hesitationRate, 0, 1, "hesitationRate");
        }
    }

    /**
     * Weights of the behaviour parameters in the difficulty a client experiences (see
     * {@link SimulatedClient#experiencedDifficulty}); each in [0, 3], not all zero.
     *
     * @param complexity weight of question complexity
     * @param pressure weight of follow-up pressure
     * @param coldness weight of low warmth (anxiety)
     * @param impatience weight of low patience
     * @param speechRate weight of fast speech
     */
    public record Sensitivity(double complexity, double pressure, double coldness, double impatience,
            double speechRate) {
        public Sensitivity {
            Require.inRange(complexity, 0, 3, "complexity");
            Require.inRange(pressure, 0, 3, "pressure");
            Require.inRange(coldness, 0, 3, "coldness");
            Require.inRange(impatience, 0, 3, "impatience");
            Require.inRange(speechRate, 0, 3, "speechRate");
            if (complexity + pressure + coldness + impatience + speechRate <= 0) {
                throw new IllegalArgumentException("sensitivity: at least one weight must be above 0");
            }
        }

        /** The weights most clients share: complexity and pressure weigh most. */
        public static Sensitivity typical() {
            return new Sensitivity(1.0, 0.9, 0.5, 0.4, 0.4);
        }
    }

    /** The hidden level for {@code tier} (1..4). */
    public double level(int tier) {
        Require.inRange(tier, 1, 4, "tier");
        return levels.get(tier - 1);
    }

    /** This profile with the level of {@code tier} set to {@code level}. */
    public ClientProfile withLevel(int tier, double level) {
        Require.inRange(tier, 1, 4, "tier");
        Require.inRange(level, 0.0, 1.0, "level");
        List<Double> next = new ArrayList<>(levels);
        next.set(tier - 1, level);
        return new ClientProfile(name, next, style, sensitivity, learningRate);
    }

    /**
     * The profile after one session of {@code tier} in which the client experienced {@code difficulty} on average:
     * the level grows by {@code learningRate * exp(-(difficulty - level)^2 / (2 * 0.15^2)) * (1 - level)}, so
     * practice near the level helps most, practice far too easy or too hard hardly at all, and growth slows toward
     * the top of the scale.
     */
    public ClientProfile practised(int tier, double difficulty) {
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        double level = level(tier);
        double gap = (difficulty - level) / LEARNING_WIDTH;
        double gain = learningRate * Math.exp(-gap * gap / 2) * (1 - level);
        return gain <= 0 ? this : withLevel(tier, Math.min(1.0, level + gain));
    }

    /**
     * A random client called {@code name}: a base level uniform in [{@value #MIN_RANDOM_LEVEL},
     * {@value #MAX_RANDOM_LEVEL}], tiers above the first a little lower (0.06 per tier) with individual noise (sd
     * 0.05), kept in that range; style and sensitivities spread over plausible ranges. Deterministic for a given
     * generator state.
     */
    public static ClientProfile random(RandomGenerator rng, String name) {
        Require.nonNull(rng, "rng");
        double base = uniform(rng, MIN_RANDOM_LEVEL, MAX_RANDOM_LEVEL);
        List<Double> levels = new ArrayList<>(4);
        for (int tier = 1; tier <= 4; tier++) {
            double level = base - 0.06 * (tier - 1) + (tier == 1 ? 0 : rng.nextGaussian(0, 0.05));
            levels.add(Math.clamp(level, MIN_RANDOM_LEVEL, MAX_RANDOM_LEVEL));
        }
        // lower levels go with slower, terser, more hesitant talk, but only loosely
        double shy = Math.clamp(1 - base + rng.nextGaussian(0, 0.2), 0, 1);
        double mean = 1200 + 5000 * shy * uniform(rng, 0.6, 1.2);
        Style style = new Style(mean, mean * uniform(rng, 0.2, 0.5), uniform(rng, 0, 4) * (1 - 0.6 * shy),
                uniform(rng, 0.1, 0.6), uniform(rng, 0, 0.3), uniform(rng, 0, 0.4) * (0.3 + shy),
                uniform(rng, 0.1, 0.5), Math.clamp(uniform(rng, 0, 0.4) * (0.3 + shy), 0, 1));
        Sensitivity s = new Sensitivity(uniform(rng, 0.7, 1.3), uniform(rng, 0.6, 1.2), uniform(rng, 0.2, 1.4),
                uniform(rng, 0.2, 0.8), uniform(rng, 0.2, 0.8));
        return new ClientProfile(name, levels, style, s, uniform(rng, 0, 0.06));
    }

    /** {@code count} random clients called {@code sim-001}, {@code sim-002}, ... drawn one after another. */
    public static List<ClientProfile> population(RandomGenerator rng, int count) {
        Require.nonNull(rng, "rng");
        Require.inRange(count, 0, 100_000, "count");
        List<ClientProfile> clients = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            clients.add(random(rng, String.format(java.util.Locale.ROOT, "sim-%03d", i)));
        }
        return List.copyOf(clients);
    }

    /** The named archetypes shipped in {@code archetypes.yaml}, in file order. */
    public static List<ClientProfile> archetypes() {
        return SimulationData.archetypes();
    }

    /** The shipped archetype called {@code name}, if there is one. */
    public static Optional<ClientProfile> archetype(String name) {
        Require.nonNull(name, "name");
        return archetypes().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static double uniform(RandomGenerator rng, double from, double to) {
        return from + (to - from) * rng.nextDouble();
    }
}
