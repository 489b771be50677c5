package no.trinn.models.catalog;

import no.trinn.core.Require;

/**
 * One file of an installed model, as recorded when it was installed.
 *
 * @param path the file's path inside the model's folder, '/'-separated, without '..'
 * @param size its size in bytes
 * @param sha256 its SHA-256 when installed, 64 lower-case hexadecimal digits
 * @param checked whether that SHA-256 was checked against a known value (from the catalog) when it was installed;
 *     false for files whose checksum the catalog does not know and for files the user added
 */
public record InstalledFile(String path, long size, String sha256, boolean checked) {
    public InstalledFile {
        Require.nonNull(path, "path");
        if (!ModelFile.safeRelative(path)) {
            throw new IllegalArgumentException("path must be relative, '/'-separated and without '..', was '" + path
                    + "'");
        }
        sha256 = new Checksum(size, Require.nonNull(sha256, "sha256")).sha256();
    }
}
