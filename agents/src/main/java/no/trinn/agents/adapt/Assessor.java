package no.trinn.agents.adapt;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import no.trinn.core.Require;
import no.trinn.core.session.TurnRecord;

/**
 * Derives a {@link TurnAssessment} from a {@link TurnRecord}, the voice measures of the turn (if spoken) and the
 * behaviour values in force. Pure and deterministic; thread-safe.
 *
 * <p>The patience window is {@code W = base * (0.5 + patience)} milliseconds, {@code base} 8 s by default (as the
 * voice session's silence prompt), so from half of {@code base} at patience 0 to one and a half times it at 1; a
 * missing {@code patience} value counts as 0.5.
 *
 * <p>Turn success, in [0, 1]:
 * <pre>
 *   u        = 1 if an intent matched and the turn was not a repair request, else 0      (understood)
 *   a        = 1 if the state changed or a goal step was reached, else 0                  (advanced)
 *   h        = voice: the turn's silence; text: the response time                        (hesitation)
 *   slow     = clamp((h / W - 0.5) / 1.0, 0, 1)     0 up to half the window, 1 at one and a half windows
 *   pause    = voice: clamp(longestPause / W, 0, 1); text: 0
 *   success  = clamp(0.5 u + 0.5 a - 0.2 [repair] - 0.3 slow - 0.1 pause, 0, 1)
 * </pre>
 * and 0 for a turn without words (silence). Asking for a repeat is a healthy strategy, so it costs less than not
 * being understood at all.
 */
public final class Assessor {
    /** The patience window at middling patience, in milliseconds, unless another is given. */
    public static final long DEFAULT_PATIENCE_BASE_MILLIS = 8_000;
    /** Weight of being understood. */
    static final double UNDERSTOOD = 0.5;
    /** Weight of moving the scenario on. */
    static final double ADVANCED = 0.5;
    /** Penalty of a repair request. */
    static final double REPAIR = 0.2;
    /** Penalty of an answer one and a half patience windows late (or later). */
    static final double SLOW = 0.3;
    /** Penalty of a pause a whole patience window long (voice). */
    static final double PAUSE = 0.1;

    private final MarkerWords markers;
    private final long patienceBaseMillis;

    /** An assessor for {@code language} with the default patience window. */
    public Assessor(String language) {
        this(MarkerWords.forLanguage(language), DEFAULT_PATIENCE_BASE_MILLIS);
    }

    /**
     * An assessor counting markers with {@code markers}, whose patience window at middling patience is
     * {@code patienceBaseMillis} (at least 1).
     */
    public Assessor(MarkerWords markers, long patienceBaseMillis) {
        this.markers = Require.nonNull(markers, "markers");
        this.patienceBaseMillis = Require.inRange(patienceBaseMillis, 1, Long.MAX_VALUE / 4, "patienceBaseMillis");
    }

    /** The patience window: {@code base * (0.5 + patience)}, at least 1 ms. */
    public static long patienceWindowMillis(long patienceBaseMillis, double patience) {
        Require.inRange(patienceBaseMillis, 1, Long.MAX_VALUE / 4, "patienceBaseMillis");
        Require.inRange(patience, 0.0, 1.0, "patience");
        return Math.max(1, Math.round(patienceBaseMillis * (0.5 + patience)));
    }

    /**
     * Assesses one turn.
     *
     * @param turn the recorded turn
     * @param voice what the voice pipeline measured; empty in text sessions
     * @param behaviour the behaviour values in force during the turn (only {@code patience} is read)
     */
    public TurnAssessment assess(TurnRecord turn, Optional<VoiceMeasures> voice, Map<String, Double> behaviour) {
        Require.nonNull(turn, "turn");
        Require.nonNull(voice, "voice");
        Require.nonNull(behaviour, "behaviour");
        Double p = behaviour.get("patience");
        double patience = p == null || !Double.isFinite(p) ? 0.5 : Math.max(0, Math.min(1, p));
        long window = patienceWindowMillis(patienceBaseMillis, patience);
        boolean understood = turn.intent().isPresent() && !turn.repair();
        boolean advanced = !turn.stateAfter().equals(turn.stateBefore()) || !turn.goalSteps().isEmpty();
        double hesitation = voice.map(v -> (double) v.silenceMillis()).orElse((double) turn.responseMillis());
        double slow = clamp01((hesitation / window - 0.5) / 1.0);
        double pause = voice.map(v -> clamp01((double) v.longestPauseMillis() / window)).orElse(0.0);
        double success = turn.words() == 0 ? 0.0 : clamp01((understood ? UNDERSTOOD : 0) + (advanced ? ADVANCED : 0)
                - (turn.repair() ? REPAIR : 0) - SLOW * slow - PAUSE * pause);
        String text = turn.clientText();
        return new TurnAssessment(turn.index(), turn.responseMillis(), turn.words(),
                voice.map(v -> OptionalDouble.of(v.speechShare())).orElse(OptionalDouble.empty()),
                voice.map(VoiceMeasures::silenceMillis).orElse(0L),
                voice.map(VoiceMeasures::longestPauseMillis).orElse(0L),
                voice.map(VoiceMeasures::interruptions).orElse(0), turn.repair(), turn.question(), understood,
                advanced, turn.goalSteps(), markers.politeCount(text), markers.positiveCount(text),
                markers.negativeCount(text), window, success);
    }

    private static double clamp01(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
