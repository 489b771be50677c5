package no.trinn.scenarios;

import java.util.List;
import no.trinn.core.TrinnException;

/**
 * A scenario file could not be loaded or a scenario id is unknown. For invalid files, {@link #problems()} lists every
 * problem found, each naming file, line and field.
 */
public class ScenarioException extends TrinnException {
    private final List<Problem> problems;

    public ScenarioException(String message) {
        super(message);
        this.problems = List.of();
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    public ScenarioException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems found, in file order; empty when the exception is not about a file's content. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    /**
     * One problem in a scenario file.
     *
     * @param file the file as the user named it
     * @param line 1-based line, or 0 when unknown
     * @param field the field's path, e.g. {@code states[2].intents[0].next}; empty for the whole file
     * @param message what is wrong
     */
    public record Problem(String file, int line, String field, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
        }
    }
}
