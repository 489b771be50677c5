package no.trinn.app.cli;

import java.io.PrintWriter;
import java.util.List;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioException.Problem;
import no.trinn.scenarios.ScenarioLibrary;

/** Looking up scenarios for the commands, with messages a user can act on. */
final class Scenarios {
    /** The source prefix of a scenario read from the shipped library. */
    static final String LIBRARY_SOURCE = "library:";

    private Scenarios() {
    }

    /**
     * The scenario with {@code id}.
     *
     * @throws InputException "unknown scenario 'X'; did you mean: a, b, c?" (or, with no similar id, where to find
     *     the list), and a note if some scenario files could not be read
     */
    static Scenario require(ScenarioLibrary library, String id) {
        return library.find(id).orElseThrow(() -> {
            List<String> close = library.closestIds(id);
            String message = "unknown scenario '" + id + "'" + (close.isEmpty()
                    ? "; 'trinn scenarios list' shows every scenario"
                    : "; did you mean: " + String.join(", ", close) + "?");
            if (!library.problems().isEmpty()) {
                message += " (" + library.problems().size() + " problem(s) reading scenario files; "
                        + "'trinn scenarios list' shows them)";
            }
            return new InputException(message);
        });
    }

    /** Whether {@code scenario} comes from the user's folder rather than the shipped library. */
    static boolean fromUser(Scenario scenario) {
        return !scenario.source().startsWith(LIBRARY_SOURCE);
    }

    /** Writes each of the library's problems as one warning line. */
    static void warn(ScenarioLibrary library, PrintWriter err) {
        for (Problem p : library.problems()) {
            err.println("trinn: warning: " + p);
        }
    }

    /** The name of a tier of the curriculum. */
    static String tierName(int tier) {
        return switch (tier) {
            case 1 -> "cognitive functioning";
            case 2 -> "socio-emotional learning";
            case 3 -> "instrumental skills";
            case 4 -> "complex social functions";
            default -> "tier " + tier;
        };
    }
}
