package no.trinn.models.catalog;

import java.time.Duration;
import no.trinn.core.Require;

/**
 * How the downloader talks to servers and writes files.
 *
 * @param connectTimeout how long to wait for a connection; positive
 * @param readTimeout how long to wait for the response headers, and then for each next piece of the body; positive
 * @param progressInterval the least time between two progress reports (the first and last are always reported);
 *     zero reports every piece
 * @param output opens the files written
 */
public record DownloadSettings(Duration connectTimeout, Duration readTimeout, Duration progressInterval,
        FileOutput output) {
    public DownloadSettings {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        Require.nonNull(progressInterval, "progressInterval");
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must not be negative, was " + progressInterval);
        }
        Require.nonNull(output, "output");
    }

    /** 20 s to connect, 60 s without data, progress at most five times a second, files on disk. */
    public static DownloadSettings defaults() {
        return new DownloadSettings(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMillis(200),
                FileOutput.standard());
    }

    /** These settings with {@code connect} and {@code read} as the timeouts. */
    public DownloadSettings withTimeouts(Duration connect, Duration read) {
        return new DownloadSettings(connect, read, progressInterval, output);
    }

    /** These settings with progress reported at most every {@code interval}. */
    public DownloadSettings withProgressInterval(Duration interval) {
        return new DownloadSettings(connectTimeout, readTimeout, interval, output);
    }

    /** These settings writing files through {@code fileOutput}. */
    public DownloadSettings withOutput(FileOutput fileOutput) {
        return new DownloadSettings(connectTimeout, readTimeout, progressInterval, fileOutput);
    }

    private static void positive(Duration d, String field) {
        Require.nonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + d);
        }
    }
}
