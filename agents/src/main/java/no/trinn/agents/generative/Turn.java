package no.trinn.agents.generative;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import no.trinn.agents.AgentException;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.dialogue.CharacterReplyMetadata;
import no.trinn.agents.dialogue.TurnContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client turn answered by the model, as a small state machine driven by the model's output, the latency timer
 * and the time-out (each may call in from its own thread; every step holds this turn's lock, so the handler sees
 * pieces and the end in order, exactly once).
 *
 * <p>The {@code say} value is read while the JSON streams in and cut into sentences; each sentence is checked by the
 * guard rails and, when it passes, accepted. When {@code early} (a streamed reply), accepted sentences go out at
 * once; otherwise they wait for the end and any failing sentence fails the whole reply. At the end the whole JSON is
 * parsed and checked against the scenario. Outcomes:
 * <ul>
 *   <li>valid: the accepted sentences, with the model's affect, gesture, goal steps and next state;</li>
 *   <li>invalid JSON or fields, nothing of it said yet: one retry with a note on the problem, then the scripted
 *       reply ({@code invalid_output});</li>
 *   <li>a sentence fails a guard rail: if nothing of the model's was said yet, the scripted reply
 *       ({@code guard:*}); if earlier sentences were already said (streaming), the rest is dropped and the code
 *       recorded; the length cap cuts in the same way ({@code guard:length});</li>
 *   <li>the model fails ({@code unavailable}) or runs past the time-out ({@code timeout}): the scripted reply, or
 *       what was said plus the scripted structure;</li>
 *   <li>the latency budget passes before the first sentence was said: a filler (FILLER, streamed replies only) or the
 *       scripted reply at once (HYBRID, {@code latency}).</li>
 * </ul>
 * The metrics part of the reply (intent, confidence, repair) always comes from the scripted engine's reading of the
 * client's words, so per-turn metrics stay comparable between engines.
 */
final class Turn {
    private static final Logger LOG = LoggerFactory.getLogger(Turn.class);

    private final GenerativeEngine engine;
    private final TurnContext ctx;
    private final CharacterReply scripted;
    private final BiFunction<Integer, ParsedReply.Problem, ChatRequest> requestFor;
    private final boolean early;
    private final StreamingChatResponseHandler handler;
    private final long startNanos;

    private final List<String> spoken = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();
    private int acceptedChars;
    private int processed;
    private Optional<String> cut = Optional.empty();
    private SayExtractor extractor = new SayExtractor();
    private SentenceSplitter splitter = new SentenceSplitter();
    private boolean splitterFinished;
    private boolean modelSpoke;
    private boolean fillerSaid;
    private boolean done;
    private int attempt;
    private ParsedReply.Problem lastProblem = ParsedReply.Problem.JSON;
    private Runnable cancelCall = () -> { };
    private boolean callEnded;
    private TurnTimer.Scheduled budget;
    private TurnTimer.Scheduled timeout;
    private long firstPieceNanos = -1;
    private Optional<AgentException> error = Optional.empty();

    /**
     * @param requestFor the model request of attempt 1 or 2; the second carries a note on the first one's problem
     */
    Turn(GenerativeEngine engine, TurnContext ctx, CharacterReply scripted,
            BiFunction<Integer, ParsedReply.Problem, ChatRequest> requestFor,
            boolean early, StreamingChatResponseHandler handler) {
        this.engine = engine;
        this.ctx = ctx;
        this.scripted = scripted;
        this.requestFor = requestFor;
        this.early = early;
        this.handler = handler;
        this.startNanos = engine.clock().nanoTime();
    }

    /** Starts the model call and the timers. */
    synchronized void start() {
        GenerativeOptions o = engine.options();
        if (o.latencyMode() != GenerativeOptions.LatencyMode.OFF) {
            budget = engine.timer().schedule(o.latencyBudget(), this::budgetPassed);
        }
        timeout = engine.timer().schedule(o.timeout(), this::timedOut);
        call();
    }

    private void call() {
        attempt++;
        extractor = new SayExtractor();
        splitter = new SentenceSplitter();
        splitterFinished = false;
        accepted.clear();
        acceptedChars = 0;
        processed = 0;
        cut = Optional.empty();
        callEnded = false;
        int thisAttempt = attempt;
        Backend backend = engine.backend(early);
        ChatRequest request = requestFor.apply(attempt, lastProblem);
        Backend.Sink sink = new Backend.Sink() {
            @Override
            public void text(String piece) {
                Turn.this.text(thisAttempt, piece);
            }

            @Override
            public void done(String whole) {
                Turn.this.done(thisAttempt, whole);
            }

            @Override
            public void failed(Throwable e) {
                Turn.this.failed(thisAttempt, e);
            }
        };
        cancelCall = backend.start(request, sink);
    }

    private synchronized void text(int a, String piece) {
        if (done || a != attempt || piece == null || piece.isEmpty()) {
            return;
        }
        String say = extractor.feed(piece);
        for (String sentence : splitter.feed(say)) {
            consider(sentence);
            if (done) {
                return;
            }
        }
        if (extractor.sayClosed() && !splitterFinished) {
            splitterFinished = true;
            for (String sentence : splitter.finish()) {
                consider(sentence);
                if (done) {
                    return;
                }
            }
        }
    }

