package no.trinn.speech.tts;

import no.trinn.core.Require;

/**
 * One phone of a synthesized utterance, timed against the utterance's audio. A pause is the symbol {@code _}.
 *
 * @param symbol the engine's phone symbol (see {@link PhoneSet}), never blank
 * @param startMillis where the phone starts, in milliseconds from the start of the audio
 * @param endMillis where it ends; not before {@code startMillis}
 */
public record Phone(String symbol, long startMillis, long endMillis) {
    /** The symbol of a pause. */
    public static final String PAUSE = "_";

    public Phone {
        Require.nonBlank(symbol, "symbol");
        Require.inRange(startMillis, 0, Long.MAX_VALUE, "startMillis");
        Require.inRange(endMillis, startMillis, Long.MAX_VALUE, "endMillis");
    }

    /** Whether this phone is a pause. */
    public boolean isPause() {
        return PAUSE.equals(symbol);
    }
}
