package no.trinn.speech.echo;

import no.trinn.core.Require;

/**
 * An in-place radix-2 complex FFT of one fixed size, with its twiddle factors and bit-reversal table made once. The
 * forward transform is unscaled; the inverse divides by the size. Not thread-safe: one caller.
 */
final class Fft {
    private final int size;
    private final double[] cos;
    private final double[] sin;
    private final int[] reversed;

    /** A transform of {@code size} points, a power of two from 2 to 65,536. */
    Fft(int size) {
        Require.inRange(size, 2, 65_536, "size");
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two, was " + size);
        }
        this.size = size;
        this.cos = new double[size / 2];
        this.sin = new double[size / 2];
        for (int i = 0; i < size / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / size);
            sin[i] = -Math.sin(2 * Math.PI * i / size);
        }
        this.reversed = new int[size];
        int bits = Integer.numberOfTrailingZeros(size);
        for (int i = 0; i < size; i++) {
            reversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
    }

    int size() {
        return size;
    }

    /** Transforms {@code re} + i{@code im} in place: X[k] = sum x[n] e^(-2 pi i k n / N). */
    void forward(double[] re, double[] im) {
        transform(re, im, false);
    }

    /** The inverse of {@link #forward}, in place, divided by the size. */
    void inverse(double[] re, double[] im) {
        transform(re, im, true);
        double scale = 1.0 / size;
        for (int i = 0; i < size; i++) {
            re[i] *= scale;
            im[i] *= scale;
        }
    }

    private void transform(double[] re, double[] im, boolean inverse) {
        for (int i = 0; i < size; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? -1 : 1;
        for (int half = 1; half < size; half <<= 1) {
            int step = size / (2 * half);
            for (int start = 0; start < size; start += 2 * half) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
