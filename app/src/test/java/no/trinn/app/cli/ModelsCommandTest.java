package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ModelsCommandTest {
    @TempDir
    Path home;

    private HttpServer server;
    private final byte[] weights = gguf(2_000_000);
    private final byte[] other = random(50_000, 2);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = switch (exchange.getRequestURI().getPath()) {
            case "/tiny-chat.gguf" -> weights;
            case "/other.bin" -> other;
            default -> null;
        };
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] gguf(int tail) {
        ByteBuffer b = ByteBuffer.allocate(24 + tail).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(1);
        b.put(random(tail, 1));
        return b.array();
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A catalog with a checked chat model, an unchecked file and a model whose file the server lacks. */
    private Path catalog() throws IOException {
        return Files.writeString(home.resolve("catalog.yaml"), """
                version: 1
                models:
                  - id: tiny-chat
                    kind: chat
                    name: Tiny chat
                    parameters: 1M
                    quantisation: Q8_0
                    licence: MIT
                    good-for: tests
                    languages: [en]
                    files:
                      - name: tiny-chat.gguf
                        url: %s
                        size: %d
                        sha256: "%s"
                  - id: unchecked
                    kind: voice-activity
                    name: Unchecked
                    licence: MIT
                    good-for: tests
                    languages: [any]
                    files:
                      - name: other.bin
                        url: %s
                        verified: false
                  - id: gone
                    kind: voice
                    name: Gone
                    licence: MIT
                    good-for: tests
                    languages: [en]
                    files:
                      - name: gone.jar
                        url: %s
                        verified: false
                """.formatted(url("/tiny-chat.gguf"), weights.length, sha(weights), url("/other.bin"),
                url("/gone.jar")));
    }

    private CliRun.Result models(String... args) throws IOException {
        String[] all = new String[args.length + 3];
        all[0] = "models";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--catalog";
        all[args.length + 2] = catalog().toString();
        return CliRun.run(home, all);
    }

    @Test
    void pullShowsProgressPerTenPercentInstallsAndListsTheModel() throws IOException {
        CliRun.Result pull = models("pull", "tiny-chat");

        assertEquals(0, pull.code(), pull::toString);
        Path installed = home.resolve("models").resolve("tiny-chat").resolve("tiny-chat.gguf");
        assertArrayEquals(weights, Files.readAllBytes(installed));
        assertTrue(pull.out().startsWith("installed tiny-chat in " + installed.getParent()), pull::toString);
        assertTrue(pull.err().startsWith("Downloading Tiny chat (MIT), 2.00 MB\n"), pull::toString);
        List<String> percents = pull.err().lines().filter(l -> l.matches("\\s*\\d+%.*"))
                .map(l -> l.strip().split("%")[0]).toList();
        assertEquals("100", percents.getLast(), pull::toString);
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(Integer.parseInt(percents.get(i)) > Integer.parseInt(percents.get(i - 1)), pull::toString);
        }
        assertFalse(pull.err().contains("\r"), "no bar redrawn in place when not on a terminal");

        CliRun.Result list = models("list");
        assertEquals(0, list.code(), list::toString);
        assertTrue(list.out().lines().findFirst().orElseThrow().matches("ID\\s+KIND\\s+SIZE\\s+INSTALLED\\s+NAME"),
                list::toString);
        assertTrue(Pattern.compile("(?m)^tiny-chat\\s+chat\\s+2.00 MB\\s+yes\\s+Tiny chat$").matcher(list.out())
                .find(), list::toString);
        assertTrue(Pattern.compile("(?m)^unchecked\\s+voice-activity\\s+\\?\\s+-\\s+Unchecked$")
                .matcher(list.out()).find(), list::toString);

        CliRun.Result again = models("pull", "tiny-chat");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("installed already"), again::toString);
    }

    @Test
    void anUncheckedDownloadIsInstalledWithAWarningAndItsSha256() throws IOException {
        CliRun.Result pull = models("pull", "unchecked");
        assertEquals(0, pull.code(), pull::toString);
        assertTrue(pull.err().contains("no known SHA-256") && pull.err().contains(sha(other)), pull::toString);
        assertTrue(pull.err().contains("warning: the catalog has no SHA-256 for unchecked"), pull::toString);
        CliRun.Result list = models("list", "--installed");
        assertTrue(Pattern.compile("(?m)^unchecked\\s+voice-activity\\s+50.0 kB\\s+yes\\*").matcher(list.out())
                .find(), list::toString);
        assertTrue(list.out().contains("* installed without a known SHA-256"), list::toString);
    }

    @Test
    void aMissingFileOnTheServerEndsWithExitOneAndOneLine() throws IOException {
        CliRun.Result pull = models("pull", "gone");
        assertEquals(1, pull.code(), pull::toString);
        assertTrue(pull.err().contains("trinn: cannot download model 'gone' from " + url("/gone.jar")
                + ": the server has no such file (404 Not Found)"), pull::toString);
        assertFalse(Files.exists(home.resolve("models").resolve("gone")));
    }

    @Test
    void anUnknownIdIsBadInputWithSuggestions() throws IOException {
        CliRun.Result pull = models("pull", "tiny-chta");
        assertEquals(2, pull.code(), pull::toString);
        assertTrue(pull.err().contains("unknown model 'tiny-chta'; did you mean: tiny-chat?"), pull::toString);
    }

    @Test
    void verifyReportsOkThenAChangedFileWithExitTwo() throws IOException {
        assertEquals(0, models("pull", "tiny-chat").code());
        CliRun.Result ok = models("verify");
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().startsWith("ok      tiny-chat  tiny-chat.gguf\n"), ok::toString);

        Path installed = home.resolve("models").resolve("tiny-chat").resolve("tiny-chat.gguf");
        byte[] bytes = Files.readAllBytes(installed);
        bytes[1000] ^= 1;
        Files.write(installed, bytes);
        CliRun.Result changed = models("verify", "tiny-chat");
        assertEquals(2, changed.code(), changed::toString);
        assertTrue(changed.out().startsWith("CHANGED tiny-chat  tiny-chat.gguf  (SHA-256 "), changed::toString);
        assertTrue(changed.err().contains("1 of 1 file(s) differ"), changed::toString);

        CliRun.Result notInstalled = models("verify", "unchecked");
        assertEquals(2, notInstalled.code(), notInstalled::toString);
    }

    @Test
    void addRegistersAGgufAndRejectsOtherFiles() throws IOException {
        Path file = Files.write(home.resolve("Mine-Q4.gguf"), gguf(10_000));
        CliRun.Result add = CliRun.run(home, "models", "add", "--file", file.toString());
        assertEquals(0, add.code(), add::toString);
        assertTrue(add.out().startsWith("added mine-q4 (10.0 kB, SHA-256 " + sha(gguf(10_000)) + ")"), add::toString);
        CliRun.Result list = CliRun.run(home, "models", "list", "--installed");
        assertTrue(Pattern.compile("(?m)^mine-q4\\s+chat\\s+10.0 kB\\s+yes\\*\\s+added from ").matcher(list.out())
                .find(), list::toString);

        Path notGguf = Files.writeString(home.resolve("notes.gguf"), "hello, not a model");
        CliRun.Result bad = CliRun.run(home, "models", "add", "--file", notGguf.toString(), "--id", "notes");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("trinn: " + notGguf + " is not a GGUF model file"), bad::toString);

        CliRun.Result noFile = CliRun.run(home, "models", "add");
        assertEquals(2, noFile.code(), noFile::toString);
    }

    @Test
    void theShippedCatalogIsListedAndShown() {
        CliRun.Result list = CliRun.run(home, "models", "list", "--kind", "voice-activity");
        assertEquals(0, list.code(), list::toString);
        assertTrue(Pattern.compile("(?m)^silero-vad-v5\\s+voice-activity\\s+6.93 MB\\s+-\\s+Silero VAD v5$")
                .matcher(list.out()).find(), list::toString);
        CliRun.Result show = CliRun.run(home, "models", "show", "qwen2.5-0.5b-instruct-q4");
        assertEquals(0, show.code(), show::toString);
        assertTrue(show.out().contains("Kind: chat, 0.49B parameters, Q4_K_M"), show::toString);
        assertTrue(show.out().contains("SHA-256 not known"), show::toString);
        assertTrue(show.out().contains("Not installed: 'trinn models pull qwen2.5-0.5b-instruct-q4'"),
                show::toString);
        CliRun.Result badKind = CliRun.run(home, "models", "list", "--kind", "robot");
        assertEquals(2, badKind.code(), badKind::toString);
    }

    @Test
    void aBrokenCatalogFileIsBadInputWithEveryProblem() throws IOException {
        Path broken = Files.writeString(home.resolve("broken.yaml"), """
                version: 1
                models:
                  - id: a
                    kind: chat
                    name: A
                    licence: MIT
                    good-for: x
                    languages: [en]
                    files: []
                  - id: b
                    kind: robot
                    name: B
                    licence: MIT
                    good-for: x
                    languages: [en]
                    files: []
                """);
        CliRun.Result r = CliRun.run(home, "models", "list", "--catalog", broken.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("entry 'a': files:") && r.err().contains("entry 'b': kind:"), r::toString);
    }
}
