package no.trinn.models.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * A model in the cache: its folder and the files recorded when it was installed.
 *
 * @param id the model's id (the catalog id, or the id given when a file was added)
 * @param kind what the model does
 * @param source where it came from: the download URL(s), or the path of the file the user added
 * @param installed when it was installed
 * @param folder the model's folder in the cache
 * @param files its files, at least one
 */
public record InstalledModel(String id, ModelKind kind, String source, Instant installed, Path folder,
        List<InstalledFile> files) {
    public InstalledModel {
        ModelEntry.requireId(id, "id");
        Require.nonNull(kind, "kind");
        Require.nonBlank(source, "source");
        Require.nonNull(installed, "installed");
        Require.nonNull(folder, "folder");
        files = List.copyOf(Require.nonEmpty(files, "files"));
    }

    /** Where {@code file} lies on disk. */
    public Path path(InstalledFile file) {
        Require.nonNull(file, "file");
        return folder.resolve(file.path());
    }

    /** The first {@code .gguf} file of the model, if it has one (chat models have exactly one). */
    public Optional<Path> gguf() {
        return files.stream().filter(f -> f.path().toLowerCase(java.util.Locale.ROOT).endsWith(".gguf"))
                .findFirst().map(this::path);
    }

    /** Whether every file's SHA-256 was checked against a known value when it was installed. */
    public boolean checked() {
        return files.stream().allMatch(InstalledFile::checked);
    }

    /** The total size of the model's files in bytes. */
    public long size() {
        return files.stream().mapToLong(InstalledFile::size).sum();
    }
}
