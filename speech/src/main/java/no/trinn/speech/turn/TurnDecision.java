package no.trinn.speech.turn;

import no.trinn.core.Require;

/**
 * What {@link TurnTaker} decided, at a time of its clock ({@link no.trinn.core.Clock#nanoTime()}). The records print
 * no transcript, since transcripts must not reach logs.
 */
public sealed interface TurnDecision {
    /** When the decision was made, in the clock's nanoseconds. */
    long atNanos();

    /**
     * The client's turn is over.
     *
     * @param atNanos when it was decided
     * @param transcript the turn's transcript so far: lower-case words, possibly empty (noise, or a recognizer that
     *     gives its result only when asked to finish)
     * @param silenceMillis the silence after the client's speech when it was decided
     */
    record EndOfTurn(long atNanos, String transcript, long silenceMillis) implements TurnDecision {
        public EndOfTurn {
            Require.nonNull(transcript, "transcript");
            Require.inRange(silenceMillis, 0, Long.MAX_VALUE, "silenceMillis");
        }

        @Override
        public String toString() {
            return "EndOfTurn[at " + atNanos + " ns, " + (transcript.isEmpty() ? 0 : transcript.split(" ").length)
                    + " words, " + silenceMillis + " ms silence]";
        }
    }

    /** The client talks over the character: stop its audio and its generation. */
    record Interrupt(long atNanos) implements TurnDecision {
    }

    /**
     * A stop phrase was heard: stop everything now, whoever is talking.
     *
     * @param atNanos when the transcript holding it arrived
     * @param transcript that transcript, lower-case words
     */
    record Stop(long atNanos, String transcript) implements TurnDecision {
        public Stop {
            Require.nonBlank(transcript, "transcript");
        }

        @Override
        public String toString() {
            return "Stop[at " + atNanos + " ns]";
        }
    }
}
