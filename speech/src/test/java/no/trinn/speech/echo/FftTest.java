package no.trinn.speech.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The FFT against a direct DFT, and its round trip. */
class FftTest {
    @Test
    void matchesTheDirectTransformAndInvertsIt() {
        int n = 64;
        Random random = new Random(3);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        double[] r = re.clone();
        double[] q = im.clone();
        Fft fft = new Fft(n);
        fft.forward(r, q);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * k * t / n;
                sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
                si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
            }
            assertEquals(sr, r[k], 1e-9);
            assertEquals(si, q[k], 1e-9);
        }
        fft.inverse(r, q);
        for (int i = 0; i < n; i++) {
            assertEquals(re[i], r[i], 1e-12);
            assertEquals(im[i], q[i], 1e-12);
        }
    }

    @Test
    void refusesASizeThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(320));
    }
}
