package no.trinn.app.practice;

import java.io.PrintWriter;
import java.util.List;
import no.trinn.app.practice.Palette.Role;
import no.trinn.core.Require;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.Frame;
import no.trinn.core.frame.Notice;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Goal;
import no.trinn.scenarios.Scenario;

/**
 * Writes a transcript as text: {@code You: ...} for the client, {@code Sam (barista): ...} for a character,
 * {@code Coach: ...} for the coach, status notices in brackets, then the feedback. Each line is flushed at once.
 */
public final class PlainTranscript implements TranscriptSink {
    private final PrintWriter out;
    private final Scenario scenario;
    private final boolean echo;
    private final Palette palette;

    /**
     * @param out where to write
     * @param scenario the scenario, for the characters' names
     * @param echo whether to write the client's own lines (false when they were typed on this screen)
     * @param palette the colours
     */
    public PlainTranscript(PrintWriter out, Scenario scenario, boolean echo, Palette palette) {
        this.out = Require.nonNull(out, "out");
        this.scenario = Require.nonNull(scenario, "scenario");
        this.echo = echo;
        this.palette = Require.nonNull(palette, "palette");
    }

    @Override
    public void header(Scenario s, String engine) {
        out.println(palette.paint(Role.INFO, s.title() + "  (" + s.id() + ", tier " + s.tier() + ", "
                + s.language() + ")"));
        out.println("Setting: " + s.setting());
        out.println("Goal: " + s.goal().description());
        int n = 1;
        for (Goal.Step step : s.goal().steps()) {
            out.println("  " + n++ + ". " + step.description());
        }
        out.println(palette.paint(Role.INFO, "Engine: " + engine));
        out.println();
        out.flush();
    }

    @Override
    public void loading() {
        out.println(palette.paint(Role.INFO, "(Loading the language model; this takes a few seconds.)"));
        out.flush();
    }

    @Override
    public void client(String text) {
        if (echo) {
            out.println(palette.paint(Role.YOU, "You:") + " " + (text.isEmpty() ? "(silence)" : text));
            out.flush();
        }
    }

    @Override
    public void command(String command) {
        if (echo) {
            out.println(palette.paint(Role.INFO, "[" + command + "]"));
            out.flush();
        }
    }

    @Override
    public void frames(List<Frame> frames) {
        for (Frame f : frames) {
            switch (f) {
                case CharacterUtterance u -> out.println(palette.paint(Role.CHARACTER_NAME, speaker(u.characterId())
                        + ":") + " " + palette.paint(Role.CHARACTER, u.text()));
                case Notice n when n.kind() == Notice.Kind.COACH -> out.println(palette.paint(Role.COACH,
                        "Coach: " + n.text()));
                case Notice n when n.kind() == Notice.Kind.STATUS -> out.println(palette.paint(Role.STATUS,
                        "[" + n.text() + "]"));
                case Notice n -> {
                    out.println();
                    out.println(palette.paint(Role.FEEDBACK, "Feedback"));
                    for (String line : n.text().split("\n", -1)) {
                        out.println(palette.paint(Role.FEEDBACK, line));
                    }
                }
                default -> {
                    // client utterances and control frames are not shown: the session consumed them
                }
            }
        }
        out.flush();
    }

    @Override
    public void info(String text) {
        out.println(palette.paint(Role.INFO, text));
        out.flush();
    }

    /** "Name (role)" of a character of the scenario, or its id if the scenario has no such character. */
    String speaker(String characterId) {
        return scenario.character(characterId).map(PlainTranscript::label).orElse(characterId);
    }

    /** "Name (role)". */
    public static String label(Character c) {
        return c.name() + " (" + c.role() + ")";
    }
}
