package no.trinn.console.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.core.Clock;
import no.trinn.core.Require;

/**
 * The console's browser sessions, in memory only (a restart logs everyone out). Each has a random id (the cookie)
 * and a random CSRF token, both 256 bits. A session ends after {@code idle} without a request and, whatever happens,
 * {@code absolute} after it was created. Sessions before login ("anonymous", holding only the login form's CSRF
 * token) are capped in number. Thread-safe.
 */
final class WebSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ANONYMOUS = 1000;

    /** One browser session. */
    static final class Session {
        private final String id;
        private final String csrf;
        private final boolean authenticated;
        private final Instant created;
        private volatile Instant lastSeen;

        private Session(String id, String csrf, boolean authenticated, Instant created) {
            this.id = id;
            this.csrf = csrf;
            this.authenticated = authenticated;
            this.created = created;
            this.lastSeen = created;
        }

        String id() {
            return id;
        }

        String csrf() {
            return csrf;
        }

        boolean authenticated() {
            return authenticated;
        }

        /** Whether {@code token} is this session's CSRF token (constant time). */
        boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    csrf.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    WebSessions(Clock clock, Duration idle, Duration absolute) {
        this.clock = Require.nonNull(clock, "clock");
        this.idle = Require.nonNull(idle, "idle");
        this.absolute = Require.nonNull(absolute, "absolute");
    }

    /** The live session with cookie value {@code id}, its idle time restarted; ended sessions are removed. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    /** A new session; an authenticated one after a login, an anonymous one for the login form. */
    Session create(boolean authenticated) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        if (!authenticated) {
            long anonymous = sessions.values().stream().filter(s -> !s.authenticated).count();
            if (anonymous >= MAX_ANONYMOUS) {
                sessions.values().stream().filter(s -> !s.authenticated)
                        .sorted(Comparator.comparing((Session s) -> s.lastSeen))
                        .limit(anonymous - MAX_ANONYMOUS + 1).map(s -> s.id).toList().forEach(sessions::remove);
            }
        }
        Session s = new Session(token(), token(), authenticated, now);
        sessions.put(s.id, s);
        return s;
    }

    /** Ends the session with cookie value {@code id}, if any. */
    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session (after a password change). */
    void endAll() {
        sessions.clear();
    }

    /** How long a session lives at most. */
    Duration absolute() {
        return absolute;
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(idle)) || !now.isBefore(s.created.plus(absolute));
    }

    /** 256 random bits, Base64url without padding. */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