    private synchronized void done(int a, String whole) {
        if (done || a != attempt) {
            return;
        }
        callEnded = true;
        ParsedReply.Result result = ParsedReply.parse(whole, ctx, ReplyFormat.standard());
        if (result.reply().isEmpty()) {
            invalid(result.problem().orElseThrow());
            return;
        }
        ParsedReply reply = result.reply().get();
        List<String> sentences = SentenceSplitter.split(reply.say());
        for (int i = processed; i < sentences.size() && !done; i++) {
            consider(sentences.get(i));
        }
        if (done) {
            return;
        }
        if (accepted.isEmpty()) {
            invalid(ParsedReply.Problem.SAY);
            return;
        }
        if (!early) {
            accepted.forEach(this::emit);
        }
        boolean understood = scripted.understood() || !reply.goalStepsMet().isEmpty()
                || !reply.nextState().equals(ctx.stateId());
        finish(new CharacterReply(said(), reply.affect(), scripted.intent(), scripted.confidence(),
                reply.nextState(), reply.goalStepsMet(), scripted.repair(), understood, reply.gesture(), cut));
    }

    private synchronized void failed(int a, Throwable e) {
        if (done || a != attempt) {
            return;
        }
        callEnded = true;
        AgentException wrapped = e instanceof AgentException ae && ae.getMessage().contains(engine.description())
                ? ae : new AgentException("the generative engine (" + engine.description() + ") failed: "
                        + describe(e), e);
        error = Optional.of(wrapped);
        LOG.warn("generative engine: model call failed, scripted line used: {}", wrapped.getMessage());
        endWithScripted("unavailable");
    }

    private synchronized void budgetPassed() {
        if (done || modelSpoke) {
            return;
        }
        switch (engine.options().latencyMode()) {
            case FILLER -> {
                if (early && !fillerSaid) {
                    fillerSaid = true;
                    emit(AuthoredLines.forLanguage(ctx.scenario().language()).filler(ctx));
                }
            }
            case HYBRID -> endWithScripted("latency");
            case OFF -> {
                // not scheduled
            }
        }
    }

    private synchronized void timedOut() {
        if (!done) {
            endWithScripted("timeout");
        }
    }

    /** Checks one sentence of the model's say value and accepts it, cuts the reply there, or fails it. */
    private void consider(String sentence) {
        processed++;
        if (cut.isPresent()) {
            return;
        }
        GenerativeOptions o = engine.options();
        int chars = acceptedChars + (accepted.isEmpty() ? 0 : 1) + sentence.length();
        if (accepted.size() + 1 > o.maxSentences() || chars > o.maxChars()) {
            stopAt(GuardRails.Issue.LENGTH);
            return;
        }
        Optional<GuardRails.Issue> issue = engine.guardRails().checkSentence(sentence, String.join(" ", accepted),
                ctx.scenario().language());
        if (issue.isPresent()) {
            stopAt(issue.get());
            return;
        }
        accepted.add(sentence);
        acceptedChars = chars;
        if (early) {
            modelSpoke = true;
            emit(sentence);
        }
    }

    /** A sentence may not be said: cut the reply before it, or drop the reply if nothing of it can stand. */
    private void stopAt(GuardRails.Issue issue) {
        LOG.debug("generative engine: guard rail {} on a generated sentence", issue.code());
        if (issue == GuardRails.Issue.LENGTH && !accepted.isEmpty() || modelSpoke) {
            cut = Optional.of(issue.code());
            return;
        }
        endWithScripted(issue.code());
    }

    private void invalid(ParsedReply.Problem problem) {
        LOG.debug("generative engine: invalid reply ({}), attempt {}", problem.code(), attempt);
        lastProblem = problem;
        if (!modelSpoke && attempt == 1) {
            if (!callEnded) {
                cancelCall.run();
            }
            call();
            return;
        }
        endWithScripted("invalid_output");
    }

    /**
     * Ends the turn with authored words: the scripted reply when nothing of the model's was said, else what was said
     * with the scripted structure (state, goal steps, affect).
     */
    private void endWithScripted(String reason) {
        if (!modelSpoke) {
            SentenceSplitter.split(scripted.text()).forEach(this::emit);
        }
        finish(new CharacterReply(said(), scripted.affect(), scripted.intent(), scripted.confidence(),
                scripted.nextState(), scripted.goalSteps(), scripted.repair(), scripted.understood(),
                Optional.empty(), Optional.of(reason)));
    }

    private void emit(String piece) {
        if (firstPieceNanos < 0) {
            firstPieceNanos = engine.clock().nanoTime();
        }
        String out = spoken.isEmpty() ? piece : " " + piece;
        spoken.add(piece);
        try {
            handler.onPartialResponse(out);
        } catch (RuntimeException e) {
            LOG.warn("generative engine: the caller's handler failed on a partial response: {}",
                    e.getClass().getName());
        }
    }

    private String said() {
        return String.join(" ", spoken);
    }

    private void finish(CharacterReply reply) {
        done = true;
        if (!callEnded) {
            cancelCall.run();
        }
        if (budget != null) {
            budget.cancel();
        }
        if (timeout != null) {
            timeout.cancel();
        }
        long now = engine.clock().nanoTime();
        TurnReport report = new TurnReport(reply.fallback(), attempt, fillerSaid,
                firstPieceNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(firstPieceNanos - startNanos)),
                Duration.ofNanos(Math.max(0, now - startNanos)), error);
        engine.report(report);
        ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from(reply.text()))
                .metadata(CharacterReplyMetadata.of(reply, GenerativeEngine.NAME)).build();
        try {
            handler.onCompleteResponse(response);
        } catch (RuntimeException e) {
            LOG.warn("generative engine: the caller's handler failed on the complete response: {}",
                    e.getClass().getName());
        }
    }

    /** The kind of an error and, for an exception chain, its causes' kinds and messages (no model text is in them). */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                sb.append(": ").append(m.length() > 160 ? m.substring(0, 160) + "..." : m);
            }
        }
        return sb.toString();
    }
}
