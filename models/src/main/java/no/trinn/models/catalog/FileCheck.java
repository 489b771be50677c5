package no.trinn.models.catalog;

import java.nio.file.Path;
import no.trinn.core.Require;

/**
 * The outcome of checking one installed file against what was recorded when it was installed.
 *
 * @param modelId the model the file belongs to
 * @param file the file as recorded
 * @param path where the file should lie
 * @param status what was found
 * @param detail for a mismatch: how it differs (size or SHA-256, found and expected); else empty text
 */
public record FileCheck(String modelId, InstalledFile file, Path path, Status status, String detail) {
    /** What a check found. */
    public enum Status {
        /** The file is there with the recorded size and SHA-256. */
        OK,
        /** The file is there, but its size or SHA-256 differs from the recorded one. */
        MISMATCH,
        /** The file is not there (or cannot be read). */
        MISSING
    }

    public FileCheck {
        Require.nonBlank(modelId, "modelId");
        Require.nonNull(file, "file");
        Require.nonNull(path, "path");
        Require.nonNull(status, "status");
        Require.nonNull(detail, "detail");
    }

    /** Whether the file is as recorded. */
    public boolean ok() {
        return status == Status.OK;
    }
}
