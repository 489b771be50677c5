package no.trinn.speech.echo;

import java.util.Arrays;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;

/**
 * An acoustic echo canceller for 16 kHz mono: it removes from the microphone signal (near end) the echo of what the
 * speaker played (far end, the reference), so the character's own voice does not reach voice activity detection.
 *
 * <p>Algorithm: a partitioned-block frequency-domain adaptive filter (PBFDAF / MDF): blocks of {@value #BLOCK}
 * samples, FFTs of twice that, {@link EchoSettings#tailMillis()} of echo path in partitions of one block, a
 * normalised (per frequency bin, by the far end's power over all partitions plus a tenth of its mean over all bins)
 * and gradient-constrained update. Two
 * filters, as in Speex's MDF: a background filter that adapts and a foreground filter that makes the output; the
 * background is copied to the foreground when its error is clearly smaller, and reset from the foreground when it
 * has diverged, so a bad stretch of adaptation never reaches the output.
 *
 * <p>Double-talk detection freezes adaptation while the client speaks over the echo: a Geigel-style test (the
 * microphone is 6 dB louder than the loudest far-end block of the tail, scaled by the learned coupling of the echo
 * path, would allow) or a residual test (the foreground's residual is 6 dB above the residual echo it leaves on
 * echo alone), held for {@value #HANGOVER_BLOCKS} blocks. The residual echo gate passes a block whose residual the
 * double-talk test says holds the client's voice, and attenuates by {@link EchoSettings#gateFloorDb()} one that is
 * within the learned residual echo level while the far end plays (with a gain ramp across the block). Until the
 * filter has converged the learned residual coupling is high, so the gate then works like a half-duplex switch:
 * the client is heard over the character only when clearly louder.
 *
 * <p>Feed equal-length chunks of far and near audio of any length to {@link #process}; the output is delayed by
 * {@link #latencySamples()} (one block). Not thread-safe: one stream.
 */
public final class EchoCanceller {
    /** Samples per block: 8 ms. */
    public static final int BLOCK = 128;
    private static final int SIZE = 2 * BLOCK;
    private static final int BINS = BLOCK + 1;
    private static final int HANGOVER_BLOCKS = 12;
    /** Far-end block power (mean square of [-1, 1] samples) below which the far end counts as silent: -65 dBFS. */
    private static final double FAR_ACTIVE = 3.2e-7;
    private static final double DOUBLE_TALK_MARGIN = 4;
    private static final double REGULARISATION = 1e-6;
    /**
     * Share of the far end's mean power over all bins added to each bin's power in the normalisation: bins between
     * the harmonics of a synthetic voice then take smaller steps (faster convergence and 2-5 dB more ERLE on MaryTTS).
     */
    private static final double SPECTRAL_FLOOR = 0.1;

    private final EchoSettings settings;
    private final int partitions;
    private final Fft fft = new Fft(SIZE);
    private final double[][] xr;
    private final double[][] xi;
    private final double[][] br;
    private final double[][] bi;
    private final double[][] fr;
    private final double[][] fi;
    private final double[] farPower = new double[BINS];
    private final double[] farTime = new double[SIZE];
    private final double[] blockFarPower;
    private final double[] re = new double[SIZE];
    private final double[] im = new double[SIZE];
    private final double[] er = new double[BINS];
    private final double[] ei = new double[BINS];
    private final double gateFloor;

    private final double[] farIn = new double[BLOCK];
    private final double[] nearIn = new double[BLOCK];
    private int pending;
    private short[] outResidual = new short[4 * BLOCK];
    private short[] outGated = new short[4 * BLOCK];
    private boolean[] outEcho = new boolean[4 * BLOCK];
    private int outLength;
    private int newest;

    private double coupling = 1;
    private double residualCoupling = 1;
    private double smoothedBackground;
    private double smoothedForeground;
    private double gain = 1;
    private int hangover;

    private long blocks;
    private long farBlocks;
    private long doubleTalkBlocks;
    private long gatedBlocks;
    private long copies;
    private long resets;
    private long nanos;

    /** A canceller with {@code settings}, all filters at zero. */
    public EchoCanceller(EchoSettings settings) {
        this.settings = Require.nonNull(settings, "settings");
        int tailSamples = settings.tailMillis() * PcmFormat.INTERNAL.sampleRate() / 1000;
        this.partitions = (tailSamples + BLOCK - 1) / BLOCK;
        this.xr = new double[partitions][BINS];
        this.xi = new double[partitions][BINS];
        this.br = new double[partitions][BINS];
        this.bi = new double[partitions][BINS];
        this.fr = new double[partitions][BINS];
        this.fi = new double[partitions][BINS];
        this.blockFarPower = new double[partitions + 1];
        this.gateFloor = Math.pow(10, settings.gateFloorDb() / 20);
        // one block of silence ahead of the output: the latency
        outLength = BLOCK;
    }

