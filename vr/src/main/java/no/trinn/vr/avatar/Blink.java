package no.trinn.vr.avatar;

/**
 * Seeded blinking as a pure function of time: one blink in each {@link #SLOT_SECONDS} slot, at a seeded offset, so
 * blinks come 1.5 to 6.5 s apart. A blink closes the lids in 70 ms, holds 30 ms and opens in 100 ms.
 */
public final class Blink {
    /** Each slot of this length holds exactly one blink. */
    public static final double SLOT_SECONDS = 4.0;
    /** How long one blink lasts, closing to open. */
    public static final double DURATION_SECONDS = 0.2;
    private static final double CLOSE = 0.07;
    private static final double HOLD = 0.03;
    private static final double OPEN = 0.1;

    private Blink() {
    }

    /** When the blink of slot {@code slot} starts, in seconds. */
    public static double start(long seed, long slot) {
        return slot * SLOT_SECONDS + 0.25 + Seeds.unit(seed, 0x5EEDB11L + slot) * (SLOT_SECONDS - 1.5);
    }

    /** The first blink start at or after {@code seconds}. */
    public static double nextStart(long seed, double seconds) {
        long slot = (long) Math.floor(seconds / SLOT_SECONDS);
        double s = start(seed, slot);
        return s >= seconds ? s : start(seed, slot + 1);
    }

    /** How far the lids are closed at {@code seconds}: 0 open .. 1 shut. */
    public static double closure(long seed, double seconds) {
        long slot = (long) Math.floor(seconds / SLOT_SECONDS);
        double best = 0;
        for (long s = slot - 1; s <= slot; s++) {
            best = Math.max(best, shape(seconds - start(seed, s)));
        }
        return best;
    }

    private static double shape(double d) {
        if (d < 0 || d >= DURATION_SECONDS) {
            return 0;
        }
        if (d < CLOSE) {
            return d / CLOSE;
        }
        if (d < CLOSE + HOLD) {
            return 1;
        }
        return 1 - (d - CLOSE - HOLD) / OPEN;
    }
}
