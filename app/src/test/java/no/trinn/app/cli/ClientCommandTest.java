package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCommandTest {
    @TempDir
    Path home;

    private ClientSettings stored(String alias) {
        try (SessionStore store = SessionStore.open(home.resolve("trinn.db"))) {
            return store.settings(alias);
        }
    }

    @Test
    void setChangesOnlyWhatItNamesAndShowPrintsIt() {
        CliRun.Result first = CliRun.run(home, "client", "set", "p-1", "--cap", "difficulty=0..0.4", "--lock",
                "warmth=0.9", "--temperament", "supermarket-checkout/cashier:patience=0.95", "--assign",
                "greet-neighbour,supermarket-checkout");
        assertEquals(0, first.code(), first::toString);
        assertEquals(new ClientSettings(Map.of("difficulty", new Bounds(0, 0.4)), Map.of("warmth", 0.9),
                Map.of("supermarket-checkout/cashier", Map.of("patience", 0.95)),
                List.of("greet-neighbour", "supermarket-checkout")), stored("p-1"));

        CliRun.Result second = CliRun.run(home, "client", "set", "p-1", "--cap", "pressure=0..0.2", "--unlock",
                "warmth");
        assertEquals(0, second.code(), second::toString);
        ClientSettings now = stored("p-1");
        assertEquals(Map.of("difficulty", new Bounds(0, 0.4), "pressure", new Bounds(0, 0.2)), now.caps());
        assertEquals(Map.of(), now.locks());
        assertEquals(List.of("greet-neighbour", "supermarket-checkout"), now.assigned(), "kept");

        CliRun.Result show = CliRun.run(home, "client", "show", "p-1");
        assertEquals(0, show.code(), show::toString);
        assertTrue(show.out().contains("difficulty 0.00..0.40"), show::toString);
        assertTrue(show.out().contains("supermarket-checkout/cashier: patience = 0.95"), show::toString);
        assertTrue(show.out().contains("no sessions assessed yet"), show::toString);

        assertEquals(0, CliRun.run(home, "client", "set", "p-1", "--reset").code());
        assertEquals(ClientSettings.NONE, stored("p-1"));
    }

    @Test
    void badValuesAreNamedAndNothingIsSaved() {
        assertEquals(0, CliRun.run(home, "client", "set", "p-2", "--lock", "warmth=0.5").code());
        String[][] bad = {
            {"--cap", "difficulty=0.6..0.2", "MIN 0.6 lies above MAX 0.2"},
            {"--cap", "kindness=0..1", "kindness: unknown parameter"},
            {"--lock", "warmth=1.5", "1.5 lies outside 0..1"},
            {"--lock", "warmth", "expected NAME=VALUE"},
            {"--temperament", "supermarket-checkout/nobody:warmth=0.5", "has no character 'nobody'"},
            {"--temperament", "no-such-scenario/cashier:warmth=0.5", "no-such-scenario"},
            {"--assign", "greet-neighbour,not-a-scenario", "not-a-scenario"},
        };
        for (String[] b : bad) {
            CliRun.Result r = CliRun.run(home, "client", "set", "p-2", b[0], b[1]);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains(b[2]), r::toString);
            assertEquals(Map.of("warmth", 0.5), stored("p-2").locks(), "nothing changed by " + b[1]);
        }
    }
}
