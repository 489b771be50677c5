package no.trinn.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import no.trinn.agents.session.PracticeSession;
import no.trinn.app.cli.AppException;
import no.trinn.app.practice.EventLog;
import no.trinn.app.practice.Sessions;
import no.trinn.app.practice.TextEngines;
import no.trinn.core.Require;
import no.trinn.core.session.SessionEvent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;

/**
 * {@code trinn bench text}: measures text sessions with the real components (sentence-embedding model, intent
 * matcher, scripted engine, safety check, SQLite store in a temporary folder that is deleted afterwards, so the
 * user's history is untouched). Prints the time from JVM start to the first character line and the model load time,
 * the per-turn processing latency (client line in, reply out) after a warm-up pass, complete scripted sessions per
 * minute, and the machine. Client lines come from {@link GoalWalk} for every shipped scenario.
 */
public final class TextBench {
    /** Client alias of benchmark sessions. */
    static final String ALIAS = "bench";
    private static final double DIFFICULTY = 0.3;
    private static final long TARGET_P95_MICROS = 50_000;
    private static final long TARGET_FIRST_LINE_MILLIS = 3_000;

    private final PrintWriter out;
    private final int seconds;
    private final String runId = Sessions.newId();
    private int sessionCount;

    /**
     * @param out where the figures go
     * @param seconds how long to measure, after the warm-up
     */
    public TextBench(PrintWriter out, int seconds) {
        this.out = Require.nonNull(out, "out");
        this.seconds = (int) Require.inRange(seconds, 1, 3600, "seconds");
    }

