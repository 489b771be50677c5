package no.trinn.app.practice;

import java.util.Optional;

/** Where a session's client lines come from: a script file, piped standard input, or an interactive terminal. */
public interface ClientInput extends AutoCloseable {
    /**
     * The next line, without its line break; empty when the input has ended (end of file, Ctrl-D or Ctrl-C). A
     * blank line is returned as it is (silence), except by script files, which skip blank lines and comments.
     *
     * @throws no.trinn.app.cli.AppException if the input cannot be read
     */
    Optional<String> next();

    /**
     * Asks the client a question outside the conversation (e.g. a confidence rating) and returns the answer, or
     * empty when this input cannot ask (scripts and piped input: the command line's options answer instead) or the
     * client gave none.
     */
    default Optional<String> ask(String question) {
        return Optional.empty();
    }

    /** Releases the input; does not close the process's standard input. */
    @Override
    void close();
}