    /** The settings. */
    public EchoSettings settings() {
        return settings;
    }

    /** How far the output lags the input, in samples (one block, 8 ms). */
    public int latencySamples() {
        return BLOCK;
    }

    /**
     * Cancels the echo of {@code far} in {@code near}.
     *
     * @param far what the speaker played over this chunk (16 kHz mono)
     * @param near what the microphone recorded over the same chunk, as long as {@code far}
     * @return as many samples as given, delayed by {@link #latencySamples()}
     */
    public Cancelled process(short[] far, short[] near) {
        Require.nonNull(far, "far");
        Require.nonNull(near, "near");
        if (far.length != near.length) {
            throw new IllegalArgumentException("far and near must be as long, were " + far.length + " and "
                    + near.length);
        }
        long started = System.nanoTime();
        for (int i = 0; i < far.length; i++) {
            farIn[pending] = far[i] / 32768.0;
            nearIn[pending] = near[i] / 32768.0;
            if (++pending == BLOCK) {
                block();
                pending = 0;
            }
        }
        int n = near.length;
        short[] residual = Arrays.copyOf(outResidual, n);
        short[] gated = Arrays.copyOf(outGated, n);
        int echo = 0;
        for (int i = 0; i < n; i++) {
            echo += outEcho[i] ? 1 : 0;
        }
        System.arraycopy(outResidual, n, outResidual, 0, outLength - n);
        System.arraycopy(outGated, n, outGated, 0, outLength - n);
        System.arraycopy(outEcho, n, outEcho, 0, outLength - n);
        outLength -= n;
        nanos += System.nanoTime() - started;
        return new Cancelled(residual, gated, n == 0 ? 0 : (double) echo / n);
    }

    private void block() {
        blocks++;
        // the far end's newest spectrum: FFT of the last two blocks
        System.arraycopy(farTime, BLOCK, farTime, 0, BLOCK);
        System.arraycopy(farIn, 0, farTime, BLOCK, BLOCK);
        newest = (newest + partitions - 1) % partitions;
        System.arraycopy(farTime, 0, re, 0, SIZE);
        Arrays.fill(im, 0);
        fft.forward(re, im);
        System.arraycopy(re, 0, xr[newest], 0, BINS);
        System.arraycopy(im, 0, xi[newest], 0, BINS);
        double farBlock = meanSquare(farIn);
        System.arraycopy(blockFarPower, 0, blockFarPower, 1, partitions);
        blockFarPower[0] = farBlock;
        double farMax = 0;
        for (double p : blockFarPower) {
            farMax = Math.max(farMax, p);
        }
        Arrays.fill(farPower, 0);
        for (int p = 0; p < partitions; p++) {
            double[] r = xr[p];
            double[] q = xi[p];
            for (int k = 0; k < BINS; k++) {
                farPower[k] += r[k] * r[k] + q[k] * q[k];
            }
        }

        double[] background = estimate(br, bi);
        double[] foreground = estimate(fr, fi);
        double[] eb = new double[BLOCK];
        double[] ef = new double[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            eb[i] = nearIn[i] - background[i];
            ef[i] = nearIn[i] - foreground[i];
        }
        double nearPower = meanSquare(nearIn);
        double backgroundPower = meanSquare(eb);
        double foregroundPower = meanSquare(ef);

        boolean farActive = farMax > FAR_ACTIVE;
        boolean nearTalk = farActive && (nearPower > DOUBLE_TALK_MARGIN * coupling * farMax
                || foregroundPower > DOUBLE_TALK_MARGIN * residualCoupling * farMax);
        if (nearTalk) {
            hangover = HANGOVER_BLOCKS;
        } else if (hangover > 0) {
            hangover--;
        }
        boolean doubleTalk = farActive && hangover > 0;
        if (farActive) {
            farBlocks++;
        }
        if (doubleTalk) {
            doubleTalkBlocks++;
        }

        smoothedBackground = 0.7 * smoothedBackground + 0.3 * backgroundPower;
        smoothedForeground = 0.7 * smoothedForeground + 0.3 * foregroundPower;
        if (farActive && !doubleTalk) {
            adapt(eb);
            coupling = track(coupling, nearPower / farMax);
            residualCoupling = track(residualCoupling, foregroundPower / farMax);
            if (smoothedBackground < 0.5 * smoothedForeground) {
                copy(br, bi, fr, fi);
                smoothedForeground = smoothedBackground;
                copies++;
            }
        }
        if (smoothedBackground > 8 * smoothedForeground && smoothedBackground > FAR_ACTIVE) {
            copy(fr, fi, br, bi);
            smoothedBackground = smoothedForeground;
            resets++;
        }

        boolean echoOnly = farActive && hangover == 0;
        if (echoOnly) {
            gatedBlocks++;
        }
        double target = echoOnly ? gateFloor : 1;
        ensureRoom();
        for (int i = 0; i < BLOCK; i++) {
            double g = gain + (target - gain) * (i + 1) / BLOCK;
            outResidual[outLength + i] = toShort(ef[i]);
            outGated[outLength + i] = toShort(ef[i] * g);
            outEcho[outLength + i] = echoOnly;
        }
        gain = target;
        outLength += BLOCK;
    }

