package no.trinn.speech.vad;

import java.util.ArrayList;
import java.util.List;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.audio.Pcm;

/**
 * Finds where speech starts and ends in a stream of 16 kHz mono PCM. Audio is cut into the model's frames (32 ms
 * for Silero); each frame passes the {@link EnergyGate} first and only louder frames go to the
 * {@link VoiceActivityModel}. Probabilities become events with hysteresis (start above one threshold, end below a
 * lower one) and minimum speech and silence durations ({@link VadSettings}). Feed chunks of any length to
 * {@link #accept(byte[])}; {@link #finish()} ends speech still open at the end of the stream. The detector owns the
 * model and closes it. Not thread-safe: one stream.
 */
public final class VoiceActivityDetector implements AutoCloseable {
    /** After this much gated silence the model's recurrent state is reset, so it starts fresh on the next sound. */
    private static final int RESET_AFTER_GATED_MILLIS = 1_000;

    private final VoiceActivityModel model;
    private final VadSettings settings;
    private final EnergyGate gate;
    private final int frame;
    private final short[] pending;
    private int pendingLength;
    private long frames;
    private long totalFrames;
    private long modelFrames;
    private long modelNanos;
    private int gatedRun;

    private boolean speaking;
    private long candidateStart = -1;
    private long speechRun;
    private long speechStart;
    private long silenceStart = -1;

    /** A detector asking {@code model}, with {@code settings}. */
    public VoiceActivityDetector(VoiceActivityModel model, VadSettings settings) {
        this.model = Require.nonNull(model, "model");
        this.settings = Require.nonNull(settings, "settings");
        this.gate = new EnergyGate(settings.gateDbfs());
        this.frame = model.frameSamples();
        this.pending = new short[frame];
    }

    /** Feeds little-endian 16-bit 16 kHz mono PCM; returns the events it completed, in order. */
    public List<VoiceActivityEvent> accept(byte[] pcm) {
        return accept(Pcm.samples(Require.nonNull(pcm, "pcm")));
    }

    /** Feeds 16 kHz mono samples; returns the events they completed, in order. */
    public List<VoiceActivityEvent> accept(short[] samples) {
        Require.nonNull(samples, "samples");
        List<VoiceActivityEvent> events = new ArrayList<>(1);
        int i = 0;
        while (i < samples.length) {
            int n = Math.min(frame - pendingLength, samples.length - i);
            System.arraycopy(samples, i, pending, pendingLength, n);
            pendingLength += n;
            i += n;
            if (pendingLength == frame) {
                step(Pcm.floats(pending, 0, frame), events);
                pendingLength = 0;
            }
        }
        return events;
    }

    /** Ends the stream: speech still open ends at the end of the last whole frame. The detector is then reset. */
    public List<VoiceActivityEvent> finish() {
        List<VoiceActivityEvent> events = new ArrayList<>(1);
        if (speaking) {
            long end = silenceStart >= 0 ? silenceStart : millisAt(frames);
            events.add(new VoiceActivityEvent.SpeechEnded(speechStart, Math.max(speechStart, end)));
        }
        reset();
        return events;
    }

    private void step(float[] samples, List<VoiceActivityEvent> events) {
        long start = millisAt(frames);
        frames++;
        totalFrames++;
        float p;
        if (gate.open(samples)) {
            long t = System.nanoTime();
            p = model.speechProbability(samples);
            modelNanos += System.nanoTime() - t;
            modelFrames++;
            gatedRun = 0;
        } else {
            model.skipped(samples);
            p = 0f;
            gatedRun += frameMillis();
            if (gatedRun >= RESET_AFTER_GATED_MILLIS && gatedRun - frameMillis() < RESET_AFTER_GATED_MILLIS) {
                model.reset();
            }
        }
        if (!speaking) {
            if (p >= settings.startThreshold()) {
                if (candidateStart < 0) {
                    candidateStart = start;
                    speechRun = 0;
                }
                speechRun += frameMillis();
                if (speechRun >= Math.max(settings.minSpeechMillis(), 1)) {
                    speaking = true;
                    speechStart = candidateStart;
                    silenceStart = -1;
                    candidateStart = -1;
                    events.add(new VoiceActivityEvent.SpeechStarted(speechStart));
                }
            } else if (p < settings.endThreshold()) {
                candidateStart = -1;
            }
        } else if (p < settings.endThreshold()) {
            if (silenceStart < 0) {
                silenceStart = start;
            }
            if (millisAt(frames) - silenceStart >= settings.minSilenceMillis()) {
                events.add(new VoiceActivityEvent.SpeechEnded(speechStart, silenceStart));
                speaking = false;
                silenceStart = -1;
            }
        } else {
            silenceStart = -1;
        }
    }

    private int frameMillis() {
        return (int) (frame * 1000L / PcmFormat.INTERNAL.sampleRate());
    }

    private long millisAt(long frameCount) {
        return frameCount * frame * 1000 / PcmFormat.INTERNAL.sampleRate();
    }

    /** Whether speech is going on at the end of the audio fed so far. */
    public boolean speaking() {
        return speaking;
    }

    /** Milliseconds of audio processed (whole frames) since the start or the last reset. */
    public long millis() {
        return millisAt(frames);
    }

    /** Frames processed since the detector was made. */
    public long frames() {
        return totalFrames;
    }

    /** Frames the energy gate passed on to the model since the detector was made. */
    public long modelFrames() {
        return modelFrames;
    }

    /** Mean time the model took per frame it was asked about, in microseconds; 0 before the first. */
    public double meanModelMicros() {
        return modelFrames == 0 ? 0 : modelNanos / 1000.0 / modelFrames;
    }

    /** Forgets the stream: time starts again at 0 and the model's state is cleared. Counters are kept. */
    public void reset() {
        model.reset();
        pendingLength = 0;
        frames = 0;
        gatedRun = 0;
        speaking = false;
        candidateStart = -1;
        silenceStart = -1;
        speechRun = 0;
    }

    @Override
    public void close() {
        model.close();
    }
}
