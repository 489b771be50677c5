package no.trinn.scenarios;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import no.trinn.scenarios.ScenarioException.Problem;

/** Collects the problems found in one file, each with line and field path; not thread-safe. */
final class Problems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();
    private int reportedEarlier;

    Problems(String file) {
        this.file = file;
    }

    /** The file as problems name it. */
    String file() {
        return file;
    }

    /** Records a problem at {@code line} (1-based, 0 when unknown) in {@code field} (empty for the whole file). */
    void add(int line, String field, String message) {
        found.add(new Problem(file, line, field, message));
    }

    /**
     * Notes that a reader met a value whose problem was recorded earlier (while parsing), so that {@link #since(int)}
     * counts it for the part being read.
     */
    void metReported() {
        reportedEarlier++;
    }

    /** A mark to pass to {@link #since(int)}. */
    int mark() {
        return found.size() + reportedEarlier;
    }

    /** Whether problems were recorded, or values with problems met, after {@code mark}. */
    boolean since(int mark) {
        return mark() > mark;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems by line (unknown lines last), in the order found within a line. */
    List<Problem> sorted() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt((Problem p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
        return List.copyOf(sorted);
    }

    /** Throws every problem as one exception, if there are any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ScenarioException(sorted());
        }
    }
}
