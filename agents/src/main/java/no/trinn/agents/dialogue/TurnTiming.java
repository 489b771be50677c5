package no.trinn.agents.dialogue;

import java.util.Map;
import no.trinn.core.Require;
import no.trinn.scenarios.BehaviourParameters;

/**
 * How the behaviour parameters change the turn-taking windows of a spoken session: factors by which a voice session
 * multiplies its own base durations. Pure and thread-safe.
 *
 * <ul>
 * <li>{@link Factors#endOfTurn()}: how long the character lets the client pause before it takes the turn. Longer with
 *     patience, shorter with interruptions: {@code (0.75 + 0.5 * patience) * (1 - 0.5 * interruptions)}, so 1.0 at
 *     patience 0.5 and no interruptions, about 1.2 at the easy end, about 0.6 at the hard end.</li>
 * <li>{@link Factors#silencePrompt()}: how long the character waits in silence before it prompts the client. Longer
 *     with patience: {@code 0.5 + patience}, so 1.0 at patience 0.5, 1.45 at the easy end, 0.8 at the hard end.</li>
 * </ul>
 * Both are kept within [{@value #MIN}, {@value #MAX}]; at difficulty 0 neither is below 1, so the easiest level never
 * hurries the client. Missing values count as patience 0.5 and interruptions 0.
 */
public final class TurnTiming {
    /** The smallest factor. */
    public static final double MIN = 0.4;
    /** The largest factor. */
    public static final double MAX = 1.6;

    private TurnTiming() {
    }

    /**
     * Factors for the base turn-taking durations of a voice session.
     *
     * @param endOfTurn multiplies the silence after the client's speech that ends their turn
     * @param silencePrompt multiplies the wait before the character prompts a silent client
     */
    public record Factors(double endOfTurn, double silencePrompt) {
        public Factors {
            Require.inRange(endOfTurn, MIN, MAX, "endOfTurn");
            Require.inRange(silencePrompt, MIN, MAX, "silencePrompt");
        }
    }

    /** The factors for the behaviour values {@code behaviour} (parameter name to value, with {@code difficulty}). */
    public static Factors factors(Map<String, Double> behaviour) {
        Require.nonNull(behaviour, "behaviour");
        double patience = clamp01(behaviour.getOrDefault("patience", 0.5));
        double interruptions = clamp01(behaviour.getOrDefault("interruptions", 0.0));
        double endOfTurn = (0.75 + 0.5 * patience) * (1 - 0.5 * interruptions);
        double silencePrompt = 0.5 + patience;
        double floor = behaviour.getOrDefault(BehaviourParameters.DIFFICULTY, 0.5) <= 0 ? 1.0 : MIN;
        return new Factors(bound(endOfTurn, floor), bound(silencePrompt, floor));
    }

    private static double bound(double v, double floor) {
        return Math.max(floor, Math.min(MAX, v));
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? 0.5 : Math.max(0, Math.min(1, v));
    }
}
