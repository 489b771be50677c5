package no.trinn.speech.tts;

/**
 * The notation of an utterance's phone symbols; {@link VisemeMapper} knows each one.
 */
public enum PhoneSet {
    /** MaryTTS's SAMPA-like American English set, e.g. {@code @U}, {@code {}, {@code tS}, {@code r=}. */
    MARYTTS_SAMPA,
    /** espeak-ng's phoneme mnemonics without stress marks, a trailing {@code :} marking a long
     * phoneme, e.g. {@code oU}, {@code E:}, {@code rn}, {@code u-:}. */
    ESPEAK
}
