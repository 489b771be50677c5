package no.trinn.models.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The format of a downloaded archive from which a model's file or folder is taken. */
public enum ArchiveType {
    /** A gzip-compressed tar archive ({@code .tgz}, {@code .tar.gz}). */
    TGZ("tgz"),
    /** A zip archive. */
    ZIP("zip");

    private final String id;

    ArchiveType(String id) {
        this.id = id;
    }

    /** The word used in the catalog file, also the file extension of a partial download. */
    public String id() {
        return id;
    }

    /** The type whose {@link #id()} is {@code id}, if any. */
    public static Optional<ArchiveType> parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
