package no.trinn.app.practice;

import dev.langchain4j.model.chat.ChatModel;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import no.trinn.agents.session.Adaptation;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.core.Clock;
import no.trinn.core.session.SessionObserver;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Scenario;

/** How the command line sets up a text practice session; shared by {@code practice} and {@code bench}. */
public final class Sessions {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sessions() {
    }

    /**
     * A new session id: local date and time, then six random hex digits, e.g. {@code 20251128-140501-3fa2c7}.
     * Short enough to type after {@code trinn history --session}, sorted by time, and practically unique for
     * sessions started by people (programs that start many sessions a second number their own).
     */
    public static String newId() {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return LocalDateTime.now().format(ID_TIME) + "-" + HexFormat.of().formatHex(random);
    }

    /**
     * The setup of a session of {@code scenario} at {@code difficulty}, with the standard behaviour parameters of
     * the scenario's first character (who speaks unless a state names another).
     */
    public static SessionSetup setup(String sessionId, Scenario scenario, String clientAlias, double difficulty) {
        return new SessionSetup(sessionId, scenario, clientAlias, difficulty,
                BehaviourParameters.standard().valuesFor(scenario.characters().getFirst(), difficulty));
    }

    /** A session on the scripted engine, observed by {@code observers} in order. */
    public static PracticeSession start(SessionSetup setup, TextEngines engines, List<SessionObserver> observers) {
        return start(setup, engines.engine(), engines, observers);
    }

    /**
     * A session whose character is driven by {@code engine} (the scripted one or one that
     * {@link TextEngines#chatModel} made), checked by the engines' safety check, observed by {@code observers} in
     * order.
     */
    public static PracticeSession start(SessionSetup setup, ChatModel engine, TextEngines engines,
            List<SessionObserver> observers) {
        return start(setup, engine, engines, observers, Optional.empty());
    }

    /** As {@link #start(SessionSetup, ChatModel, TextEngines, List)}, adapted by {@code adaptation}. */
    public static PracticeSession start(SessionSetup setup, ChatModel engine, TextEngines engines,
            List<SessionObserver> observers, Optional<Adaptation> adaptation) {
        return new PracticeSession(setup, engine, engines.safety(), Clock.system(), observers, adaptation);
    }
}
