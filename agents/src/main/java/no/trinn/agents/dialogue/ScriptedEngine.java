package no.trinn.agents.dialogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;

/**
 * The scripted dialogue engine: answers with the scenario's authored lines. The client's words are matched to the
 * current state's intents; a match moves the conversation along the state graph, anything below the threshold gets
 * the state's reprompt (simpler variants at low complexity), a repeat request repeats the last line. Beside the
 * scenario's lines, every character behaves by its behaviour parameters in the same generic ways ({@link Manner}:
 * distraction asides, cut-ins, vague reprompts, nudges, ...), except when repeating. Works with no
 * download beyond the embedding model inside the jar. Stateless and thread-safe; {@link ScriptedChatModel} and
 * {@link ScriptedStreamingChatModel} put it behind LangChain4j's chat model interfaces.
 */
public final class ScriptedEngine {
    /** Name of this engine in response metadata and messages. */
    public static final String NAME = "scripted";

    private final IntentMatcher matcher;

    public ScriptedEngine(IntentMatcher matcher) {
        this.matcher = Require.nonNull(matcher, "matcher");
    }

    /** The matcher this engine uses. */
    public IntentMatcher matcher() {
        return matcher;
    }

    /** The character's opening line for a session that stands in its first state. */
    public CharacterReply opening(TurnContext ctx) {
        Scenario s = ctx.scenario();
        String text = Manner.forLanguage(s.language()).opening(ctx, say(s.opening(), ctx).orElseThrow()).text();
        return new CharacterReply(text, affect(ctx, true), Optional.empty(), 0.0, ctx.stateId(), List.of(), false,
                true);
    }

    /** The character's answer to {@code utterance} (already sanitised; may be empty for silence). */
    public CharacterReply reply(TurnContext ctx, String utterance) {
        Scenario scenario = ctx.scenario();
        State state = scenario.state(ctx.stateId()).orElseThrow();
        if (Text.normalise(utterance).isEmpty()) {
            CommonPhrases common = CommonPhrases.forLanguage(scenario.language());
            return notUnderstood(ctx, state, Manner.forLanguage(scenario.language())
                    .silence(ctx, say(common.silence(), ctx).orElseThrow()).text(), 0.0);
        }
        List<IntentMatcher.Score> ranked = matcher.rank(scenario, state, utterance);
        IntentMatcher.Score best = ranked.getFirst();
        if (!best.accepted()) {
            return notUnderstood(ctx, state, Manner.forLanguage(scenario.language())
                    .notUnderstood(ctx, utterance, reprompt(ctx, state)).text(), best.score());
        }
        if (best.intentId().equals(IntentMatcher.REPAIR)) {
            return repeat(ctx, state, best.score());
        }
        Intent intent = state.intent(best.intentId()).orElseThrow();
        State next = intent.next().flatMap(scenario::state).orElse(state);
        List<String> parts = new ArrayList<>(2);
        say(intent.reply(), ctx).ifPresent(parts::add);
        if (intent.next().isPresent()) {
            say(next.say(), ctx).ifPresent(parts::add);
        }
        if (parts.isEmpty()) {
            parts.add(reprompt(ctx, next));
        }
        String text = Manner.forLanguage(scenario.language()).understood(ctx, utterance, parts).text();
        return new CharacterReply(text, affect(ctx, true), Optional.of(intent.id()),
                best.score(), next.id(), intent.steps(), false, true);
    }

    /** The answer to an explicit repeat request (the client's {@code /repeat}). */
    public CharacterReply repeat(TurnContext ctx) {
        return repeat(ctx, ctx.scenario().state(ctx.stateId()).orElseThrow(), 1.0);
    }

    private CharacterReply repeat(TurnContext ctx, State state, double confidence) {
        Optional<String> last = ctx.lastCharacterLine();
        if (last.isEmpty()) {
            return new CharacterReply(reprompt(ctx, state), affect(ctx, true), Optional.of(IntentMatcher.REPAIR),
                    confidence, state.id(), List.of(), true, true);
        }
        CommonPhrases common = CommonPhrases.forLanguage(ctx.scenario().language());
        // the prefix must not count as "recent", or a second repeat would vary it for no reason
        String prefix = LineChooser.choose(common.repeatPrefix(), ctx.behaviour(), List.of()).map(Line::text)
                .orElse("");
        String line = Manner.forLanguage(ctx.scenario().language()).strip(last.get());
        String text = prefix.isEmpty() ? line : prefix + " " + line;
        return new CharacterReply(text, affect(ctx, true), Optional.of(IntentMatcher.REPAIR), confidence, state.id(),
                List.of(), true, true);
    }

    private CharacterReply notUnderstood(TurnContext ctx, State state, String text, double confidence) {
        return new CharacterReply(text, affect(ctx, false), Optional.empty(), confidence, state.id(), List.of(),
                false, false);
    }

    private String reprompt(TurnContext ctx, State state) {
        return say(state.reprompt(), ctx).or(() -> say(state.say(), ctx))
                .orElseGet(() -> ctx.lastCharacterLine().orElse("..."));
    }

    private static Optional<String> say(List<Line> lines, TurnContext ctx) {
        return LineChooser.choose(lines, ctx.behaviour(), ctx.recentLines()).map(Line::text);
    }

    /** The character's affect: warm or cool by warmth; impatient when pressed and not understood. */
    private static String affect(TurnContext ctx, boolean understood) {
        double warmth = ctx.value("warmth", 0.5);
        if (!understood && ctx.value("pressure", 0.0) >= 0.6 && ctx.misunderstandings() >= 1) {
            return "impatient";
        }
        if (warmth >= 0.7) {
            return "warm";
        }
        return warmth <= 0.35 ? "cool" : "neutral";
    }
}
