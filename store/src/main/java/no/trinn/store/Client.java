package no.trinn.store;

import java.time.Instant;
import no.trinn.core.Require;

/**
 * A client known to the store: only a pseudonymous alias (see {@link Aliases}), when it was first recorded and how
 * many sessions it has.
 *
 * @param alias the pseudonym; well-formed per {@link Aliases#requireValid(String)}
 * @param createdAt when the client's first session started
 * @param sessions number of recorded sessions, at least 0
 */
public record Client(String alias, Instant createdAt, int sessions) {
    public Client {
        Aliases.requireValid(alias);
        Require.nonNull(createdAt, "createdAt");
        Require.inRange(sessions, 0, Integer.MAX_VALUE, "sessions");
    }
}
