package no.trinn.speech.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;

/**
 * Reads and writes WAV files of 16-bit PCM (mono or stereo, 8 to 192 kHz). Reading accepts the plain PCM format and
 * WAVE_FORMAT_EXTENSIBLE with a PCM sub-format, skips chunks it does not need (LIST, fact, cue, ... with their pad
 * byte), and reads a data chunk of unknown length (0 or 0xFFFFFFFF, as streaming writers leave it) to the end of
 * the file. Every error names the file: missing, not a WAV file, another sample format, or truncated.
 */
public final class Wav {
    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    private Wav() {
    }

    /**
     * Reads the whole file.
     *
     * @throws SpeechException naming the file if it is missing, unreadable, not 16-bit PCM WAV, or truncated
     */
    public static WavAudio read(Path file) {
        Require.nonNull(file, "file");
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SpeechException("no audio file " + file, e);
        } catch (IOException e) {
            throw new SpeechException("cannot read the audio file " + file + ": " + e, e);
        }
        return parse(all, file.toString());
    }

    /** Parses WAV bytes; {@code name} is used in error messages. */
    public static WavAudio parse(byte[] bytes, String name) {
        return parse(bytes, name, false);
    }

    private static WavAudio parse(byte[] bytes, String name, boolean stream) {
        Require.nonNull(bytes, "bytes");
        Require.nonNull(name, "name");
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12) {
            throw new SpeechException("the audio file " + name + " is truncated: " + bytes.length
                    + " bytes, too short for a WAV header");
        }
        String riff = tag(in);
        in.getInt();
        String wave = tag(in);
        if (!riff.equals("RIFF") || !wave.equals("WAVE")) {
            throw new SpeechException("the audio file " + name + " is not a WAV file (it starts with '"
                    + printable(riff) + "', not 'RIFF....WAVE')");
        }
        PcmFormat format = null;
        while (true) {
            if (in.remaining() < 8) {
                throw new SpeechException("the audio file " + name + " is truncated: "
                        + (format == null ? "no 'fmt ' chunk" : "no 'data' chunk") + " before the end of the file");
            }
            String id = tag(in);
            long size = Integer.toUnsignedLong(in.getInt());
            int start = in.position();
            if (id.equals("fmt ")) {
                if (size < 16 || in.remaining() < 16) {
                    throw new SpeechException("the audio file " + name + " is truncated or damaged: its 'fmt ' "
                            + "chunk has " + Math.min(size, in.remaining()) + " bytes, at least 16 are needed");
                }
                format = format(in, size, name);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new SpeechException("the audio file " + name + " is damaged: its 'data' chunk comes "
                            + "before the 'fmt ' chunk");
                }
                long available = in.remaining();
                long length = size == 0 || size == 0xFFFFFFFFL || stream && size > available ? available : size;
                if (length > available) {
                    throw new SpeechException("the audio file " + name + " is truncated: its data chunk declares "
                            + length + " bytes but only " + available + " follow");
                }
                int frame = 2 * format.channels();
                byte[] pcm = new byte[(int) (length - length % frame)];
                in.get(pcm);
                return new WavAudio(format, pcm);
            }
            long next = start + size + (size & 1);
            if (next > bytes.length) {
                throw new SpeechException("the audio file " + name + " is truncated inside its '" + printable(id)
                        + "' chunk");
            }
            in.position((int) next);
        }
    }

    private static PcmFormat format(ByteBuffer in, long size, String name) {
        int tag = Short.toUnsignedInt(in.getShort());
        int channels = Short.toUnsignedInt(in.getShort());
        int rate = in.getInt();
        in.getInt();
        in.getShort();
        int bits = Short.toUnsignedInt(in.getShort());
        if (tag == EXTENSIBLE && size >= 40 && in.remaining() >= 24) {
            in.getShort();
            in.getShort();
            in.getInt();
            tag = Short.toUnsignedInt(in.getShort());
        }
        if (tag != PCM || bits != 16) {
            throw new SpeechException("the audio file " + name + " holds " + (tag == PCM ? bits + "-bit PCM"
                    : "audio in format " + tag) + "; Trinn reads 16-bit PCM WAV (convert it, e.g. with "
                    + "'sox IN -b 16 OUT.wav')");
        }
        if (channels < 1 || channels > 2 || rate < 8_000 || rate > 192_000) {
            throw new SpeechException("the audio file " + name + " has " + channels + " channels at " + rate
                    + " Hz; Trinn reads mono or stereo at 8,000 to 192,000 Hz");
        }
        return new PcmFormat(rate, channels);
    }

    /**
     * Writes {@code pcm} in {@code format} as a WAV file, replacing any file there.
     *
     * @throws SpeechException naming the file if it cannot be written
     */
    public static void write(Path file, PcmFormat format, byte[] pcm) {
        Require.nonNull(file, "file");
        Require.nonNull(format, "format");
        Require.nonNull(pcm, "pcm");
        byte[] out = new byte[44 + pcm.length];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).put(header(format, pcm.length));
        System.arraycopy(pcm, 0, out, 44, pcm.length);
        try {
            Files.write(file, out);
        } catch (IOException e) {
            throw new SpeechException("cannot write the audio file " + file + ": " + e, e);
        }
    }

    /** Writes 16 kHz mono samples as a WAV file. */
    public static void write(Path file, short[] samples) {
        write(file, PcmFormat.INTERNAL, Pcm.bytes(samples));
    }

    /** The 44-byte header of a plain PCM WAV file with {@code dataBytes} bytes of samples. */
    static byte[] header(PcmFormat format, long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = 2 * format.channels();
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) Math.min(0xFFFFFFFFL, 36 + dataBytes))
                .put(new byte[] {'W', 'A', 'V', 'E'}).put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) PCM).putShort((short) format.channels()).putInt(format.sampleRate())
                .putInt(format.sampleRate() * blockAlign).putShort((short) blockAlign).putShort((short) 16)
                .put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) Math.min(0xFFFFFFFFL, dataBytes));
        return h.array();
    }

    /**
     * Reads WAV bytes from a stream to its end (e.g. a child process's output, whose header cannot hold the real
     * length: a data chunk longer than the stream is read to the end); {@code name} names it in errors.
     */
    public static WavAudio read(InputStream in, String name) {
        Require.nonNull(in, "in");
        try {
            return parse(in.readAllBytes(), name, true);
        } catch (EOFException e) {
            throw new SpeechException("the audio stream " + name + " ended early", e);
        } catch (IOException e) {
            throw new SpeechException("cannot read the audio stream " + name + ": " + e, e);
        }
    }

    private static String tag(ByteBuffer in) {
        byte[] b = new byte[4];
        in.get(b);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
