package no.trinn.agents.generative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.agents.dialogue.LineChooser;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.core.Require;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Goal;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;

/**
 * The generative engine's prompt in one language, from the data file {@code prompt-<language>.yaml}: a stable
 * system part (who the character is, the setting, the learning goal, what each behaviour parameter means, the rules, the reply
 * format) that stays the
 * same for a whole session, a turn part (where the conversation stands, the behaviour parameters now, what the client
 * may do and where it leads, the allowed next states), a retry note, and the form of a last user message that
 * carries the turn part. Behaviour and temperament values are put in
 * words in five steps ({@code warmth 0.9} is "very warm and encouraging"). The reply's JSON schema lists the allowed
 * affects, gestures, goal steps and next states, so a model that honours schemas (a local grammar, a server's
 * structured output) can only answer inside the scenario. Immutable and thread-safe; one instance per language.
 *
 * <p>Placeholders of {@code system}: name, role, persona, languageName, setting, title, summary, goal, goalSteps
 * (id, description), temperament (parameter, value, words), scales (parameter, meaning: what each behaviour
 * parameter is about), sentences, affects, gestures. Of {@code turn}: name, state, stateLine, behaviour (parameter,
 * value, words), misunderstood, misunderstandings, intents (id,
 * examples, reply, next, nextLine, steps), reprompt, ending, allowedStates. Of {@code retry}: name, problem. Of
 * {@code userMessage}: client, note.
 */
public final class CharacterPrompt {
    /** The name of the reply's JSON schema. */
    public static final String SCHEMA_NAME = "character_reply";
    /** A speaker whose {@code talkativeness} is at least this may say two or three sentences instead of one or two. */
    public static final double TALKATIVE = 0.7;

    private static final Map<String, CharacterPrompt> CACHE = new ConcurrentHashMap<>();

    private final String language;
    private final String languageName;
    private final Template system;
    private final Template turn;
    private final Template retry;
    private final Template userMessage;
    private final Map<String, String> problems;
    private final Map<String, String> sentences;
    private final List<String> levels;
    private final Map<String, List<String>> parameterLevels;
    private final Map<String, String> meanings;
    private final ReplyFormat format;

