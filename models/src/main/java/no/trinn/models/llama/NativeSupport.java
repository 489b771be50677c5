package no.trinn.models.llama;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.trinn.models.ModelsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide care of the llama.cpp binding (de.kherud:llama 4.2.0):
 * <ul>
 *   <li>The binding extracts its native library into {@code de.kherud.llama.tmpdir} (default: java.io.tmpdir) and,
 *       on first use, deletes every entry of that folder whose name starts with {@code llama} or {@code jllama}.
 *       A private folder is set before the binding loads so that no user file in /tmp is touched.</li>
 *   <li>It prints "Extracted '...'" to System.out while loading; that one line goes to the debug log instead.</li>
 *   <li>Its server code logs through llama.cpp's common log, which writes to stderr (and to a file if given) and
 *       cannot be routed to Java; only libllama's own messages reach {@link LlamaModel#setLogger}, and only when set
 *       after a model is loaded (loading resets the callback). Runtimes load with the common log disabled unless native
 *       timings are asked for; then the log also goes to a file here, read back for llama.cpp's timings.</li>
 * </ul>
 */
final class NativeSupport {
    private static final Logger LOG = LoggerFactory.getLogger(NativeSupport.class);
    private static final Logger NATIVE_LOG = LoggerFactory.getLogger("no.trinn.models.llama.native");
    private static final Pattern PROMPT_EVAL =
            Pattern.compile("^\\s*prompt eval time =\\s*([0-9.]+) ms /\\s*([0-9]+) tokens");
    private static final Pattern EVAL = Pattern.compile("^\\s*eval time =\\s*([0-9.]+) ms /\\s*([0-9]+) tokens");

    private static boolean initialized;
    private static Path folder;
    private static volatile boolean nativeLog;
    private static long logOffset;

    private NativeSupport() {
    }

    /** Loads the binding's native library once per process; throws {@link ModelsException} if it cannot be. */
    static synchronized void initialize() {
        if (initialized) {
            return;
        }
        String configured = System.getProperty("de.kherud.llama.tmpdir");
        try {
            if (configured == null) {
                String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
                folder = Path.of(System.getProperty("java.io.tmpdir"), "trinn-native-" + user);
                System.setProperty("de.kherud.llama.tmpdir", folder.toString());
            } else {
                folder = Path.of(configured);
            }
            Files.createDirectories(folder);
        } catch (IOException | RuntimeException e) {
            throw new ModelsException("cannot prepare the folder for llama.cpp's native library " + folder + ": "
                    + e.getMessage(), e);
        }
        PrintStream original = System.out;
        PrintStream filtered = new ExtractionFilter(original);
        System.setOut(filtered);
        try {
            Class.forName(LlamaModel.class.getName(), true, NativeSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            throw new ModelsException("cannot load llama.cpp's native library for " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + " (de.kherud:llama): " + e, e);
        } finally {
            if (System.out == filtered) {
                System.setOut(original);
            }
        }
        initialized = true;
    }

    /**
     * Whether a model loaded now should keep llama.cpp's common log on. Once native timings were asked for they stay
     * on for the process: a load with the log disabled would silence it for every model.
     */
    static synchronized boolean nativeLogFor(boolean asked) {
        nativeLog |= asked;
        return nativeLog;
    }

    /** The file llama.cpp's common log is written to when it is on; reopened (emptied) by every load. */
    static synchronized Path logFile() {
        return folder.resolve("native-" + ProcessHandle.current().pid() + ".log");
    }

    /** Called after a load that (re)opened the log file: reading starts again from its beginning. */
    static synchronized void logReopened() {
        logOffset = 0;
        logFile().toFile().deleteOnExit();
    }

    /** Routes libllama's messages to SLF4J; must follow every load, which resets the callback. */
    static void routeLibraryLog() {
        LlamaModel.setLogger(LogFormat.TEXT, NativeSupport::libraryMessage);
    }

    private static void libraryMessage(LogLevel level, String message) {
        // libllama's messages describe the model and its buffers, never prompt or reply text
        String text = message.strip();
        if (text.isEmpty()) {
            return;
        }
        if (level == LogLevel.DEBUG) {
            NATIVE_LOG.trace("{}", text);
        } else {
            NATIVE_LOG.debug("{} {}", level.name().toLowerCase(Locale.ROOT), text);
        }
    }

    /** Current end of the log file; generation begins reading timings from here. */
    static synchronized long logMark() {
        if (!nativeLog) {
            return 0;
        }
        try {
            return Files.exists(logFile()) ? Files.size(logFile()) : 0;
        } catch (IOException e) {
            LOG.debug("cannot read the size of llama.cpp's log {}", logFile(), e);
            return 0;
        }
    }

    /**
     * Waits up to {@code waitMillis} for llama.cpp's timing lines written after {@code mark} and returns the last
     * complete pair. llama.cpp prints them before it sends the final result, through a logging thread of its own.
     */
    static Optional<LlamaCppTimings> awaitTimings(long mark, long waitMillis) {
        if (!nativeLog) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            Optional<LlamaCppTimings> t = readTimings(mark);
            if (t.isPresent() || System.nanoTime() > deadline) {
                return t;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static Optional<LlamaCppTimings> readTimings(long mark) {
        Path file = logFile();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long from = raf.length() < mark ? 0 : mark;
            int length = (int) Math.min(raf.length() - from, 1 << 20);
            if (length <= 0) {
                return Optional.empty();
            }
            byte[] bytes = new byte[length];
            raf.seek(from);
            raf.readFully(bytes);
            double promptMs = -1;
            int promptTokens = 0;
            LlamaCppTimings found = null;
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher p = PROMPT_EVAL.matcher(line);
                Matcher e = EVAL.matcher(line);
                if (p.find()) {
                    promptMs = Double.parseDouble(p.group(1));
                    promptTokens = Integer.parseInt(p.group(2));
                } else if (e.find() && promptMs >= 0) {
                    found = new LlamaCppTimings(promptTokens, promptMs, Integer.parseInt(e.group(2)),
                            Double.parseDouble(e.group(1)));
                    promptMs = -1;
                }
            }
            return Optional.ofNullable(found);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read llama.cpp's timings from {}", file, e);
            return Optional.empty();
        }
    }

    /** Passes everything through except the binding's "Extracted '...' to '...'" line, which goes to the log. */
    private static final class ExtractionFilter extends PrintStream {
        private final PrintStream target;

        ExtractionFilter(PrintStream target) {
            super(target, true, StandardCharsets.UTF_8);
            this.target = target;
        }

        @Override
        public void println(String x) {
            if (x != null && x.startsWith("Extracted '")) {
                LOG.debug("{}", x);
            } else {
                target.println(x);
            }
        }
    }
}
