package no.trinn.models.catalog;

import java.util.List;
import no.trinn.models.ModelsException;

/**
 * A catalog file could not be read or has invalid entries. The message lists every problem; {@link #problems()}
 * gives them one by one, each naming the catalog, the entry and the field.
 */
public class CatalogException extends ModelsException {
    private final List<String> problems;

    /** An exception listing {@code problems} (at least one) of the catalog {@code source}. */
    public CatalogException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** An exception for a catalog {@code source} that could not be read at all. */
    public CatalogException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.problems = List.of(source + ": " + problem);
    }

    /** Each problem, e.g. {@code catalog.yaml: entry 'qwen2.5-0.5b-instruct-q4': files[0].sha256: ...}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        if (problems.size() == 1) {
            return problems.getFirst();
        }
        return "the model catalog " + source + " has " + problems.size() + " problems:\n  "
                + String.join("\n  ", problems);
    }
}
