package no.trinn.models.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.trinn.core.Require;
import no.trinn.models.ModelsException;

/**
 * Downloads catalogued models into a {@link ModelCache} over HTTP(S).
 *
 * <p>Each file is downloaded into a partial file ({@code .part}) in the cache's staging folder while its SHA-256 is
 * computed. A partial file left by an earlier attempt is resumed with a range request when the server answers 206
 * (and the file on the server has not changed since, by its ETag or date), and started again when it answers 200.
 * When the catalog knows a file's size and SHA-256, both are checked: a wrong SHA-256 deletes the download and
 * installs nothing. When it does not, the SHA-256 is computed, recorded and reported as unchecked. Archives are
 * then unpacked or their one member taken out, and the model's folder is moved into place in one step, with a
 * record of every file's size and SHA-256.
 *
 * <p>Every failure is a {@link ModelsException} naming the model and the URL or path: no network, unknown host,
 * HTTP errors, timeouts, a download that broke off (the partial file is kept for resuming), a full disk (the
 * partial file is kept), a wrong checksum, a damaged archive. One downloader may pull several models, one after
 * another or from several threads (each model is locked while it is pulled). Close it to release its HTTP client.
 */
public final class ModelDownloader implements AutoCloseable {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final ModelCache cache;
    private final DownloadSettings settings;
    private final HttpClient client;

    /** A downloader into {@code cache} with {@link DownloadSettings#defaults()}. */
    public ModelDownloader(ModelCache cache) {
        this(cache, DownloadSettings.defaults());
    }

