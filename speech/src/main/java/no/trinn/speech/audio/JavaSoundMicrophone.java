package no.trinn.speech.audio;

import java.util.Arrays;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import no.trinn.core.Require;
import no.trinn.speech.AudioSource;
import no.trinn.speech.PcmFormat;

/**
 * An {@link AudioSource} reading the default Java Sound capture line: it records at the device's rate (16 kHz if
 * the device offers it, else 48 or 44.1 kHz) and hands out 16 kHz mono chunks. {@link #open(int)} fails with one
 * {@link AudioDeviceException} line naming what is missing when there is no capture device, so a caller can fall
 * back to a WAV file. {@link #read()} blocks until a chunk is recorded. One reader; close from any thread.
 */
public final class JavaSoundMicrophone implements AudioSource {
    private static final float[] RATES = {16_000f, 48_000f, 44_100f};

    private final TargetDataLine line;
    private final PcmFormat deviceFormat;
    private final Resampler resampler;
    private final byte[] buffer;
    private volatile boolean closed;

    private JavaSoundMicrophone(TargetDataLine line, PcmFormat deviceFormat, int chunkMillis) {
        this.line = line;
        this.deviceFormat = deviceFormat;
        this.resampler = new Resampler(deviceFormat.sampleRate(), PcmFormat.INTERNAL.sampleRate());
        this.buffer = new byte[deviceFormat.bytesFor(chunkMillis)];
    }

    /**
     * Opens and starts the default microphone.
     *
     * @param chunkMillis the length of each chunk, 10 to 1,000 ms (20 ms inside Trinn)
     * @throws AudioDeviceException if no capture device exists or none accepts 16-bit PCM; the message says which
     */
    public static JavaSoundMicrophone open(int chunkMillis) {
        Require.inRange(chunkMillis, 10, 1_000, "chunkMillis");
        int mixers = AudioSystem.getMixerInfo().length;
        if (mixers == 0) {
            throw new AudioDeviceException("no microphone: Java Sound finds no sound device (0 mixers) on this "
                    + "machine; give the client's audio as a WAV file instead");
        }
        LineUnavailableException last = null;
        for (float rate : RATES) {
            AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
            if (!AudioSystem.isLineSupported(info)) {
                continue;
            }
            try {
                TargetDataLine line = (TargetDataLine) AudioSystem.getLine(info);
                line.open(format);
                line.start();
                return new JavaSoundMicrophone(line, new PcmFormat((int) rate, 1), chunkMillis);
            } catch (LineUnavailableException | IllegalArgumentException e) {
                last = e instanceof LineUnavailableException l ? l : last;
            }
        }
        throw new AudioDeviceException("no microphone: none of the " + mixers + " Java Sound mixers offers a capture "
                + "line for 16-bit mono PCM at " + Arrays.toString(RATES) + " Hz" + (last == null ? ""
                        : " (" + last.getMessage() + ")") + "; give the client's audio as a WAV file instead", last);
    }

    @Override
    public PcmFormat format() {
        return PcmFormat.INTERNAL;
    }

    /** The format the device records in, before conversion. */
    public PcmFormat deviceFormat() {
        return deviceFormat;
    }

    @Override
    public Optional<byte[]> read() {
        while (!closed) {
            int n = line.read(buffer, 0, buffer.length);
            if (n <= 0) {
                if (!line.isOpen()) {
                    return Optional.empty();
                }
                continue;
            }
            short[] converted = resampler.process(Pcm.samples(Arrays.copyOf(buffer, n)));
            if (converted.length > 0) {
                return Optional.of(Pcm.bytes(converted));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        line.stop();
        line.close();
    }
}
