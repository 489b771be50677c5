package no.trinn.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import no.trinn.models.catalog.ModelCache;
import no.trinn.speech.audio.Wav;
import org.junit.jupiter.api.Assumptions;

/** Generated test audio (16 kHz mono samples), speech from espeak-ng, and the model cache the tests use. */
public final class TestAudio {
    public static final int RATE = 16_000;

    private TestAudio() {
    }

    public static short[] sine(double hz, int millis, double amplitude, int rate) {
        short[] out = new short[(int) ((long) rate * millis / 1000)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    public static short[] sine(double hz, int millis, double amplitude) {
        return sine(hz, millis, amplitude, RATE);
    }

    public static short[] silence(int millis) {
        return new short[RATE * millis / 1000];
    }

    /** White noise with RMS {@code rms} of full scale. */
    public static short[] noise(int millis, double rms, long seed) {
        Random random = new Random(seed);
        short[] out = new short[RATE * millis / 1000];
        for (int i = 0; i < out.length; i++) {
            out[i] = clip(random.nextGaussian() * rms * 32767);
        }
        return out;
    }

    public static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** {@code a} plus {@code b} (as long as {@code a}), clipped. */
    public static short[] mix(short[] a, short[] b) {
        short[] out = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = clip(a[i] + (i < b.length ? b[i] : 0));
        }
        return out;
    }

    public static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from)) / 32768;
    }

    /** Index of the first and last sample whose 10 ms window is louder than {@code dbfs}. */
    public static int[] voicedBounds(short[] s, double dbfs) {
        int window = RATE / 100;
        double threshold = Math.pow(10, dbfs / 20);
        int first = -1;
        int last = -1;
        for (int i = 0; i + window <= s.length; i += window) {
            if (rms(s, i, i + window) >= threshold) {
                if (first < 0) {
                    first = i;
                }
                last = i + window;
            }
        }
        return new int[] {first, last};
    }

    static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    /** Skips the test unless espeak-ng is on the PATH. */
    public static void assumeEspeak() {
        Assumptions.assumeTrue(espeakAvailable(),
                "espeak-ng is not installed; install it (apt-get install espeak-ng) to run tests on synthesized speech");
    }

    private static Boolean espeak;

    public static synchronized boolean espeakAvailable() {
        if (espeak == null) {
            try {
                Process p = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                espeak = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                espeak = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                espeak = false;
            }
        }
        return espeak;
    }

    /** {@code text} spoken by espeak-ng (voice en-us, 150 words a minute), as 16 kHz mono samples, trimmed. */
    public static short[] speak(String text, Path folder) throws IOException, InterruptedException {
        return speak(text, "en-us", 150, folder);
    }

    /** {@code text} spoken by espeak-ng voice {@code voice} (e.g. "nb"), as 16 kHz mono samples, trimmed. */
    public static short[] speak(String text, String voice, Path folder) throws IOException, InterruptedException {
        return speak(text, voice, 150, folder);
    }

    /**
     * {@code text} spoken by espeak-ng voice {@code voice} (e.g. "nb" or "nb+f3") at {@code wordsPerMinute}, as
     * 16 kHz mono samples, trimmed.
     */
    public static short[] speak(String text, String voice, int wordsPerMinute, Path folder) throws IOException,
            InterruptedException {
        assumeEspeak();
        Path wav = Files.createTempFile(folder, "espeak-", ".wav");
        List<String> command = new ArrayList<>(List.of("espeak-ng", "-v", voice, "-s",
                Integer.toString(wordsPerMinute), "-w",
                wav.toString(), text));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("espeak-ng failed: " + output);
        }
        short[] samples = Wav.read(wav).internalSamples();
        int[] bounds = voicedBounds(samples, -50);
        return java.util.Arrays.copyOfRange(samples, Math.max(0, bounds[0]), Math.max(bounds[0], bounds[1]));
    }

    /** The model cache the tests look in: $TRINN_MODELS, else ~/.trinn/models. */
    public static ModelCache modelCache() {
        String env = System.getenv("TRINN_MODELS");
        return new ModelCache(env == null || env.isBlank() ? ModelCache.defaultRoot() : Path.of(env));
    }
}
