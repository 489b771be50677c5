package no.trinn.app.practice;

import java.util.Optional;
import no.trinn.core.Require;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * Client lines typed on an interactive terminal through a JLine {@link LineReader}: line editing and an in-memory
 * history (never written to disk, since it holds what the client said). Ctrl-D and Ctrl-C end the input.
 */
public final class TerminalInput implements ClientInput {
    private final LineReader reader;
    private final String prompt;

    /**
     * @param reader the line reader
     * @param prompt the prompt, possibly with ANSI colours
     */
    public TerminalInput(LineReader reader, String prompt) {
        this.reader = Require.nonNull(reader, "reader");
        this.prompt = Require.nonNull(prompt, "prompt");
    }

    @Override
    public Optional<String> next() {
        try {
            return Optional.of(reader.readLine(prompt));
        } catch (EndOfFileException | UserInterruptException e) {
            return Optional.empty(); // Ctrl-D or Ctrl-C: the client wants to end; the caller ends the session
        }
    }

    @Override
    public Optional<String> ask(String question) {
        try {
            String answer = reader.readLine(question + " ").strip();
            return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
        } catch (EndOfFileException | UserInterruptException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        // the terminal is closed by whoever built it
    }
}
