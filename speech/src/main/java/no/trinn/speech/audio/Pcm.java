package no.trinn.speech.audio;

import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;

/**
 * Conversions of signed 16-bit little-endian PCM: bytes to samples and back, stereo to mono, and any format to
 * {@link PcmFormat#INTERNAL} (16 kHz mono). Stateless; the whole input is converted at once.
 */
public final class Pcm {
    private Pcm() {
    }

    /** The samples of {@code pcm} (little-endian 16-bit; a trailing odd byte is ignored). */
    public static short[] samples(byte[] pcm) {
        Require.nonNull(pcm, "pcm");
        short[] out = new short[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
        }
        return out;
    }

    /** {@code samples} as little-endian 16-bit bytes. */
    public static byte[] bytes(short[] samples) {
        Require.nonNull(samples, "samples");
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    /** Interleaved stereo samples averaged to mono; mono samples are returned as they are. */
    public static short[] mono(short[] samples, int channels) {
        Require.nonNull(samples, "samples");
        Require.inRange(channels, 1, 2, "channels");
        if (channels == 1) {
            return samples;
        }
        short[] out = new short[samples.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((samples[2 * i] + samples[2 * i + 1]) / 2);
        }
        return out;
    }

    /** {@code pcm} in {@code format} converted to 16 kHz mono samples. */
    public static short[] toInternal(byte[] pcm, PcmFormat format) {
        Require.nonNull(format, "format");
        short[] mono = mono(samples(pcm), format.channels());
        if (format.sampleRate() == PcmFormat.INTERNAL.sampleRate()) {
            return mono;
        }
        Resampler resampler = new Resampler(format.sampleRate(), PcmFormat.INTERNAL.sampleRate());
        short[] head = resampler.process(mono);
        short[] tail = resampler.flush();
        short[] out = new short[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    /** 16 kHz mono samples converted to {@code format} (resampled, and duplicated into both channels for stereo). */
    public static byte[] fromInternal(short[] samples, PcmFormat format) {
        Require.nonNull(samples, "samples");
        Require.nonNull(format, "format");
        short[] mono = samples;
        if (format.sampleRate() != PcmFormat.INTERNAL.sampleRate()) {
            Resampler resampler = new Resampler(PcmFormat.INTERNAL.sampleRate(), format.sampleRate());
            short[] head = resampler.process(samples);
            short[] tail = resampler.flush();
            mono = new short[head.length + tail.length];
            System.arraycopy(head, 0, mono, 0, head.length);
            System.arraycopy(tail, 0, mono, head.length, tail.length);
        }
        if (format.channels() == 1) {
            return bytes(mono);
        }
        short[] stereo = new short[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = mono[i];
        }
        return bytes(stereo);
    }

    /** Samples scaled to floats in [-1, 1), as speech models expect them. */
    public static float[] floats(short[] samples, int from, int length) {
        Require.nonNull(samples, "samples");
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = samples[from + i] / 32768f;
        }
        return out;
    }
}
