package no.trinn.models.catalog;

/**
 * Hears how a pull goes: progress of each file (from the thread that calls
 * {@link ModelDownloader#pull(ModelEntry, DownloadListener)}, in order, bytes never decreasing within a file, the last
 * report of a completed file at its full size) and notices for the user (resuming, restarting, extracting, a file
 * that could not be checked against a known SHA-256). A listener must not throw.
 */
public interface DownloadListener {
    /** Reports the progress of one file. */
    void progress(DownloadProgress progress);

    /** A sentence for the user about the pull; ignored unless overridden. */
    default void notice(String message) {
    }

    /** A listener that ignores everything. */
    static DownloadListener none() {
        return progress -> {
        };
    }
}