    /** The last block of the echo estimate of filter {@code wr}+i{@code wi}: overlap-save. */
    private double[] estimate(double[][] wr, double[][] wi) {
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
        for (int p = 0; p < partitions; p++) {
            int x = (newest + p) % partitions;
            double[] ar = wr[p];
            double[] ai = wi[p];
            double[] cr = xr[x];
            double[] ci = xi[x];
            for (int k = 0; k < BINS; k++) {
                re[k] += ar[k] * cr[k] - ai[k] * ci[k];
                im[k] += ar[k] * ci[k] + ai[k] * cr[k];
            }
        }
        mirror();
        fft.inverse(re, im);
        return Arrays.copyOfRange(re, BLOCK, SIZE);
    }

    /** One constrained, normalised step of the background filter on its error {@code e}. */
    private void adapt(double[] e) {
        Arrays.fill(re, 0, BLOCK, 0);
        System.arraycopy(e, 0, re, BLOCK, BLOCK);
        Arrays.fill(im, 0);
        fft.forward(re, im);
        double mean = 0;
        for (int k = 0; k < BINS; k++) {
            mean += farPower[k];
        }
        double floor = REGULARISATION * SIZE * partitions + SPECTRAL_FLOOR * mean / BINS;
        for (int k = 0; k < BINS; k++) {
            double scale = settings.step() / (farPower[k] + floor);
            er[k] = re[k] * scale;
            ei[k] = im[k] * scale;
        }
        for (int p = 0; p < partitions; p++) {
            int x = (newest + p) % partitions;
            double[] cr = xr[x];
            double[] ci = xi[x];
            for (int k = 0; k < BINS; k++) {
                // conj(X) * E
                re[k] = cr[k] * er[k] + ci[k] * ei[k];
                im[k] = cr[k] * ei[k] - ci[k] * er[k];
            }
            mirror();
            fft.inverse(re, im);
            Arrays.fill(re, BLOCK, SIZE, 0);
            Arrays.fill(im, 0);
            fft.forward(re, im);
            double[] wr = br[p];
            double[] wi = bi[p];
            for (int k = 0; k < BINS; k++) {
                wr[k] += re[k];
                wi[k] += im[k];
            }
        }
    }

    /** Fills bins above Nyquist with the conjugates of those below, so the inverse transform is real. */
    private void mirror() {
        im[0] = 0;
        im[BLOCK] = 0;
        for (int k = 1; k < BLOCK; k++) {
            re[SIZE - k] = re[k];
            im[SIZE - k] = -im[k];
        }
    }

    /** Follows a coupling: up quickly, down slowly, so it stays near the loud end of what echo alone does. */
    private static double track(double current, double observed) {
        double rate = observed > current ? 0.3 : 0.02;
        return Math.clamp(current + rate * (observed - current), 1e-6, 4);
    }

    private static void copy(double[][] fromR, double[][] fromI, double[][] toR, double[][] toI) {
        for (int p = 0; p < fromR.length; p++) {
            System.arraycopy(fromR[p], 0, toR[p], 0, BINS);
            System.arraycopy(fromI[p], 0, toI[p], 0, BINS);
        }
    }

    private void ensureRoom() {
        if (outLength + BLOCK > outResidual.length) {
            int size = 2 * (outLength + BLOCK);
            outResidual = Arrays.copyOf(outResidual, size);
            outGated = Arrays.copyOf(outGated, size);
            outEcho = Arrays.copyOf(outEcho, size);
        }
    }

    private static double meanSquare(double[] s) {
        double sum = 0;
        for (double v : s) {
            sum += v * v;
        }
        return sum / s.length;
    }

    private static short toShort(double v) {
        return (short) Math.clamp(Math.round(v * 32768), Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** What the canceller has done so far. */
    public Stats stats() {
        return new Stats(blocks, farBlocks, doubleTalkBlocks, gatedBlocks, copies, resets, nanos);
    }

    /**
     * Counts since the canceller was made.
     *
     * @param blocks blocks processed ({@value #BLOCK} samples each)
     * @param farBlocks blocks in which the far end (or its echo tail) was active
     * @param doubleTalkBlocks far-active blocks judged to hold the client's voice (adaptation frozen)
     * @param gatedBlocks blocks the residual echo gate attenuated as echo only
     * @param copies times the background filter replaced the foreground
     * @param resets times the background filter diverged and was reset from the foreground
     * @param nanos wall time spent in {@link #process}
     */
    public record Stats(long blocks, long farBlocks, long doubleTalkBlocks, long gatedBlocks, long copies,
            long resets, long nanos) {
    }
}
