package no.trinn.vr.avatar;

import java.nio.charset.StandardCharsets;

/** Deterministic hashing for seeded animation and appearance. */
final class Seeds {
    private Seeds() {
    }

    /** A well-mixed 64-bit value of {@code seed} and {@code salt} (SplitMix64 finaliser). */
    static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [0, 1) from {@code seed} and {@code salt}. */
    static double unit(long seed, long salt) {
        return (mix(seed, salt) >>> 11) * 0x1.0p-53;
    }

    /** A stable 64-bit seed of a text (FNV-1a over its UTF-8 bytes). */
    static long of(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
