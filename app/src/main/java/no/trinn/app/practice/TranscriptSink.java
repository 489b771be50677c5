package no.trinn.app.practice;

import java.util.List;
import no.trinn.core.frame.Frame;
import no.trinn.scenarios.Scenario;

/** Where a session's transcript goes as it happens: the screen, or nowhere (JSON reports and benchmarks). */
public interface TranscriptSink {
    /**
     * Shows the scenario before the opening line: title, setting, goal and its steps, and the dialogue engine.
     *
     * @param engine what drives the character, as {@link EngineChoice#describe()} says
     */
    void header(Scenario scenario, String engine);

    /** Says that the language model is still loading. */
    void loading();

    /** Shows a line the client said (echoed where the client's typing is not on screen already). */
    void client(String text);

    /** Shows a command the client gave (echoed as for {@link #client}). */
    void command(String command);

    /** Shows the frames a session returned, in order: character lines, coach and status notices, feedback. */
    void frames(List<Frame> frames);

    /** Shows a message of the command line itself (help, an unknown command). */
    void info(String text);

    /** A sink that shows nothing. */
    static TranscriptSink silent() {
        return new TranscriptSink() {
            @Override
            public void header(Scenario scenario, String engine) {
            }

            @Override
            public void loading() {
            }

            @Override
            public void client(String text) {
            }

            @Override
            public void command(String command) {
            }

            @Override
            public void frames(List<Frame> frames) {
            }

            @Override
            public void info(String text) {
            }
        };
    }
}
