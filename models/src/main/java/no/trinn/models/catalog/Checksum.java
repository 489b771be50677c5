package no.trinn.models.catalog;

import java.util.Locale;
import java.util.regex.Pattern;
import no.trinn.core.Require;

/**
 * The known byte count and SHA-256 of a file. The hash is kept in lower case.
 *
 * @param size the number of bytes, at least 0
 * @param sha256 64 hexadecimal digits
 */
public record Checksum(long size, String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Checksum {
        Require.inRange(size, 0, Long.MAX_VALUE, "size");
        sha256 = Require.nonNull(sha256, "sha256").toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hexadecimal digits, was '" + sha256 + "'");
        }
    }

    /** Whether {@code text} is a well-formed SHA-256 in hexadecimal (either case). */
    public static boolean isSha256(String text) {
        return HEX64.matcher(text.toLowerCase(Locale.ROOT)).matches();
    }
}
