package no.trinn.app.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.speech.AudioSink;
import no.trinn.speech.AudioSource;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.audio.Pcm;
import no.trinn.speech.echo.SimulatedRoom;

/**
 * A loop-back room for live voice tests without a sound device: a {@linkplain #speaker() speaker} that records when
 * each chunk was written and plays it into a {@link SimulatedRoom}, and a {@linkplain #microphone() microphone},
 * paced to real time in 20 ms chunks, that hears the client's lines plus the room's echo of the speaker. Each line
 * starts on a cue: after the character has spoken and been quiet for a while (a polite client), or once the
 * character has been talking for a while (a client who talks over it). The microphone ends after the last line and
 * a tail of silence, or at a cap. Thread-safe between the two ends.
 */
final class LoopbackRoom {
    private static final int RATE = PcmFormat.INTERNAL.sampleRate();
    private static final int CHUNK = RATE / 50;

    /** When a line starts. */
    sealed interface Cue {
    }

    /** Once the character has spoken since the previous line and then been quiet for {@code quietMillis}. */
    record AfterCharacter(long quietMillis) implements Cue {
    }

    /** Once the character has been talking for {@code millis} without a pause of 300 ms. */
    record OverCharacter(long millis) implements Cue {
    }

    /** A client line and its cue. */
    record Line(short[] samples, Cue cue) {
    }

    /** One write to the speaker: when ({@link System#nanoTime()}), where on its timeline, and whether it had sound. */
    record Write(long nanos, long firstSample, int samples, boolean voiced) {
    }

    private final SimulatedRoom room;
    private final List<Line> lines;
    private final long tailSamples;
    private final long capSamples;
    private final List<Write> writes = new ArrayList<>();
    private final List<Long> lineStartNanos = new ArrayList<>();
    private final List<Long> lineStartSamples = new ArrayList<>();
    private long written;
    private long lastVoiced = -1;
    private long voicedRunStart = -1;
    private boolean spokeSinceLine;

    /**
     * @param room the room between the speaker and the microphone
     * @param lines the client's lines in order
     * @param tailMillis silence after the last line before the microphone ends
     * @param capMillis the most the microphone hands out
     */
    LoopbackRoom(SimulatedRoom room, List<Line> lines, long tailMillis, long capMillis) {
        this.room = Require.nonNull(room, "room");
        this.lines = List.copyOf(lines);
        this.tailSamples = tailMillis * RATE / 1000;
        this.capSamples = capMillis * RATE / 1000;
    }

    private synchronized void played(short[] samples) {
        boolean voiced = false;
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] != 0) {
                voiced = true;
                if (voicedRunStart < 0 || written + i - lastVoiced > RATE * 3 / 10) {
                    voicedRunStart = written + i;
                }
                lastVoiced = written + i;
                spokeSinceLine = true;
            }
        }
        writes.add(new Write(System.nanoTime(), written, samples.length, voiced));
        written += samples.length;
        room.play(samples);
    }

    /** The speaker: 16 kHz mono, every write recorded and played into the room. */
    AudioSink speaker() {
        return new AudioSink() {
            @Override
            public PcmFormat format() {
                return PcmFormat.INTERNAL;
            }

            @Override
            public void write(byte[] pcm) {
                played(Pcm.samples(pcm));
            }

            @Override
            public long flush() {
                return 0;
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    /** The microphone: the client's lines on their cues plus the room's echo, paced to real time. */
    AudioSource microphone() {
        return new AudioSource() {
            private long position;
            private long startNanos = -1;
            private int line = -1;
            private int offset;
            private long lastLineEnd = -1;
            private boolean closed;

            @Override
            public PcmFormat format() {
                return PcmFormat.INTERNAL;
            }

            @Override
            public Optional<byte[]> read() {
                if (closed || position >= capSamples
                        || (line >= lines.size() - 1 && offset < 0 && position - lastLineEnd >= tailSamples)) {
                    return Optional.empty();
                }
                if (startNanos < 0) {
                    startNanos = System.nanoTime();
                }
                long due = startNanos + (position + CHUNK) * 1_000_000_000L / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.empty();
                    }
                }
                short[] client = new short[CHUNK];
                for (int i = 0; i < CHUNK; i++) {
                    if (offset < 0 || line < 0) {
                        if (line + 1 < lines.size() && due(lines.get(line + 1).cue())) {
                            line++;
                            offset = 0;
                            started(position + i);
                        } else {
                            continue;
                        }
                    }
                    short[] s = lines.get(line).samples();
                    client[i] = s[offset++];
                    if (offset == s.length) {
                        offset = -1;
                        lastLineEnd = position + i;
                    }
                }
                short[] echo;
                synchronized (LoopbackRoom.this) {
                    echo = room.hear(CHUNK);
                }
                short[] mic = new short[CHUNK];
                for (int i = 0; i < CHUNK; i++) {
                    mic[i] = (short) Math.clamp((long) client[i] + echo[i], Short.MIN_VALUE, Short.MAX_VALUE);
                }
                position += CHUNK;
                return Optional.of(Pcm.bytes(mic));
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    private synchronized boolean due(Cue cue) {
        return switch (cue) {
            case AfterCharacter a -> spokeSinceLine && lastVoiced >= 0
                    && written - lastVoiced >= a.quietMillis() * RATE / 1000;
            case OverCharacter o -> voicedRunStart >= 0 && written - lastVoiced < RATE / 10
                    && lastVoiced - voicedRunStart >= o.millis() * RATE / 1000;
        };
    }

    private synchronized void started(long micSample) {
        lineStartNanos.add(System.nanoTime());
        lineStartSamples.add(micSample);
        spokeSinceLine = false;
    }

    /** Every write to the speaker so far, in order. */
    synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** When ({@link System#nanoTime()}) each line started, in order. */
    synchronized List<Long> lineStartNanos() {
        return List.copyOf(lineStartNanos);
    }

    /** Where on the microphone's timeline (samples) each line started. */
    synchronized List<Long> lineStartSamples() {
        return List.copyOf(lineStartSamples);
    }
}
