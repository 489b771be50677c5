package no.trinn.speech.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import no.trinn.core.Require;
import no.trinn.speech.AudioSink;
import no.trinn.speech.PcmFormat;

/**
 * An {@link AudioSink} playing on the default Java Sound output line. {@link #write(byte[])} queues audio and
 * blocks while the device buffer is full; {@link #flush()} drops what is queued and reports the milliseconds the
 * device actually played since the previous flush. {@link #open(PcmFormat)} fails with one
 * {@link AudioDeviceException} line naming what is missing when there is no output device, so a caller can fall
 * back to a WAV file. Write from one thread; flush and close from any.
 */
public final class JavaSoundSpeaker implements AudioSink {
    private final SourceDataLine line;
    private final PcmFormat format;
    private long playedAtFlush;
    private volatile boolean closed;

    private JavaSoundSpeaker(SourceDataLine line, PcmFormat format) {
        this.line = line;
        this.format = format;
    }

    /**
     * Opens and starts the default speaker for {@code format}.
     *
     * @throws AudioDeviceException if no output device exists or none accepts the format; the message says which
     */
    public static JavaSoundSpeaker open(PcmFormat format) {
        Require.nonNull(format, "format");
        int mixers = AudioSystem.getMixerInfo().length;
        if (mixers == 0) {
            throw new AudioDeviceException("no speaker: Java Sound finds no sound device (0 mixers) on this machine; "
                    + "write the character's audio to a WAV file instead");
        }
        AudioFormat audio = new AudioFormat(format.sampleRate(), 16, format.channels(), true, false);
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, audio);
        if (!AudioSystem.isLineSupported(info)) {
            throw new AudioDeviceException("no speaker: none of the " + mixers + " Java Sound mixers offers an output "
                    + "line for 16-bit PCM, " + format.channels() + " channel(s) at " + format.sampleRate()
                    + " Hz; write the character's audio to a WAV file instead");
        }
        try {
            SourceDataLine line = (SourceDataLine) AudioSystem.getLine(info);
            line.open(audio, format.bytesFor(200));
            line.start();
            return new JavaSoundSpeaker(line, format);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new AudioDeviceException("no speaker: the Java Sound output line for " + format.sampleRate()
                    + " Hz is unavailable (" + e.getMessage() + "); write the character's audio to a WAV file "
                    + "instead", e);
        }
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public void write(byte[] pcm) {
        Require.nonNull(pcm, "pcm");
        if (closed) {
            throw new IllegalStateException("the speaker is closed");
        }
        int written = 0;
        while (written < pcm.length && !closed) {
            written += line.write(pcm, written, pcm.length - written);
        }
    }

    @Override
    public synchronized long flush() {
        line.flush();
        long played = line.getLongFramePosition();
        long millis = (played - playedAtFlush) * 1000 / format.sampleRate();
        playedAtFlush = played;
        return Math.max(0, millis);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        line.stop();
        line.flush();
        line.close();
    }
}
