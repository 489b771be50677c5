package no.trinn.console.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.core.Clock;
import no.trinn.core.Require;

/**
 * Slows down password guessing. Failures are counted per remote address and for all addresses together; after
 * {@code allowed} failures in a row from one address (or ten times as many overall) further attempts are refused
 * unchecked for a lockout that starts at 30 seconds and doubles with each further failure, up to 15 minutes. A
 * success from an address clears its count. Thread-safe.
 */
final class LoginThrottle {
    static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
    private static final String ALL = "";

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final int allowed;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, int allowed) {
        this.clock = Require.nonNull(clock, "clock");
        Require.inRange(allowed, 1, 1000, "allowed");
        this.allowed = allowed;
    }

    /** How long {@code address} must still wait before its next attempt is checked, if it must. */
    Optional<Duration> blocked(String address) {
        Instant now = clock.instant();
        Optional<Duration> own = wait(failures.get(address), allowed, now);
        return own.isPresent() ? own : wait(failures.get(ALL), allowed * 10, now);
    }

    void failed(String address) {
        Instant now = clock.instant();
        if (failures.size() > 10_000) {
            failures.entrySet().removeIf(e -> e.getValue().last().plus(MAX_LOCKOUT).isBefore(now));
        }
        failures.merge(address, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        failures.merge(ALL, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
    }

    void succeeded(String address) {
        failures.remove(address);
    }

    private static Optional<Duration> wait(Failures f, int allowed, Instant now) {
        if (f == null || f.count() < allowed) {
            return Optional.empty();
        }
        int doublings = Math.min(f.count() - allowed, 10);
        Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << doublings);
        if (lockout.compareTo(MAX_LOCKOUT) > 0) {
            lockout = MAX_LOCKOUT;
        }
        Duration left = Duration.between(now, f.last().plus(lockout));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }
}
