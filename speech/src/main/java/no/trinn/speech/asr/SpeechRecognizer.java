package no.trinn.speech.asr;

import java.util.List;

/**
 * Port: streaming speech recognition of 16 kHz mono 16-bit PCM ({@link no.trinn.speech.PcmFormat#INTERNAL}).
 *
 * <p>Contract (checked for every adapter by one shared contract test):
 * <ul>
 * <li>{@link #accept(byte[])} takes the next chunk of audio, any length of whole samples, and returns the results
 *     ready so far, in order: partial results (engines that have them) and final results for utterances the engine
 *     has ended by itself (endpointing). It does not block for long.</li>
 * <li>{@link #finish()} says the audio has ended (or the turn is over): it returns the final results for all audio
 *     not yet finalised, waiting for the engine if need be, and never a partial. Audio fed afterwards continues the
 *     same timeline.</li>
 * <li>Final texts are lower-case words separated by single spaces and never blank: silence gives no final result.
 *     Times lie within the audio fed since creation or {@link #reset()}, and results come in time order.</li>
 * <li>{@link #reset()} drops audio not yet finalised and any pending results; time starts again at 0.</li>
 * <li>After {@link #close()} (which releases native resources and threads, and may be called twice) every other
 *     method throws {@link IllegalStateException}.</li>
 * </ul>
 * Failures of the engine are {@link no.trinn.speech.SpeechException}s naming the engine and model. Transcripts are
 * never logged. Not thread-safe: one audio stream, one caller.
 */
public interface SpeechRecognizer extends AutoCloseable {
    /** The engine and model, for messages and benchmarks, e.g. "sphinx4 grammar (6 phrases)". */
    String name();

    /** Feeds the next chunk of 16 kHz mono PCM; returns the results ready so far. */
    List<RecognitionResult> accept(byte[] pcm);

    /** Ends the audio so far; returns its final results. */
    List<RecognitionResult> finish();

    /** Forgets the audio not yet finalised; time starts again at 0. */
    void reset();

    @Override
    void close();
}
