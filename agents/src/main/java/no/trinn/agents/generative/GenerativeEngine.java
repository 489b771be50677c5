package no.trinn.agents.generative;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import no.trinn.agents.AgentException;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.dialogue.CharacterReplyMetadata;
import no.trinn.agents.dialogue.LineChooser;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.dialogue.Text;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.agents.dialogue.TurnRequestParameters;
import no.trinn.core.Clock;
import no.trinn.core.Require;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generative dialogue engine: a character driven by any LangChain4j chat model (a local llama.cpp model, an
 * OpenAI-compatible server, ...) that stays inside its scenario. {@link #chatModel()} and
 * {@link #streamingChatModel()} put it behind LangChain4j's interfaces, taking {@link TurnRequestParameters} exactly
 * like the scripted engine, so a session does not care which engine it talks to.
 *
 * <p>One client turn:
 * <ol>
 *   <li>The scripted engine reads the client's words first (intent, confidence, repair, and its authored reply as
 *       the fallback), so per-turn metrics are the same whichever engine answers.</li>
 *   <li>Authored turns, without the model: the opening line, silence, and repeat requests get the scripted reply;
 *       an attempt to pull the character out of its role ({@link GuardRails#checkClient}) gets an in-role
 *       deflection followed by the state's reprompt, with fallback code {@code deflection:<kind>}.</li>
 *   <li>Otherwise the model is asked, with the prompt of {@link CharacterPrompt} and the conversation so far, for a
 *       JSON reply forced by a JSON schema ({@code ChatRequest.responseFormat()}); it is checked as it streams in
 *       and when complete (see the package's {@code Turn}: guard rails, validation against the scenario, one retry,
 *       the latency guard, the time-out), and falls back to the scripted reply with a reason code in
 *       {@link CharacterReply#fallback()} when it cannot be used.</li>
 * </ol>
 * A failing model never stops a session: its error becomes an {@link AgentException} naming the engine (server URL
 * or model file), reported through {@link Builder#onTurn} and logged without any text, and the scripted line is
 * said. Prompts, replies, personas and client words are never logged. Thread-safe; sessions may share one engine.
 */
public final class GenerativeEngine {
    /** Name of this engine in response metadata. */
    public static final String NAME = "generative";

    private static final Logger LOG = LoggerFactory.getLogger(GenerativeEngine.class);
    /** How much longer than the time-out a blocking call waits before it gives up on the turn itself. */
    private static final Duration BLOCKING_GRACE = Duration.ofSeconds(10);

    private final Optional<Backend> blocking;
    private final Optional<Backend> streaming;
    private final String description;
    private final ScriptedEngine scripted;
    private final GuardRails guardRails;
    private final GenerativeOptions options;
    private final TurnTimer timer;
    private final Clock clock;
    private final Consumer<TurnReport> onTurn;

    private GenerativeEngine(Builder b) {
        this.description = b.description.orElseGet(() -> "model " + b.chatModel.map(Object::getClass)
                .or(() -> b.streamingModel.map(Object::getClass)).orElseThrow().getSimpleName());
        this.blocking = b.chatModel.map(m -> Backend.blocking(m, description));
        this.streaming = b.streamingModel.map(m -> Backend.streaming(m, description));
        this.scripted = b.scripted;
        this.guardRails = b.guardRails;
        this.options = b.options;
        this.timer = b.timer;
        this.clock = b.clock;
        this.onTurn = b.onTurn;
    }

    /**
     * A builder for an engine that falls back to {@code scripted} and checks with {@code guardRails}; give it a
     * blocking model, a streaming model or both.
     */
    public static Builder builder(ScriptedEngine scripted, GuardRails guardRails) {
        return new Builder(Require.nonNull(scripted, "scripted"), Require.nonNull(guardRails, "guardRails"));
    }

    /** The engine as a blocking LangChain4j chat model. */
    public GenerativeChatModel chatModel() {
        return new GenerativeChatModel(this);
    }

    /** The engine as a streaming LangChain4j chat model: sentences go out as soon as they have passed the checks. */
    public GenerativeStreamingChatModel streamingChatModel() {
        return new GenerativeStreamingChatModel(this);
    }

    /** What drives this engine, for messages: e.g. {@code server http://host:8080/v1 (model qwen2.5)}. */
    public String description() {
        return description;
    }

    /** The options. */
    public GenerativeOptions options() {
        return options;
    }

    GuardRails guardRails() {
        return guardRails;
    }

    TurnTimer timer() {
        return timer;
    }

    Clock clock() {
        return clock;
    }

    /** The backend for a streamed ({@code early}) or a blocking call: the matching model if given, else the other. */
    Backend backend(boolean early) {
        return (early ? streaming.or(() -> blocking) : blocking.or(() -> streaming)).orElseThrow();
    }

    void report(TurnReport report) {
        LOG.debug("generative turn: fallback={} modelCalls={} filler={} firstPieceMs={} totalMs={}",
                report.fallback().orElse("-"), report.modelCalls(), report.filler(),
                report.firstPiece().map(Duration::toMillis).orElse(-1L), report.total().toMillis());
        try {
            onTurn.accept(report);
        } catch (RuntimeException e) {
            LOG.warn("generative engine: the turn listener failed: {}", e.getClass().getName());
        }
    }

    /** A blocking call: the whole reply, waiting at most the time-out (plus a grace period). */
    ChatResponse chat(ChatRequest request) {
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        run(request, false, new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                result.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }
        });
        Duration wait = options.timeout().plus(BLOCKING_GRACE);
        try {
            return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("the generative engine (" + description + ") was interrupted", e);
        } catch (TimeoutException e) {
            throw new AgentException("the generative engine (" + description + ") gave no reply within " + wait, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AgentException a ? a
                    : new AgentException("the generative engine (" + description + ") failed: "
                            + Turn.describe(e.getCause()), e.getCause());
        }
    }

    /**
     * Answers one request through {@code handler}: partial responses (sentences, and a filler when slow) and then
     * the complete response, from this thread or the engine's own. Throws {@link AgentException} at once if the
     * request carries no turn context.
     */
    void run(ChatRequest request, boolean early, StreamingChatResponseHandler handler) {
        TurnContext ctx = TurnRequestParameters.require(request.parameters(), NAME);
        long start = clock.nanoTime();
        Optional<String> words = clientWords(request.messages());
        if (words.isEmpty()) {
            authored(scripted.opening(ctx), Optional.empty(), start, handler);
            return;
        }
        String client = Text.sanitise(words.get());
        CharacterReply baseline = scripted.reply(ctx, client);
        if (Text.normalise(client).isEmpty() || baseline.repair()) {
            authored(baseline, Optional.empty(), start, handler);
            return;
        }
        Optional<GuardRails.RoleBreak> attempt = guardRails.checkClient(client, ctx.scenario().language(),
                baseline.confidence());
        if (attempt.isPresent()) {
            GuardRails.Attempt kind = attempt.get().attempt();
            LOG.debug("generative engine: role-break attempt {} by {}", kind.key(), attempt.get().method());
            String text = guardRails.deflection(kind, ctx) + reprompt(ctx).map(r -> " " + r).orElse("");
            authored(new CharacterReply(text, baseline.affect(), Optional.empty(), baseline.confidence(),
                    ctx.stateId(), List.of(), false, false, Optional.empty(), Optional.of(kind.code())),
                    Optional.of(kind.code()), start, handler);
            return;
        }
        List<ChatMessage> history = history(request.messages(), client);
        String system = CharacterPrompt.forLanguage(ctx.scenario().language()).system(ctx);
        new Turn(this, ctx, baseline, (n, problem) -> modelRequest(ctx, system, history, n, problem), early, handler)
                .start();
    }

    private ChatRequest modelRequest(TurnContext ctx, String system, List<ChatMessage> history, int attempt,
            ParsedReply.Problem problem) {
        CharacterPrompt prompt = CharacterPrompt.forLanguage(ctx.scenario().language());
        String note = prompt.turn(ctx, options.examplesPerIntent());
        if (attempt > 1) {
            note = note + "\n\n" + prompt.retry(ctx, problem);
        }
        List<ChatMessage> messages = new ArrayList<>(history.size() + 2);
        switch (options.turnNote()) {
            case AFTER_CONVERSATION -> {
                messages.add(SystemMessage.from(system));
                messages.addAll(history);
                messages.add(SystemMessage.from(note));
            }
            case IN_SYSTEM_MESSAGE -> {
                messages.add(SystemMessage.from(system + "\n\n" + note));
                messages.addAll(history);
            }
            case IN_USER_MESSAGE -> {
                messages.add(SystemMessage.from(system));
                messages.addAll(history.subList(0, history.size() - 1));
                UserMessage client = (UserMessage) history.getLast();
                messages.add(UserMessage.from(prompt.userMessage(client.singleText(), note)));
            }
        }
        return ChatRequest.builder().messages(messages).parameters(DefaultChatRequestParameters.builder()
                .temperature(options.temperature()).maxOutputTokens(options.maxOutputTokens())
                .responseFormat(CharacterPrompt.responseFormat(ctx)).build()).build();
    }

    /** The conversation without system messages, the client's last words replaced by their sanitised form. */
    private static List<ChatMessage> history(List<ChatMessage> messages, String client) {
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (i == messages.size() - 1) {
                out.add(UserMessage.from(client));
            } else if (m instanceof UserMessage u) {
                String t = u.hasSingleText() ? Text.sanitise(u.singleText()) : "";
                out.add(UserMessage.from(t.isBlank() ? "..." : t));
            } else if (m instanceof AiMessage a && a.text() != null && !a.text().isBlank()) {
                out.add(AiMessage.from(a.text()));
            }
        }
        return out;
    }

    /** The client's words when the last message is a user message. */
    private static Optional<String> clientWords(List<ChatMessage> messages) {
        if (messages.isEmpty() || !(messages.getLast() instanceof UserMessage user)) {
            return Optional.empty();
        }
        return Optional.of(user.hasSingleText() ? user.singleText() : "");
    }

    private static Optional<String> reprompt(TurnContext ctx) {
        State state = ctx.scenario().state(ctx.stateId()).orElseThrow();
        return LineChooser.choose(state.reprompt(), ctx.behaviour(), ctx.recentLines())
                .or(() -> LineChooser.choose(state.say(), ctx.behaviour(), ctx.recentLines())).map(Line::text);
    }

    /** Delivers an authored reply, sentence by sentence, without the model. */
    private void authored(CharacterReply reply, Optional<String> fallback, long start,
            StreamingChatResponseHandler handler) {
        long first = clock.nanoTime();
        StringBuilder said = new StringBuilder();
        for (String sentence : SentenceSplitter.split(reply.text())) {
            String piece = said.isEmpty() ? sentence : " " + sentence;
            said.append(piece);
            handler.onPartialResponse(piece);
        }
        CharacterReply spoken = said.toString().equals(reply.text()) || said.isEmpty() ? reply
                : new CharacterReply(said.toString(), reply.affect(), reply.intent(), reply.confidence(),
                        reply.nextState(), reply.goalSteps(), reply.repair(), reply.understood(), reply.gesture(),
                        reply.fallback());
        if (said.isEmpty()) {
            handler.onPartialResponse(reply.text());
        }
        report(new TurnReport(fallback, 0, false, Optional.of(Duration.ofNanos(first - start)),
                Duration.ofNanos(Math.max(0, clock.nanoTime() - start)), Optional.empty()));
        handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(spoken.text()))
                .metadata(CharacterReplyMetadata.of(spoken, NAME)).build());
    }

    /** Builds a {@link GenerativeEngine}; every setter checks its argument. */
    public static final class Builder {
        private final ScriptedEngine scripted;
        private final GuardRails guardRails;
        private Optional<ChatModel> chatModel = Optional.empty();
        private Optional<StreamingChatModel> streamingModel = Optional.empty();
        private Optional<String> description = Optional.empty();
        private GenerativeOptions options = GenerativeOptions.defaults();
        private TurnTimer timer = TurnTimer.system();
        private Clock clock = Clock.system();
        private Consumer<TurnReport> onTurn = r -> { };

        private Builder(ScriptedEngine scripted, GuardRails guardRails) {
            this.scripted = scripted;
            this.guardRails = guardRails;
        }

        /** The model for blocking calls (and for streamed ones if no streaming model is given). */
        public Builder chatModel(ChatModel model) {
            this.chatModel = Optional.of(Require.nonNull(model, "model"));
            return this;
        }

        /** The model for streamed calls (and for blocking ones if no blocking model is given). */
        public Builder streamingChatModel(StreamingChatModel model) {
            this.streamingModel = Optional.of(Require.nonNull(model, "model"));
            return this;
        }

        /**
         * What the models are, for messages, e.g. {@code server http://host:8080/v1 (model qwen2.5)}; never a key.
         * Defaults to the model's class name.
         */
        public Builder description(String text) {
            this.description = Optional.of(Require.nonBlank(text, "description"));
            return this;
        }

        /** The options; {@link GenerativeOptions#defaults()} unless set. */
        public Builder options(GenerativeOptions o) {
            this.options = Require.nonNull(o, "options");
            return this;
        }

        /** The timer of the latency guard and time-out; {@link TurnTimer#system()} unless set. */
        public Builder timer(TurnTimer t) {
            this.timer = Require.nonNull(t, "timer");
            return this;
        }

        /** The clock timings are measured with; {@link Clock#system()} unless set. */
        public Builder clock(Clock c) {
            this.clock = Require.nonNull(c, "clock");
            return this;
        }

        /** Receives a report of every turn (reason codes and timings), on the engine's threads. */
        public Builder onTurn(Consumer<TurnReport> listener) {
            this.onTurn = Require.nonNull(listener, "listener");
            return this;
        }

        /** The engine; an {@link AgentException} if no model was given. */
        public GenerativeEngine build() {
            if (chatModel.isEmpty() && streamingModel.isEmpty()) {
                throw new AgentException("the generative engine needs a chat model or a streaming chat model");
            }
            return new GenerativeEngine(this);
        }
    }
}
