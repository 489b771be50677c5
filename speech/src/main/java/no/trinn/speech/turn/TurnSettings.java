package no.trinn.speech.turn;

import java.util.List;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.speech.asr.Phrases;

/**
 * How {@link TurnTaker} decides, derived from the behaviour parameters {@code patience} and {@code interruptions}.
 *
 * <p>The silence that ends a client's turn is {@code 300 + 400 * patience} ms when the transcript looks complete
 * (it ends like a finished sentence or is one of the expected phrases) and {@code 1000 + 1200 * patience} ms
 * otherwise, so at {@link #DEFAULT_PATIENCE} a speaker may pause 1.6 s in the middle of a sentence without losing the
 * turn; a character who interrupts takes the turn sooner: both windows are multiplied by
 * {@code 1 - 0.5 * interruptions}. Client speech while the character talks interrupts it once it has lasted
 * {@code bargeInMillis} and is not a backchannel.
 *
 * @param patience the behaviour parameter, [0, 1]; higher waits longer
 * @param interruptions the behaviour parameter, [0, 1]; higher cuts in sooner (0 at the easiest difficulty)
 * @param bargeInMillis how long client speech must last while the character talks to interrupt it, 100 to 3,000
 * @param backchannels utterances that never interrupt ("mhm", "ok", ...), normalised with {@link Phrases}
 */
public record TurnSettings(double patience, double interruptions, int bargeInMillis, Set<String> backchannels) {
    /** The patience of a character with no behaviour parameters: the middle of the range. */
    public static final double DEFAULT_PATIENCE = 0.5;

    /**
     * The usual barge-in length: longer than a cough or an "mhm" plus the 320 ms a voice activity detector needs to
     * report that speech has ended (until then the burst counts as going on), shorter than a real interruption.
     */
    public static final int DEFAULT_BARGE_IN_MILLIS = 600;

    /** The backchannels English and Norwegian listeners use. */
    public static final List<String> DEFAULT_BACKCHANNELS = List.of("mhm", "mm", "mmm", "hm", "hmm", "uh huh",
            "ok", "okay", "yeah", "yes", "yep", "right", "ja", "jo", "aha", "ah");

    public TurnSettings {
        Require.inRange(patience, 0.0, 1.0, "patience");
        Require.inRange(interruptions, 0.0, 1.0, "interruptions");
        Require.inRange(bargeInMillis, 100, 3_000, "bargeInMillis");
        backchannels = Set.copyOf(Phrases.normalise(List.copyOf(Require.nonNull(backchannels, "backchannels"))));
    }

    /** Settings for {@code patience}, no interruptions, the default barge-in length and backchannels. */
    public static TurnSettings withPatience(double patience) {
        return withBehaviour(patience, 0);
    }

    /** Settings for {@code patience} and {@code interruptions} with the default barge-in length and backchannels. */
    public static TurnSettings withBehaviour(double patience, double interruptions) {
        return new TurnSettings(patience, interruptions, DEFAULT_BARGE_IN_MILLIS, Set.copyOf(DEFAULT_BACKCHANNELS));
    }

    /** These settings with another barge-in length. */
    public TurnSettings withBargeIn(int millis) {
        return new TurnSettings(patience, interruptions, millis, backchannels);
    }

    /** The silence that ends a turn whose transcript looks complete, in milliseconds. */
    public long completeWindowMillis() {
        return Math.round((300 + 400 * patience) * (1 - 0.5 * interruptions));
    }

    /** The silence that ends a turn whose transcript does not look complete (or is not there yet), in milliseconds. */
    public long incompleteWindowMillis() {
        return Math.round((1000 + 1200 * patience) * (1 - 0.5 * interruptions));
    }
}
