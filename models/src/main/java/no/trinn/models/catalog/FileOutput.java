package no.trinn.models.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the files the downloader writes (partial downloads and extracted files). The standard one writes to disk;
 * tests give one that fails, e.g. as a full disk does.
 */
@FunctionalInterface
public interface FileOutput {
    /**
     * A stream writing {@code file}: appending to it if {@code append}, else replacing it; created if missing.
     *
     * @throws IOException if the file cannot be opened
     */
    OutputStream open(Path file, boolean append) throws IOException;

    /** Writes files on disk. */
    static FileOutput standard() {
        return (file, append) -> Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }
}
