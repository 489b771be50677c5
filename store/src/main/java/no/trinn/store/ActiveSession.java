package no.trinn.store;

import java.time.Instant;
import no.trinn.core.Require;

/**
 * A session that is being recorded now (status {@code active}), as the console's list of live sessions shows it.
 *
 * @param id the session's id
 * @param clientAlias the client's pseudonym
 * @param scenarioId the scenario practised
 * @param startedAt when it started
 * @param lastEventAt when its latest event happened
 */
public record ActiveSession(String id, String clientAlias, String scenarioId, Instant startedAt,
        Instant lastEventAt) {
    public ActiveSession {
        Require.nonBlank(id, "id");
        Require.nonBlank(clientAlias, "clientAlias");
        Require.nonBlank(scenarioId, "scenarioId");
        Require.nonNull(startedAt, "startedAt");
        Require.nonNull(lastEventAt, "lastEventAt");
    }
}
