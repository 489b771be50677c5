package no.trinn.models.catalog;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import no.trinn.core.Require;

/**
 * How far the download of one file of a model has come.
 *
 * @param modelId the model being downloaded
 * @param file the file's name in the catalog
 * @param fileNumber which file of the model this is, from 1
 * @param fileCount how many files the model has
 * @param bytes bytes of the file on disk so far (a resumed download starts at what was already there)
 * @param total the file's full size, when the catalog or the server says it
 * @param bytesPerSecond the average rate of this download so far (0 at its start)
 */
public record DownloadProgress(String modelId, String file, int fileNumber, int fileCount, long bytes,
        OptionalLong total, double bytesPerSecond) {
    public DownloadProgress {
        Require.nonBlank(modelId, "modelId");
        Require.nonBlank(file, "file");
        Require.inRange(fileCount, 1, Integer.MAX_VALUE, "fileCount");
        Require.inRange(fileNumber, 1, fileCount, "fileNumber");
        Require.inRange(bytes, 0, Long.MAX_VALUE, "bytes");
        Require.nonNull(total, "total");
        Require.inRange(bytesPerSecond, 0, Double.MAX_VALUE, "bytesPerSecond");
    }

    /** The part done, 0 to 1, when the total is known. */
    public OptionalDouble fraction() {
        if (total.isEmpty()) {
            return OptionalDouble.empty();
        }
        long t = total.getAsLong();
        return OptionalDouble.of(t == 0 ? 1.0 : Math.min(1.0, (double) bytes / t));
    }
}
