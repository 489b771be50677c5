package no.trinn.speech.audio;

import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;

/**
 * Audio read from a WAV file: its format and its PCM bytes (signed 16-bit little-endian, interleaved).
 *
 * @param format the file's own format
 * @param pcm the sample bytes, a whole number of frames
 */
public record WavAudio(PcmFormat format, byte[] pcm) {
    public WavAudio {
        Require.nonNull(format, "format");
        Require.nonNull(pcm, "pcm");
        if (pcm.length % (2 * format.channels()) != 0) {
            throw new IllegalArgumentException("pcm must hold whole frames of " + 2 * format.channels()
                    + " bytes, had " + pcm.length + " bytes");
        }
    }

    /** The length in milliseconds. */
    public long millis() {
        return format.millisOf(pcm.length);
    }

    /** The audio as 16 kHz mono samples. */
    public short[] internalSamples() {
        return Pcm.toInternal(pcm, format);
    }
}
