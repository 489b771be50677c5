package no.trinn.agents.adapt;

import no.trinn.core.Require;

/**
 * What the voice pipeline measured of one client turn; text sessions have none.
 *
 * @param speechMillis how long the client spoke, at least 0
 * @param silenceMillis how long the client was silent within the turn (from the character's last line to the end of
 *     the turn, not counting speech), at least 0
 * @param longestPauseMillis the longest single silence in the turn, at least 0 and at most {@code silenceMillis}
 * @param interruptions how often the client spoke over the character (barge-in), at least 0
 */
public record VoiceMeasures(long speechMillis, long silenceMillis, long longestPauseMillis, int interruptions) {
    public VoiceMeasures {
        Require.inRange(speechMillis, 0, Long.MAX_VALUE, "speechMillis");
        Require.inRange(silenceMillis, 0, Long.MAX_VALUE, "silenceMillis");
        Require.inRange(longestPauseMillis, 0, silenceMillis, "longestPauseMillis");
        Require.inRange(interruptions, 0, Integer.MAX_VALUE, "interruptions");
    }

    /** The client's share of the turn spent speaking, in [0, 1]; 0 when the turn had no duration. */
    public double speechShare() {
        double total = (double) speechMillis + silenceMillis;
        return total > 0 ? speechMillis / total : 0.0;
    }
}
