package no.trinn.console.web;

import java.nio.file.Path;
import java.time.Duration;
import no.trinn.core.Require;

/**
 * How the console serves: where it listens and how long logins last.
 *
 * @param bind the address to listen on; a loopback address ({@code 127.0.0.1}, {@code ::1}, {@code localhost})
 *     unless the clinic puts the console behind a TLS reverse proxy
 * @param port the TCP port, 0 for any free one
 * @param passwordFile the file holding the password's hash
 * @param passwordIterations PBKDF2 iterations for a new password, at least {@link PasswordFile#MIN_ITERATIONS}
 * @param idleExpiry how long a login lasts without a request
 * @param absoluteExpiry how long a login lasts at most
 * @param allowedFailures failed logins in a row from one address before it must wait
 */
public record ConsoleOptions(String bind, int port, Path passwordFile, int passwordIterations, Duration idleExpiry,
        Duration absoluteExpiry, int allowedFailures) {
    /** The default address: IPv4 loopback. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 7077;
    /** The default idle expiry. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    /** The default absolute expiry. */
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(10);

    public ConsoleOptions {
        Require.nonBlank(bind, "bind");
        Require.inRange(port, 0, 65535, "port");
        Require.nonNull(passwordFile, "passwordFile");
        Require.inRange(passwordIterations, PasswordFile.MIN_ITERATIONS, 10_000_000, "passwordIterations");
        Require.nonNull(idleExpiry, "idleExpiry");
        Require.nonNull(absoluteExpiry, "absoluteExpiry");
        if (idleExpiry.isNegative() || idleExpiry.isZero() || absoluteExpiry.compareTo(idleExpiry) < 0) {
            throw new IllegalArgumentException("idleExpiry must be positive and at most absoluteExpiry, were "
                    + idleExpiry + " and " + absoluteExpiry);
        }
        Require.inRange(allowedFailures, 1, 1000, "allowedFailures");
    }

    /** The defaults, listening on {@code bind}:{@code port}. */
    public static ConsoleOptions defaults(String bind, int port, Path passwordFile) {
        return new ConsoleOptions(bind, port, passwordFile, PasswordFile.DEFAULT_ITERATIONS, DEFAULT_IDLE,
                DEFAULT_ABSOLUTE, 5);
    }
}
