package no.trinn.app.practice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import no.trinn.core.frame.CharacterUtterance;
import no.trinn.core.frame.Frame;
import no.trinn.core.frame.Notice;
import no.trinn.scenarios.Scenario;

/**
 * A {@link TranscriptSink} for tests that records what it is told, safe to read from another thread while a session
 * writes to it.
 */
public final class RecordingSink implements TranscriptSink {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    /**
     * Each call in order: {@code header}, {@code loading}, {@code client:TEXT}, {@code command:TEXT}, {@code frames}
     * or {@code info:TEXT}.
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * What the client would see, a line each: {@code You: TEXT}, {@code Character: TEXT}, {@code [KIND] TEXT} for a
     * notice, and info texts as they are.
     */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void header(Scenario scenario, String engine) {
        calls.add("header");
    }

    @Override
    public void loading() {
        calls.add("loading");
    }

    @Override
    public void client(String text) {
        calls.add("client:" + text);
        lines.add("You: " + text);
    }

    @Override
    public void command(String command) {
        calls.add("command:" + command);
    }

    @Override
    public void frames(List<Frame> frames) {
        calls.add("frames");
        for (Frame f : frames) {
            switch (f) {
                case CharacterUtterance u -> lines.add("Character: " + u.text());
                case Notice n -> lines.add("[" + n.kind() + "] " + n.text());
                default -> {
                }
            }
        }
    }

    @Override
    public void info(String text) {
        calls.add("info:" + text);
        lines.add(text);
    }
}
