package no.trinn.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The shared setup of the store's tests that run on every {@link Backend}: a subclass, annotated
 * {@code @ParameterizedClass(name = "{0}") @EnumSource(Backend.class)}, gets a new, empty store location in
 * {@link #db} before each test (a file in a temporary folder, or a PostgreSQL schema), dropped after it.
 */
abstract class StoreFixture {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    /** This test's store location; null once the backend is skipped. */
    Backend.Place db;

    /** The SQLite file the store is placed in, below {@link #dir}. */
    Path file() {
        return dir.resolve("trinn.db");
    }

    @BeforeEach
    final void place() {
        db = backend.place(file());
    }

    @AfterEach
    final void drop() throws SQLException {
        if (db != null) { // null when the backend is skipped
            db.close();
        }
    }
}