    /** A downloader into {@code cache} with {@code settings}. */
    public ModelDownloader(ModelCache cache, DownloadSettings settings) {
        this.cache = Require.nonNull(cache, "cache");
        this.settings = Require.nonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Installs {@code entry} into the cache, downloading its files; returns the installed model. If the model is
     * installed already, returns it without any download.
     *
     * @throws ModelsException if it cannot be installed; the message names the model, the URL or path, what went
     *     wrong and what to do
     */
    @SuppressWarnings("try") // the lock is held for the body of the try, not used in it
    public InstalledModel pull(ModelEntry entry, DownloadListener listener) {
        Require.nonNull(entry, "entry");
        Require.nonNull(listener, "listener");
        Optional<InstalledModel> existing = cache.installed(entry.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        Path staging;
        try {
            staging = cache.staging(entry.id());
        } catch (IOException e) {
            throw writeError(entry, cache.root().resolve(ModelCache.STAGING), e, 0);
        }
        try (ModelCache.Lock lock = cache.lock(entry.id())) {
            existing = cache.installed(entry.id());
            if (existing.isPresent()) {
                return existing.get();
            }
            Path install = ModelCache.freshFolder(staging.resolve("install"));
            List<InstalledFile> files = new ArrayList<>();
            for (int i = 0; i < entry.files().size(); i++) {
                ModelFile file = entry.files().get(i);
                Downloaded d = download(entry, file, i + 1, staging, listener);
                files.addAll(place(entry, file, d, install, listener));
            }
            String source = entry.files().stream().map(f -> f.url().toString()).collect(Collectors.joining(" "));
            InstalledModel model = new InstalledModel(entry.id(), entry.kind(), source, Instant.now(),
                    cache.folder(entry.id()), files);
            cache.commit(model, install);
            ModelCache.deleteTree(staging);
            return model;
        } catch (IOException e) {
            throw writeError(entry, staging, e, 0);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** A complete, checked download in the staging folder. */
    private record Downloaded(Path part, long size, String sha256) {
    }

    private Downloaded download(ModelEntry entry, ModelFile file, int number, Path staging,
            DownloadListener listener) throws IOException {
        Path part = staging.resolve(file.partName());
        Path validatorFile = staging.resolve(file.partName() + ".validator");
        Optional<Checksum> expected = file.checksum();
        boolean restarted = false;
        while (true) {
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            if (expected.isPresent() && have > expected.get().size()) {
                Files.delete(part);
                have = 0;
            }
            MessageDigest digest = Hashing.sha256();
            if (have > 0) {
                Hashing.update(digest, part);
            }
            if (expected.isPresent() && have == expected.get().size() && have > 0) {
                listener.notice("'" + file.name() + "' of " + entry.id() + " was downloaded before; checking it");
                report(listener, entry, file, number, have, OptionalLong.of(have), 0);
                return checked(entry, file, part, validatorFile, have, Hashing.hex(digest));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(file.url())
                    .timeout(settings.readTimeout())
                    .header("User-Agent", "Trinn model downloader")
                    .GET();
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
                if (Files.isRegularFile(validatorFile)) {
                    request.header("If-Range", Files.readString(validatorFile, StandardCharsets.UTF_8).strip());
                }
            }
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(entry, file, request.build());
            BodyReader body = new BodyReader(response.body());
            int status = response.statusCode();
            HttpHeaders headers = response.headers();
            OptionalLong length = headers.firstValueAsLong("Content-Length");
            OptionalLong total;
            boolean append;
            if (status == 206) {
                Optional<long[]> range = headers.firstValue("Content-Range").flatMap(ModelDownloader::contentRange);
                if (range.isEmpty() || range.get()[0] != have) {
                    body.cancel();
                    if (restarted) {
                        throw new ModelsException("cannot download model '" + entry.id() + "' from " + file.url()
                                + ": the server answers with a part of the file that was not asked for ("
                                + headers.firstValue("Content-Range").orElse("no Content-Range") + ")");
                    }
                    listener.notice("the server sent another part of '" + file.name() + "' than asked for; "
                            + "starting again from the beginning");
                    Files.deleteIfExists(part);
                    restarted = true;
                    continue;
                }
                total = range.get()[2] >= 0 ? OptionalLong.of(range.get()[2])
                        : length.isPresent() ? OptionalLong.of(have + length.getAsLong()) : OptionalLong.empty();
                append = true;
                if (have > 0) {
                    listener.notice("resuming '" + file.name() + "' of " + entry.id() + " at "
                            + Hashing.bytes(have) + total.stream().mapToObj(t -> " of " + Hashing.bytes(t))
                            .findFirst().orElse(""));
                }
            } else if (status == 416 && have > 0 && !restarted) {
                body.cancel();
                listener.notice("the server cannot resume '" + file.name() + "'; starting again from the beginning");
                Files.deleteIfExists(part);
                restarted = true;
                continue;
            } else if (status == 200) {
                if (have > 0) {
                    listener.notice("the server did not resume '" + file.name() + "' (it sent the whole file); "
                            + "starting again from the beginning");
                    digest.reset();
                    have = 0;
                }
                total = length;
                append = false;
            } else {
                body.cancel();
                throw httpError(entry, file, status, response.uri());
            }
            if (expected.isPresent() && total.isPresent() && total.getAsLong() != expected.get().size()) {
                body.cancel();
                Files.deleteIfExists(part);
                Files.deleteIfExists(validatorFile);
                throw new ModelsException("cannot download model '" + entry.id() + "' from " + file.url()
                        + ": the server offers " + total.getAsLong() + " bytes but the catalog expects "
                        + expected.get().size() + "; the file on the server has changed or the catalog is wrong. "
                        + "Nothing was installed");
            }
            if (!append) {
                saveValidator(headers, validatorFile);
            }
            OptionalLong size = total.isPresent() ? total
                    : expected.map(c -> OptionalLong.of(c.size())).orElse(OptionalLong.empty());
            long bytes = receive(entry, file, number, body, part, append, have, size, digest, listener);
            if (size.isPresent() && bytes < size.getAsLong()) {
                throw truncated(entry, file, part, bytes, size.getAsLong(), "the server ended the response early");
            }
            if (expected.isPresent() && bytes != expected.get().size()) {
                Files.deleteIfExists(part);
                Files.deleteIfExists(validatorFile);
                throw new ModelsException("the download of model '" + entry.id() + "' from " + file.url() + " has "
                        + bytes + " bytes, but the catalog expects " + expected.get().size() + "; it was deleted "
                        + "and nothing was installed");
            }
            return checked(entry, file, part, validatorFile, bytes, Hashing.hex(digest));
        }
    }

    /** Checks a complete download against the catalog's SHA-256 (if known); a wrong one deletes it. */
    private static Downloaded checked(ModelEntry entry, ModelFile file, Path part, Path validatorFile, long bytes,
            String sha) throws IOException {
        Optional<Checksum> expected = file.checksum();
        if (expected.isPresent() && !expected.get().sha256().equals(sha)) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(validatorFile);
            throw new ModelsException("the download of model '" + entry.id() + "' from " + file.url() + " has "
                    + "SHA-256 " + sha + ", but the catalog expects " + expected.get().sha256() + ". It was "
                    + "deleted and nothing was installed. Run the pull again; if this happens again, the file on "
                    + "the server has changed or the catalog is wrong");
        }
        Files.deleteIfExists(validatorFile);
        return new Downloaded(part, bytes, sha);
    }

    /** Streams the body into {@code part}; returns the bytes in it afterwards. */
    private long receive(ModelEntry entry, ModelFile file, int number, BodyReader body, Path part, boolean append,
            long have, OptionalLong total, MessageDigest digest, DownloadListener listener) {
        long bytes = have;
        OutputStream out;
        try {
            out = settings.output().open(part, append);
        } catch (IOException e) {
            body.cancel();
            throw writeError(entry, part, e, have);
        }
        long start = System.nanoTime();
        long lastReport = start;
        long intervalNanos = settings.progressInterval().toNanos();
        report(listener, entry, file, number, bytes, total, 0);
        byte[] chunk = new byte[1 << 16];
        try {
            while (true) {
                Optional<List<ByteBuffer>> piece;
                try {
                    piece = body.next(settings.readTimeout());
                } catch (TimeoutException e) {
                    throw new ModelsException("cannot download model '" + entry.id() + "' from " + file.url()
                            + ": no data came for " + time(settings.readTimeout()) + " (timeout) after "
                            + Hashing.bytes(bytes) + "; the partial download is kept in " + part
                            + ": run the pull again to resume", e);
                } catch (IOException e) {
                    throw total.isPresent() && bytes < total.getAsLong()
                            ? truncated(entry, file, part, bytes, total.getAsLong(), "the connection broke (" + e
                                    + ")")
                            : new ModelsException("cannot download model '" + entry.id() + "' from " + file.url()
                                    + ": the connection broke after " + Hashing.bytes(bytes) + " (" + e + "); the "
                                    + "partial download is kept in " + part + ": run the pull again to resume", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ModelsException("the download of model '" + entry.id() + "' from " + file.url()
                            + " was interrupted; the partial download is kept in " + part, e);
                }
                if (piece.isEmpty()) {
                    break;
                }
                for (ByteBuffer buffer : piece.get()) {
                    while (buffer.hasRemaining()) {
                        int n = Math.min(chunk.length, buffer.remaining());
                        buffer.get(chunk, 0, n);
                        try {
                            out.write(chunk, 0, n);
                        } catch (IOException e) {
                            throw writeError(entry, part, e, bytes);
                        }
                        digest.update(chunk, 0, n);
                        bytes += n;
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport >= intervalNanos) {
                    lastReport = now;
                    report(listener, entry, file, number, bytes, total, rate(bytes - have, now - start));
                }
            }
            try {
                out.close();
            } catch (IOException e) {
                throw writeError(entry, part, e, bytes);
            }
        } catch (RuntimeException e) {
            body.cancel();
            try {
                out.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        report(listener, entry, file, number, bytes, total, rate(bytes - have, System.nanoTime() - start));
        return bytes;
    }

    /** Installs a complete download into the folder being assembled; returns the files it made there. */
    private List<InstalledFile> place(ModelEntry entry, ModelFile file, Downloaded d, Path install,
            DownloadListener listener) throws IOException {
        if (!file.verified()) {
            listener.notice("no known SHA-256 for '" + file.name() + "' of " + entry.id() + ", so the download "
                    + "could not be checked against one; its SHA-256 is " + d.sha256() + " (" + d.size()
                    + " bytes)");
        }
        if (file.archive().isEmpty()) {
            Path target = install.resolve(file.name());
            Files.move(d.part(), target, StandardCopyOption.ATOMIC_MOVE);
            return List.of(new InstalledFile(file.name(), d.size(), d.sha256(), file.verified()));
        }
        ArchiveType type = file.archive().get();
        List<InstalledFile> placed = new ArrayList<>();
        try {
            if (file.member().isPresent()) {
                String member = file.member().get();
                listener.notice("taking " + member + " out of the downloaded archive");
                Archives.Extracted x = Archives.extractMember(type, d.part(), member, install.resolve(file.name()),
                        settings.output());
                Optional<Checksum> expected = file.memberChecksum();
                if (expected.isPresent() && (x.size() != expected.get().size()
                        || !x.sha256().equals(expected.get().sha256()))) {
                    Files.deleteIfExists(d.part());
                    throw new ModelsException("the file " + member + " in the archive of model '" + entry.id()
                            + "' from " + file.url() + " has " + x.size() + " bytes and SHA-256 " + x.sha256()
                            + ", but the catalog expects " + expected.get().size() + " bytes and SHA-256 "
                            + expected.get().sha256() + "; nothing was installed");
                }
                placed.add(new InstalledFile(file.name(), x.size(), x.sha256(),
                        file.verified() || expected.isPresent()));
            } else {
                listener.notice("unpacking the downloaded archive into " + file.name() + "/");
                for (Archives.Extracted x : Archives.unpack(type, d.part(), install.resolve(file.name()),
                        file.strip(), settings.output())) {
                    placed.add(new InstalledFile(file.name() + "/" + x.path(), x.size(), x.sha256(),
                            file.verified()));
                }
            }
        } catch (Archives.ArchiveProblem e) {
            Files.deleteIfExists(d.part());
            throw new ModelsException("cannot install model '" + entry.id() + "' from " + file.url() + ": "
                    + e.getMessage() + ". The download was deleted and nothing was installed", e);
        }
        Files.delete(d.part());
        return placed;
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(ModelEntry entry, ModelFile file,
            HttpRequest request) {
        String prefix = "cannot download model '" + entry.id() + "' from " + file.url() + ": ";
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException e) {
            throw new ModelsException(prefix + "no connection within " + time(settings.connectTimeout())
                    + " (timeout); check the network connection", e);
        } catch (HttpTimeoutException e) {
            throw new ModelsException(prefix + "the server did not answer within "
                    + time(settings.readTimeout()) + " (timeout); try again later", e);
        } catch (IOException e) {
            if (causedBy(e, UnknownHostException.class) || causedBy(e, UnresolvedAddressException.class)) {
                throw new ModelsException(prefix + "unknown host " + file.url().getHost() + "; is this computer "
                        + "connected to the internet? (without a network, copy the file here and use "
                        + "'trinn models add --file')", e);
            }
            if (causedBy(e, ConnectException.class)) {
                throw new ModelsException(prefix + "cannot connect to " + file.url().getHost()
                        + Optional.ofNullable(rootCause(e).getMessage()).map(m -> " (" + m + ")").orElse("")
                        + "; is this computer connected to the network?", e);
            }
            throw new ModelsException(prefix + "network error: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelsException(prefix + "interrupted", e);
        }
    }

    private static ModelsException httpError(ModelEntry entry, ModelFile file, int status, URI at) {
        String what = switch (status) {
            case 401, 403 -> "the server refused access (" + status + (status == 401 ? " Unauthorized" : " Forbidden")
                    + "); the model may require an account or accepting its licence on the website: download it "
                    + "there yourself and use 'trinn models add --file'";
            case 404 -> "the server has no such file (404 Not Found); the catalog entry may be out of date";
            case 410 -> "the file has been removed (410 Gone); the catalog entry is out of date";
            case 429 -> "the server asks to slow down (429 Too Many Requests); try again later";
            default -> status >= 500 ? "the server failed (" + status + "); try again later"
                    : status >= 300 && status < 400 ? "the server redirects (" + status + ") somewhere it cannot be "
                            + "followed safely" : "the server answered " + status;
        };
        return new ModelsException("cannot download model '" + entry.id() + "' from " + file.url() + ": " + what
                + (at.equals(file.url()) ? "" : " (at " + at + ")"));
    }

    private static ModelsException truncated(ModelEntry entry, ModelFile file, Path part, long bytes, long total,
            String why) {
        return new ModelsException("the download of model '" + entry.id() + "' from " + file.url() + " is incomplete: "
                + why + " after " + bytes + " of " + total + " bytes. The partial download is kept in " + part
                + ": run the pull again to resume it");
    }

    private static ModelsException writeError(ModelEntry entry, Path path, IOException e, long bytes) {
        if (Hashing.diskFull(e)) {
            return new ModelsException("cannot write model '" + entry.id() + "' to " + path + ": the disk is full ("
                    + e.getMessage() + "). Free some space and run the pull again"
                    + (bytes > 0 ? "; the " + bytes + " bytes downloaded so far are kept and will be resumed" : ""),
                    e);
        }
        return new ModelsException("cannot write model '" + entry.id() + "' to " + path + ": " + e, e);
    }

    private static void report(DownloadListener listener, ModelEntry entry, ModelFile file, int number, long bytes,
            OptionalLong total, double rate) {
        listener.progress(new DownloadProgress(entry.id(), file.name(), number, entry.files().size(), bytes, total,
                rate));
    }

    private static String time(java.time.Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private static double rate(long bytes, long nanos) {
        return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
    }

    /** Keeps the server's strong ETag (or else its Last-Modified date) to resume only an unchanged file. */
    private static void saveValidator(HttpHeaders headers, Path validatorFile) throws IOException {
        Optional<String> validator = headers.firstValue("ETag").filter(e -> !e.startsWith("W/"))
                .or(() -> headers.firstValue("Last-Modified"));
        if (validator.isPresent()) {
            Files.writeString(validatorFile, validator.get(), StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(validatorFile);
        }
    }

    /** {@code bytes FIRST-LAST/TOTAL} as {first, last, total or -1}. */
    private static Optional<long[]> contentRange(String value) {
        Matcher m = CONTENT_RANGE.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3))});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
