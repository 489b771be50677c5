package no.trinn.speech.audio;

import java.nio.file.Path;
import no.trinn.speech.AudioSource;

/**
 * An {@link AudioSource} that plays a WAV file (16-bit PCM, mono or stereo, any rate) as 16 kHz mono chunks, paced
 * to real time like a microphone or as fast as possible. The file is read and converted when the source is made,
 * so a missing, damaged or truncated file fails there, naming the file.
 */
public final class WavFileSource extends MemorySource {
    private final Path file;

    /**
     * Opens {@code file}.
     *
     * @param chunkMillis the length of each chunk, 1 to 1,000 ms (20 ms inside Trinn)
     * @throws no.trinn.speech.SpeechException naming the file if it cannot be read as 16-bit PCM WAV
     */
    public WavFileSource(Path file, int chunkMillis, Pacing pacing) {
        super(Wav.read(file).internalSamples(), chunkMillis, pacing);
        this.file = file;
    }

    /** The file played. */
    public Path file() {
        return file;
    }
}