    private CharacterPrompt(DataFile f, String language) {
        f.requireLanguage(language);
        this.language = language;
        this.languageName = f.text("languageName");
        this.system = Template.parse(f.name() + " (system)", f.text("system"));
        this.turn = Template.parse(f.name() + " (turn)", f.text("turn"));
        this.retry = Template.parse(f.name() + " (retry)", f.text("retry"));
        this.userMessage = Template.parse(f.name() + " (userMessage)", f.text("userMessage"));
        Map<String, String> p = new HashMap<>();
        for (ParsedReply.Problem problem : ParsedReply.Problem.values()) {
            p.put(problem.code(), f.text("problems." + problem.code()));
        }
        this.problems = Map.copyOf(p);
        this.sentences = Map.of("short", f.text("sentences.short"), "long", f.text("sentences.long"));
        this.levels = fiveLevels(f, "levels");
        Map<String, List<String>> pl = new HashMap<>();
        Map<String, String> m = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : f.at("parameters").properties()) {
            pl.put(e.getKey(), fiveLevels(f, "parameters." + e.getKey() + ".levels"));
            if (e.getValue().has("meaning")) {
                m.put(e.getKey(), f.text("parameters." + e.getKey() + ".meaning"));
            }
        }
        for (BehaviourParameters.Parameter bp : BehaviourParameters.standard().parameters()) {
            if (!m.containsKey(bp.name())) {
                if (!language.equals("en")) {
                    throw f.error("parameters." + bp.name() + ".meaning", "is missing (only English may take the"
                            + " meaning from behaviour.yaml)");
                }
                m.put(bp.name(), bp.meaning());
            }
        }
        this.parameterLevels = Map.copyOf(pl);
        this.meanings = Map.copyOf(m);
        this.format = ReplyFormat.standard();
    }

    /** The prompt for {@code language} ({@code en}, {@code nb}; {@code no}/{@code nn} read as nb; else English). */
    public static CharacterPrompt forLanguage(String language) {
        Require.nonNull(language, "language");
        String lang = DataFile.resolve(language);
        return CACHE.computeIfAbsent(lang, l -> new CharacterPrompt(DataFile.read("prompt-" + l + ".yaml"), l));
    }

    /** The language of this prompt's texts. */
    public String language() {
        return language;
    }

    /** The stable part of the prompt: the same for every turn of a session with the same scenario and speaker. */
    public String system(TurnContext ctx) {
        Require.nonNull(ctx, "ctx");
        Scenario s = ctx.scenario();
        Character c = speaker(ctx);
        Set<String> behaviourNames = BehaviourParameters.standard().names();
        List<Map<String, Object>> temperament = new ArrayList<>();
        c.temperament().entrySet().stream().filter(e -> !behaviourNames.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> temperament.add(Map.of("parameter", e.getKey(), "value", number(e.getValue().value()),
                        "words", words(e.getKey(), e.getValue().value()))));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Goal.Step step : s.goal().steps()) {
            steps.add(Map.of("id", step.id(), "description", step.description()));
        }
        List<Map<String, Object>> scales = new ArrayList<>();
        for (BehaviourParameters.Parameter p : BehaviourParameters.standard().parameters()) {
            scales.add(Map.of("parameter", p.name(), "meaning", meanings.get(p.name())));
        }
        Map<String, Object> v = new HashMap<>();
        v.put("name", c.name());
        v.put("role", c.role());
        v.put("scales", scales);
        v.put("persona", c.persona());
        v.put("languageName", languageName);
        v.put("setting", s.setting());
        v.put("title", s.title());
        v.put("summary", s.summary());
        v.put("goal", s.goal().description());
        v.put("goalSteps", steps);
        v.put("temperament", temperament);
        v.put("sentences", sentences.get(talkative(ctx) ? "long" : "short"));
        v.put("affects", quoted(format.affects(), ", "));
        v.put("gestures", quoted(format.gestures(), ", "));
        return system.render(v).strip();
    }

    /**
     * The part of the prompt for this turn: where the conversation stands and what may follow. At most
     * {@code examplesPerIntent} example utterances are shown per intent.
     */
    public String turn(TurnContext ctx, int examplesPerIntent) {
        Require.nonNull(ctx, "ctx");
        Require.inRange(examplesPerIntent, 1, 100, "examplesPerIntent");
        Scenario s = ctx.scenario();
        State state = s.state(ctx.stateId()).orElseThrow();
        List<Map<String, Object>> behaviour = new ArrayList<>();
        for (BehaviourParameters.Parameter p : BehaviourParameters.standard().parameters()) {
            Double value = ctx.behaviour().get(p.name());
            if (value != null) {
                behaviour.add(Map.of("parameter", p.name(), "value", number(value), "words", words(p.name(), value)));
            }
        }
        List<Map<String, Object>> intents = new ArrayList<>();
        for (Intent i : state.intents()) {
            Optional<State> next = i.next().flatMap(s::state);
            Map<String, Object> item = new HashMap<>();
            item.put("id", i.id());
            item.put("examples", quoted(i.examples().subList(0, Math.min(examplesPerIntent, i.examples().size())),
                    ", "));
            item.put("reply", say(i.reply(), ctx).orElse(""));
            item.put("next", next.filter(n -> !n.id().equals(state.id())).map(State::id).orElse(""));
            item.put("nextLine", next.filter(n -> !n.id().equals(state.id())).flatMap(n -> say(n.say(), ctx))
                    .orElse(""));
            item.put("steps", String.join(", ", i.steps()));
            intents.add(item);
        }
        List<String> allowed = allowedNextStates(ctx);
        List<String> endings = allowed.stream().filter(id -> s.state(id).map(State::end).orElse(false)).toList();
        Map<String, Object> v = new HashMap<>();
        v.put("name", speaker(ctx).name());
        v.put("state", state.id());
        v.put("stateLine", say(state.say(), ctx).orElse(""));
        v.put("behaviour", behaviour);
        v.put("misunderstood", ctx.misunderstandings() > 0);
        v.put("misunderstandings", String.valueOf(ctx.misunderstandings()));
        v.put("intents", intents);
        v.put("reprompt", say(state.reprompt(), ctx).or(() -> say(state.say(), ctx))
                .or(() -> ctx.lastCharacterLine()).orElse("..."));
        v.put("ending", quoted(endings, " / "));
        v.put("allowedStates", quoted(allowed, ", "));
        return turn.render(v).strip();
    }

    /** The note that asks for a new answer after one that could not be used for {@code problem}. */
    String retry(TurnContext ctx, ParsedReply.Problem problem) {
        return retry.render(Map.of("name", speaker(ctx).name(), "problem", problems.get(problem.code()))).strip();
    }

    /** The last user message when the turn note goes into it: the client's words, then the note. */
    String userMessage(String client, String note) {
        return userMessage.render(Map.of("client", client, "note", note)).strip();
    }

    /**
     * The JSON schema of this turn's reply: {@code say} (text), {@code affect} and {@code gesture} (from the reply
     * format), {@code goalStepsMet} (goal step ids), {@code nextState} ({@link #allowedNextStates}); every field
     * required, in that order, nothing else allowed.
     */
    public static ResponseFormat responseFormat(TurnContext ctx) {
        Require.nonNull(ctx, "ctx");
        ReplyFormat f = ReplyFormat.standard();
        // an enum cannot be empty: where no step can be met, the schema names them all and validation drops them
        List<String> reachable = allowedGoalSteps(ctx);
        List<String> stepIds = reachable.isEmpty()
                ? ctx.scenario().goal().steps().stream().map(Goal.Step::id).toList() : reachable;
        Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
        properties.put("say", JsonStringSchema.builder().build());
        properties.put("affect", JsonEnumSchema.builder().enumValues(f.affects()).build());
        properties.put("gesture", JsonEnumSchema.builder().enumValues(f.gestures()).build());
        properties.put("goalStepsMet", JsonArraySchema.builder()
                .items(JsonEnumSchema.builder().enumValues(stepIds).build()).build());
        properties.put("nextState", JsonEnumSchema.builder().enumValues(allowedNextStates(ctx)).build());
        JsonObjectSchema root = JsonObjectSchema.builder().addProperties(properties)
                .required(List.copyOf(properties.keySet())).additionalProperties(false).build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(SCHEMA_NAME).rootElement(root).build()).build();
    }

    /** The states a reply may move to: the current state, then those its intents lead to, without repeats. */
    public static List<String> allowedNextStates(TurnContext ctx) {
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add(ctx.stateId());
        ctx.scenario().state(ctx.stateId()).orElseThrow().intents().forEach(i -> i.next().ifPresent(allowed::add));
        return List.copyOf(allowed);
    }

    /** The goal steps a client can meet in this turn: those of the current state's intents, without repeats. */
    public static List<String> allowedGoalSteps(TurnContext ctx) {
        Set<String> allowed = new LinkedHashSet<>();
        ctx.scenario().state(ctx.stateId()).orElseThrow().intents().forEach(i -> allowed.addAll(i.steps()));
        return List.copyOf(allowed);
    }

    /** Whether the speaker may say two or three sentences ({@code talkativeness} at least {@value #TALKATIVE}). */
    static boolean talkative(TurnContext ctx) {
        return ctx.value("talkativeness", 0.0) >= TALKATIVE;
    }

    /** {@code value} of parameter {@code name} in words: its own five steps, or the general ones. */
    String words(String name, double value) {
        List<String> words = parameterLevels.getOrDefault(name, levels);
        int step = (int) Math.floor(Math.max(0, Math.min(1, value)) * 5);
        return words.get(Math.min(4, step));
    }

    private static Character speaker(TurnContext ctx) {
        return ctx.scenario().speaker(ctx.scenario().state(ctx.stateId()).orElseThrow());
    }

    private static Optional<String> say(List<Line> lines, TurnContext ctx) {
        return LineChooser.choose(lines, ctx.behaviour(), List.of()).map(Line::text);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String quoted(List<String> items, String separator) {
        List<String> q = new ArrayList<>(items.size());
        items.forEach(i -> q.add("\"" + i + "\""));
        return String.join(separator, q);
    }

    private static List<String> fiveLevels(DataFile f, String path) {
        List<String> l = f.strings(path, false);
        if (l.size() != 5) {
            throw f.error(path, "must hold five texts, from the lowest to the highest values; it holds " + l.size());
        }
        return l;
    }
}
