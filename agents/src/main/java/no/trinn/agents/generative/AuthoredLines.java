package no.trinn.agents.generative;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.agents.dialogue.LineChooser;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Line;

/**
 * The authored lines of the generative engine in one language, from {@code lines-<language>.yaml}: fillers said
 * while a slow reply is generated, and in-role deflections of attempts to pull the character out of its role, by
 * kind. Lines are chosen like scenario lines ({@link LineChooser}: conditions on the behaviour and temperament
 * values, not said recently); {@code {{name}}} and {@code {{role}}} become the speaking character's. Immutable and
 * thread-safe.
 */
final class AuthoredLines {
    private static final Map<String, AuthoredLines> CACHE = new ConcurrentHashMap<>();

    private final List<Line> fillers;
    private final Map<GuardRails.Attempt, List<Line>> deflections;
    private final String file;

    private AuthoredLines(DataFile f, String language) {
        f.requireLanguage(language);
        this.file = f.name();
        this.fillers = f.lines("fillers");
        Map<GuardRails.Attempt, List<Line>> d = new EnumMap<>(GuardRails.Attempt.class);
        for (GuardRails.Attempt a : GuardRails.Attempt.values()) {
            List<Line> lines = f.lines("deflections." + a.key());
            for (Line l : lines) {
                // parse now, so a broken placeholder fails at start and not in a session
                Template.parse(file + " deflections." + a.key(), l.text());
            }
            d.put(a, lines);
        }
        this.deflections = Map.copyOf(d);
    }

    /** The lines of {@code language} (English when there are none of it). */
    static AuthoredLines forLanguage(String language) {
        String lang = DataFile.resolve(language);
        return CACHE.computeIfAbsent(lang, l -> new AuthoredLines(DataFile.read("lines-" + l + ".yaml"), l));
    }

    /** A filler that fits the character's behaviour now. */
    String filler(TurnContext ctx) {
        return render(fillers, ctx, "fillers");
    }

    /** The in-role answer to an attempt of kind {@code attempt}. */
    String deflection(GuardRails.Attempt attempt, TurnContext ctx) {
        return render(deflections.get(attempt), ctx, "deflections." + attempt.key());
    }

    /** Every filler and deflection text, unrendered, for checks of the data. */
    List<Line> all() {
        List<Line> out = new ArrayList<>(fillers);
        deflections.values().forEach(out::addAll);
        return out;
    }

    private String render(List<Line> lines, TurnContext ctx, String field) {
        Character c = ctx.scenario().speaker(ctx.scenario().state(ctx.stateId()).orElseThrow());
        Map<String, String> values = Map.of("name", c.name(), "role", c.role());
        List<Line> rendered = new ArrayList<>(lines.size());
        for (Line l : lines) {
            rendered.add(new Line(Template.parse(file + " " + field, l.text()).render(values).strip(), l.when()));
        }
        // a filler or deflection is said before other words, so look for it among the sentences of recent lines
        List<String> recent = new ArrayList<>();
        for (String line : ctx.recentLines()) {
            recent.add(line);
            recent.addAll(SentenceSplitter.split(line));
        }
        return LineChooser.choose(rendered, ctx.behaviour(), recent).orElseThrow().text();
    }
}
