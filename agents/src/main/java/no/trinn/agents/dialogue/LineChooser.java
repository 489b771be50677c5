package no.trinn.agents.dialogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.scenarios.Line;

/**
 * Chooses which authored line a character says. Among the lines whose conditions fit the current parameter values,
 * the most specific (most conditions) not said recently wins; when every fitting line was said recently, the one
 * said longest ago is used again. Lines whose conditions do not fit are used only when none fits, unconditioned
 * lines first.
 */
public final class LineChooser {
    private LineChooser() {
    }

    /**
     * The line to say, or empty when {@code lines} is empty.
     *
     * @param lines the candidates, in authored order
     * @param values behaviour parameter values (and temperament values and difficulty)
     * @param recent the character's recent lines, oldest first
     */
    public static Optional<Line> choose(List<Line> lines, Map<String, Double> values, List<String> recent) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<Line> fitting = new ArrayList<>();
        for (Line l : lines) {
            if (l.fits(values)) {
                fitting.add(l);
            }
        }
        if (fitting.isEmpty()) {
            fitting.addAll(lines);
            fitting.sort(Comparator.comparingInt(l -> l.when().size()));
            fitting = fitting.subList(0, 1);
        }
        // stable sort: authored order among equally specific lines
        fitting.sort(Comparator.comparingInt((Line l) -> l.when().size()).reversed());
        for (Line l : fitting) {
            if (!recent.contains(l.text())) {
                return Optional.of(l);
            }
        }
        return fitting.stream().min(Comparator.comparingInt(l -> recent.lastIndexOf(l.text())));
    }
}
