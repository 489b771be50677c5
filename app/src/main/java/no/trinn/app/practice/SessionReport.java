package no.trinn.app.practice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.trinn.agents.session.SessionSetup;
import no.trinn.core.Require;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.Scenario;

/**
 * The JSON document {@code trinn practice --json} prints for one finished session: session id, scenario, client
 * alias, difficulty, the dialogue engine ({@code kind}, and for a generative one {@code model}, {@code url} or
 * {@code file} and {@code threads}, {@code latencyMode}; never an API key), opening line, end reason, every turn
 * with its metrics and its {@code fallback} (the reason code when authored words replaced a generated reply),
 * safety events, pauses, the summary and the timings. Field names are stable; an absent intent or fallback is JSON
 * {@code null}.
 */
public final class SessionReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionReport() {
    }

    /**
     * Timings of one run of the command line.
     *
     * @param modelLoadMillis from the start of loading to the embedding model being ready
     * @param engineReadyMillis from the start of loading to the safety check being ready as well
     * @param timeToFirstLineMillis from the start of the JVM to the character's opening line
     */
    public record Timings(long modelLoadMillis, long engineReadyMillis, long timeToFirstLineMillis) {
    }

    /**
     * The report as pretty-printed JSON.
     *
     * @param setup how the session was set up
     * @param engine the dialogue engine the session talked to
     * @param events the session's event log; the session must have ended
     * @param turns the session's turns
     * @param timings the timings
     */
    public static String json(SessionSetup setup, EngineChoice engine, EventLog events, List<TurnRecord> turns,
            Timings timings) {
        Require.nonNull(setup, "setup");
        Require.nonNull(engine, "engine");
        Require.nonNull(timings, "timings");
        SessionEvent.Ended ended = events.ended().orElseThrow(() -> new IllegalStateException("session "
                + setup.sessionId() + " has not ended; a report needs its summary"));
        ObjectNode root = MAPPER.createObjectNode();
        root.put("sessionId", setup.sessionId());
        Scenario s = setup.scenario();
        ObjectNode scenario = root.putObject("scenario");
        scenario.put("id", s.id());
        scenario.put("title", s.title());
        scenario.put("language", s.language());
        scenario.put("tier", s.tier());
        root.put("client", setup.clientAlias());
        root.put("difficulty", setup.difficulty());
        engine(root.putObject("engine"), engine);
        root.put("openingLine", events.opened().map(SessionEvent.Opened::characterText).orElse(""));
        root.put("endReason", ended.reason());
        ArrayNode turnArray = root.putArray("turns");
        for (TurnRecord t : turns) {
            ObjectNode n = turnArray.addObject();
            n.put("index", t.index());
            n.put("client", t.clientText());
            n.put("character", t.characterText());
            n.put("stateBefore", t.stateBefore());
            n.put("stateAfter", t.stateAfter());
            optional(n, "intent", t.intent());
            n.put("confidence", round(t.confidence()));
            n.put("responseMs", t.responseMillis());
            n.put("words", t.words());
            strings(n.putArray("goalSteps"), t.goalSteps());
            n.put("repair", t.repair());
            n.put("question", t.question());
            n.put("processingMs", round(t.processingNanos() / 1e6));
            optional(n, "fallback", t.fallback());
        }
        ArrayNode safety = root.putArray("safetyEvents");
        for (SessionEvent.SafetyRaised e : events.safety()) {
            ObjectNode n = safety.addObject();
            n.put("turn", e.event().turnIndex());
            n.put("kind", e.event().kind().name());
            n.put("severity", e.event().severity());
            n.put("method", e.event().method());
            n.put("score", round(e.event().score()));
        }
        ArrayNode pauses = root.putArray("pauses");
        for (SessionEvent.PauseChanged p : events.pauses()) {
            ObjectNode n = pauses.addObject();
            n.put("paused", p.paused());
            n.put("reason", p.reason());
            n.put("at", p.at().toString());
        }
        SessionSummary sum = ended.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("goalMet", sum.goalMet());
        strings(summary.putArray("goalStepsMet"), sum.goalStepsMet());
        strings(summary.putArray("goalStepsMissed"), sum.goalStepsMissed());
        strings(summary.putArray("strengths"), sum.strengths());
        summary.put("practiseNext", sum.practiseNext());
        summary.put("realWorldTask", sum.realWorldTask());
        summary.put("turns", sum.turns());
        ObjectNode t = root.putObject("timings");
        t.put("modelLoadMs", timings.modelLoadMillis());
        t.put("engineReadyMs", timings.engineReadyMillis());
        t.put("timeToFirstLineMs", timings.timeToFirstLineMillis());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report of session " + setup.sessionId() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void engine(ObjectNode n, EngineChoice engine) {
        n.put("kind", engine.kind().id());
        switch (engine) {
            case EngineChoice.Scripted s -> {
                // the scripted engine has no model
            }
            case EngineChoice.Local l -> {
                n.put("model", l.model());
                n.put("file", l.gguf().toString());
                n.put("threads", l.threads());
                n.put("latencyMode", l.options().latencyMode().name().toLowerCase(Locale.ROOT));
            }
            case EngineChoice.Server s -> {
                n.put("model", s.model());
                n.put("url", s.url());
                n.put("latencyMode", s.options().latencyMode().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void optional(ObjectNode n, String field, Optional<String> value) {
        if (value.isPresent()) {
            n.put(field, value.get());
        } else {
            n.putNull(field);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