    /** Runs the benchmark and prints its figures; returns whether every scenario's walk completed. */
    public boolean run() {
        out.println("trinn bench text, " + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm")) + " local time");
        out.println("machine: " + Machine.describe());
        out.flush();
        TextEngines engines = TextEngines.shared(); // starts loading in the background, as practice does
        ScenarioLibrary library = ScenarioLibrary.shipped();
        Map<Scenario, List<String>> scripts = new LinkedHashMap<>();
        List<String> unwalkable = new ArrayList<>();
        for (Scenario s : library.all()) {
            GoalWalk.lines(s).ifPresentOrElse(lines -> scripts.put(s, lines), () -> unwalkable.add(s.id()));
        }
        if (scripts.isEmpty()) {
            throw new AppException("no shipped scenario has a path of intents to an end state; nothing to measure");
        }
        Path folder = temporaryFolder();
        try (SessionStore store = SessionStore.open(folder.resolve("bench.db"))) {
            Scenario first = scripts.keySet().iterator().next();
            EventLog events = new EventLog();
            PracticeSession opening = Sessions.start(Sessions.setup(nextId(), first, ALIAS, DIFFICULTY),
                    engines, List.of(store, events));
            opening.open();
            long firstLine = ManagementFactory.getRuntimeMXBean().getUptime();
            engines.prepare(first).join();
            long firstTurnReady = ManagementFactory.getRuntimeMXBean().getUptime();
            opening.end("quit");
            out.println("first character line: " + firstLine + " ms after JVM start (target < "
                    + TARGET_FIRST_LINE_MILLIS + " ms: " + (firstLine < TARGET_FIRST_LINE_MILLIS ? "met" : "NOT met")
                    + ")");
            out.println("ready for the first client turn: " + firstTurnReady + " ms after JVM start (embedding model"
                    + " loaded " + engines.modelLoadMillis() + " ms and safety examples embedded "
                    + engines.readyMillis() + " ms after loading began)");
            int lines = scripts.values().stream().mapToInt(List::size).sum();
            out.println("scripts: " + scripts.size() + " shipped scenarios, " + lines + " client lines "
                    + "(each state's first intent that leads on, its first example)");
            if (!unwalkable.isEmpty()) {
                out.println("  no path to an end state, left out: " + String.join(", ", unwalkable));
            }
            out.flush();

            List<String> incomplete = new ArrayList<>();
            for (Map.Entry<Scenario, List<String>> e : scripts.entrySet()) {
                engines.prepare(e.getKey()).join();
                Run r = session(engines, store, e.getKey(), e.getValue(), new ArrayList<>());
                if (!r.completed()) {
                    incomplete.add(e.getKey().id() + " (ended as " + r.reason() + ")");
                }
            }
            out.println("warm-up: one session of each scenario, " + lines + " turns");
            if (!incomplete.isEmpty()) {
                out.println("  did not reach the end: " + String.join(", ", incomplete));
            }
            out.flush();

            List<Long> latencies = new ArrayList<>();
            int sessions = 0;
            int completed = 0;
            long start = System.nanoTime();
            long deadline = start + seconds * 1_000_000_000L;
            measuring:
            while (true) {
                for (Map.Entry<Scenario, List<String>> e : scripts.entrySet()) {
                    Run r = session(engines, store, e.getKey(), e.getValue(), latencies);
                    sessions++;
                    if (r.completed()) {
                        completed++;
                    }
                    if (System.nanoTime() >= deadline) {
                        break measuring;
                    }
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long p95 = percentile(sorted, 95);
            out.printf("turn latency (client line in, reply out), %d turns: p50 %s ms, p95 %s ms, max %s ms "
                    + "(target p95 < %d ms: %s)%n", sorted.length, ms(percentile(sorted, 50)), ms(p95),
                    ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), TARGET_P95_MICROS / 1000,
                    p95 < TARGET_P95_MICROS ? "met" : "NOT met");
            out.printf("complete scripted sessions: %d of %d in %.1f s = %.0f per minute%n", completed, sessions,
                    elapsed, completed * 60.0 / elapsed);
            out.flush();
            return incomplete.isEmpty() && completed == sessions;
        } finally {
            delete(folder);
        }
    }

    /** A session id unique within this run: many sessions start within one second. */
    private String nextId() {
        return "bench-" + runId + "-" + ++sessionCount;
    }

    /** One scripted session; latencies of its turns are added to {@code latencies} in microseconds. */
    private Run session(TextEngines engines, SessionStore store, Scenario scenario, List<String> lines,
            List<Long> latencies) {
        EventLog events = new EventLog();
        PracticeSession session = Sessions.start(Sessions.setup(nextId(), scenario, ALIAS, DIFFICULTY),
                engines, List.of(store, events));
        session.open();
        for (String line : lines) {
            if (session.ended()) {
                break;
            }
            long t0 = System.nanoTime();
            session.say(line);
            latencies.add((System.nanoTime() - t0) / 1_000);
        }
        if (!session.ended()) {
            session.end("quit");
        }
        String reason = events.ended().map(SessionEvent.Ended::reason).orElse("not ended");
        return new Run(reason.equals("completed"), reason);
    }

    private record Run(boolean completed, String reason) {
    }

    /** The nearest-rank percentile of sorted values; 0 for none. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String ms(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }

    static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("trinn-bench-");
        } catch (IOException e) {
            throw new AppException("cannot create a temporary folder for the benchmark's session store: "
                    + e.getMessage(), e);
        }
    }

    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new AppException("cannot delete the benchmark's temporary store " + folder + ": " + e.getMessage(),
                    e);
        }
    }

    /** What the machine is, for the figures to mean something. */
    static final class Machine {
        private Machine() {
        }

        static String describe() {
            Runtime rt = Runtime.getRuntime();
            return rt.availableProcessors() + " cores, " + cpuModel().map(m -> m + ", ").orElse("")
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch") + "; Java " + Runtime.version() + " ("
                    + System.getProperty("java.vendor", "unknown vendor") + "), max heap "
                    + rt.maxMemory() / (1024 * 1024) + " MB";
        }

        private static Optional<String> cpuModel() {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (!Files.isReadable(cpuinfo)) {
                return Optional.empty();
            }
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                return lines.filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).strip())
                        .map(m -> Arrays.stream(m.split("\\s+")).reduce((a, b) -> a + " " + b).orElse(m));
            } catch (IOException | UncheckedIOException e) {
                throw new AppException("cannot read " + cpuinfo + ": " + e.getMessage(), e);
            }
        }
    }
}
