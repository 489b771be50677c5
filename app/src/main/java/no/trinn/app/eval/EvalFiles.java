package no.trinn.app.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.trinn.agents.simulate.EvaluatedClient;
import no.trinn.agents.simulate.EvaluatedSession;
import no.trinn.agents.simulate.EvaluatedTurn;
import no.trinn.agents.simulate.EvaluationReport;
import no.trinn.app.cli.AppException;
import no.trinn.console.charts.ChartAxis;
import no.trinn.console.charts.ChartBand;
import no.trinn.console.charts.ChartPoint;
import no.trinn.console.charts.ChartSeries;
import no.trinn.console.charts.Csv;
import no.trinn.console.charts.LineChart;
import no.trinn.console.charts.ScatterChart;
import no.trinn.core.Require;

/**
 * Writes what {@code trinn eval} found into a folder: {@value #SESSIONS} (one row per session), {@value #CLIENTS}
 * (one row per client) and SVG charts a therapist can read: {@value #ERROR_CHART} (the estimate's error by session,
 * mean and 90th percentile, with the 0.1 guideline), {@value #LEVEL_CHART} (true level against the final estimate,
 * with the diagonal), {@code turns-NAME.svg} for three example clients (lowest, middle and highest tier-1 level:
 * the controller's difficulty and the true chance of success turn by turn over all their sessions, the target band
 * shaded) and {@value #RUNG_CHART} (the ladder rung reached by bucket of true tier-1 level). Numbers in the CSV
 * files are rounded to 4 decimals; an empty field means "none".
 */
public final class EvalFiles {
    /** The sessions table. */
    public static final String SESSIONS = "sessions.csv";
    /** The clients table. */
    public static final String CLIENTS = "clients.csv";
    /** The chart of the estimate's error by session. */
    public static final String ERROR_CHART = "estimate-error-by-session.svg";
    /** The chart of true level against final estimate. */
    public static final String LEVEL_CHART = "true-level-vs-estimate.svg";
    /** The chart of the rung reached by level. */
    public static final String RUNG_CHART = "rung-reached-by-level.svg";
    /** The voice turns table of {@code trinn eval --voice}. */
    public static final String VOICE_TURNS = "voice-turns.csv";
    /** Columns of {@value #VOICE_TURNS}. */
    public static final List<String> VOICE_COLUMNS = List.of("client", "scenario", "state", "kind", "intent",
            "voice", "words_per_minute", "line", "spoken", "recognized", "recognized_intents", "in_grammar", "plain",
            "false_stop_or_pause", "exact",
            "same_intent", "word_errors", "line_words", "audio_ms", "synthesis_ms", "recognition_ms");
    /** Columns of {@value #SESSIONS}. */
    public static final List<String> SESSION_COLUMNS = List.of("client", "session", "true_level_tier1",
            "true_level_tier2", "true_level_tier3", "true_level_tier4", "scenario", "tier", "rung",
            "start_difficulty", "end_difficulty", "turns", "goal_score", "completed", "goal_met", "true_level",
            "estimate_mean", "estimate_sd", "error", "true_time_in_band", "observed_time_in_band", "reversals");
    /** Columns of {@value #CLIENTS}. */
    public static final List<String> CLIENT_COLUMNS = List.of("client", "start_level_tier1", "start_level_tier2",
            "start_level_tier3", "start_level_tier4", "final_level_tier1", "final_level_tier2", "final_level_tier3",
            "final_level_tier4", "learning_rate", "sessions", "turns", "rung_reached", "last_tier",
            "last_true_level", "last_estimate_mean", "last_estimate_sd", "final_error", "converged_at_session",
            "true_time_in_band", "mean_reversals");

    private EvalFiles() {
    }

    /**
     * Writes every file into {@code folder} (which must exist), replacing files of the same names.
     *
     * @return the names of the files written, in order
     * @throws AppException naming the file that could not be written
     */
    public static List<String> write(Path folder, EvaluationReport report) {
        Require.nonNull(folder, "folder");
        Require.nonNull(report, "report");
        List<String> written = new ArrayList<>();
        write(folder, SESSIONS, sessions(report), written);
        write(folder, CLIENTS, clients(report), written);
        write(folder, ERROR_CHART, errorChart(report).svg(), written);
        write(folder, LEVEL_CHART, levelChart(report).svg(), written);
        for (EvaluatedClient c : examples(report)) {
            write(folder, "turns-" + c.name().replaceAll("[^A-Za-z0-9-]", "-") + ".svg", turnChart(report, c).svg(),
                    written);
        }
        write(folder, RUNG_CHART, rungChart(report).svg(), written);
        return List.copyOf(written);
    }

    /**
     * Writes {@value #VOICE_TURNS} into {@code folder}: {@link #VOICE_COLUMNS}, one row per spoken turn, in order.
     * The words are the simulated clients' (scenario data), never a person's.
     *
     * @return the file's name
     * @throws AppException naming the file that could not be written
     */
    public static String writeVoice(Path folder, List<SpokenChannel.Row> rows) {
        Require.nonNull(folder, "folder");
        Require.nonNull(rows, "rows");
        List<String> written = new ArrayList<>();
        write(folder, VOICE_TURNS, voiceTurns(rows), written);
        return written.getFirst();
    }

    /** The voice turns table: {@link #VOICE_COLUMNS}, one row per spoken turn. */
    public static String voiceTurns(List<SpokenChannel.Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (SpokenChannel.Row r : rows) {
            out.add(List.of(r.client(), r.scenarioId(), r.stateId(), r.kind().name().toLowerCase(Locale.ROOT),
                    r.intent().orElse(""), r.voice(), Integer.toString(r.wordsPerMinute()), r.line(), r.spoken(),
                    r.recognized(), r.recognizedIntents(), Boolean.toString(r.inGrammar()),
                    Boolean.toString(r.plain()), Boolean.toString(r.falseControl()), Boolean.toString(r.exact()), r.sameIntent().map(String::valueOf).orElse(""),
                    Integer.toString(r.wordErrors()), Integer.toString(r.lineWords()),
                    Long.toString(r.audioMillis()), Long.toString(r.synthesisNanos() / 1_000_000),
                    Long.toString(r.recognitionNanos() / 1_000_000)));
        }
        return Csv.table(VOICE_COLUMNS, out);
    }

    /** The sessions table: {@link #SESSION_COLUMNS}, one row per session, clients in order. */
    public static String sessions(EvaluationReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (EvaluatedClient c : report.clients()) {
            for (EvaluatedSession s : c.sessions()) {
                List<String> row = new ArrayList<>(List.of(c.name(), Integer.toString(s.number())));
                s.trueLevels().forEach(l -> row.add(num(l)));
                row.addAll(List.of(s.scenarioId(), Integer.toString(s.tier()), Integer.toString(s.rung()),
                        num(s.startDifficulty()), num(s.endDifficulty()), Integer.toString(s.turns().size()),
                        num(s.goalScore()), Boolean.toString(s.completed()), Boolean.toString(s.goalMet()),
                        num(s.trueLevel()), num(s.estimateMean()), num(s.estimateSd()), num(s.error()),
                        num(s.trueInBand(report.bandLow(), report.bandHigh())),
                        num(s.observedInBand(report.bandLow(), report.bandHigh())),
                        Integer.toString(s.reversals())));
                rows.add(row);
            }
        }
        return Csv.table(SESSION_COLUMNS, rows);
    }

    /** The clients table: {@link #CLIENT_COLUMNS}, one row per client, in order. */
    public static String clients(EvaluationReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (EvaluatedClient c : report.clients()) {
            EvaluatedSession last = c.sessions().getLast();
            List<String> row = new ArrayList<>(List.of(c.name()));
            c.profile().levels().forEach(l -> row.add(num(l)));
            c.finalLevels().forEach(l -> row.add(num(l)));
            row.addAll(List.of(num(c.profile().learningRate()), Integer.toString(c.sessions().size()),
                    Integer.toString(c.turns()), Integer.toString(c.rungReached()), Integer.toString(last.tier()),
                    num(last.trueLevel()), num(last.estimateMean()), num(last.estimateSd()), num(c.finalError()),
                    c.convergedAt(EvaluationReport.CONVERGED).map(String::valueOf).orElse(""),
                    num(c.trueInBand(report.bandLow(), report.bandHigh())), num(c.meanReversals())));
            rows.add(row);
        }
        return Csv.table(CLIENT_COLUMNS, rows);
    }

    /** The estimate's error by session: mean and 90th percentile over the clients, and the 0.1 guideline. */
    public static LineChart errorChart(EvaluationReport report) {
        List<EvaluationReport.BySession> by = report.bySession();
        List<ChartPoint> mean = by.stream().map(b -> new ChartPoint(b.number(), b.meanError())).toList();
        List<ChartPoint> p90 = by.stream().map(b -> new ChartPoint(b.number(), b.p90Error())).toList();
        double last = Math.max(2, by.size());
        double top = Math.max(0.3, Math.ceil(by.stream().mapToDouble(EvaluationReport.BySession::p90Error).max()
                .orElse(0) * 10 + 0.5) / 10);
        return new LineChart("How far the coach's estimate is from the true level",
                new ChartAxis("Session", "number", 1, last),
                new ChartAxis("Estimate error", "difference in level, 0-1 scale", 0, top),
                List.of(new ChartSeries("Mean over clients", mean), new ChartSeries("9 in 10 clients below", p90),
                        new ChartSeries("Guideline: 0.1", List.of(new ChartPoint(1, EvaluationReport.CONVERGED),
                                new ChartPoint(last, EvaluationReport.CONVERGED)))),
                Optional.empty());
    }

    /** Each client's true level against the coach's estimate after the last session, by the tier of that session. */
    public static ScatterChart levelChart(EvaluationReport report) {
        List<ChartSeries> series = new ArrayList<>();
        for (int tier = 1; tier <= 4; tier++) {
            int t = tier;
            List<ChartPoint> points = report.clients().stream().map(c -> c.sessions().getLast())
                    .filter(s -> s.tier() == t).map(s -> new ChartPoint(s.trueLevel(), s.estimateMean())).toList();
            if (!points.isEmpty()) {
                series.add(new ChartSeries("Tier " + tier + " (" + points.size() + " clients)", points));
            }
        }
        return new ScatterChart("True level and the coach's estimate after the last session",
                new ChartAxis("True level", "0 = needs the easiest, 1 = copes with the hardest", 0, 1),
                new ChartAxis("Coach's estimate", "same scale", 0, 1), series, true, "estimate = true level");
    }

    /**
     * One client's turns over all sessions: the controller's difficulty and the client's true chance of success,
     * with the target band shaded.
     */
    public static LineChart turnChart(EvaluationReport report, EvaluatedClient client) {
        List<ChartPoint> difficulty = new ArrayList<>();
        List<ChartPoint> success = new ArrayList<>();
        int n = 0;
        for (EvaluatedSession s : client.sessions()) {
            for (EvaluatedTurn t : s.turns()) {
                n++;
                difficulty.add(new ChartPoint(n, t.difficulty()));
                success.add(new ChartPoint(n, t.trueSuccess()));
            }
        }
        return new LineChart(String.format(Locale.ROOT, "%s (true tier-1 level %.2f): turn by turn", client.name(),
                client.profile().level(1)),
                new ChartAxis("Turn", "all " + client.sessions().size() + " sessions in a row", 1, Math.max(2, n)),
                new ChartAxis("Value", "0-1", 0, 1),
                List.of(new ChartSeries("Difficulty set by the coach", difficulty),
                        new ChartSeries("True chance of success", success)),
                Optional.of(new ChartBand(report.bandLow(), report.bandHigh(), String.format(Locale.ROOT,
                        "target: %.0f-%.0f%% of turns succeed", report.bandLow() * 100, report.bandHigh() * 100))));
    }

    /** The ladder rung reached after all sessions by bucket of true tier-1 level: mean, lowest and highest. */
    public static LineChart rungChart(EvaluationReport report) {
        List<EvaluationReport.Bucket> buckets = report.progression().stream().filter(b -> b.clients() > 0).toList();
        List<ChartPoint> mean = new ArrayList<>();
        List<ChartPoint> low = new ArrayList<>();
        List<ChartPoint> high = new ArrayList<>();
        for (EvaluationReport.Bucket b : buckets) {
            double mid = (b.from() + b.to()) / 2;
            mean.add(new ChartPoint(mid, b.meanRung()));
            low.add(new ChartPoint(mid, b.minRung()));
            high.add(new ChartPoint(mid, b.maxRung()));
        }
        int top = report.clients().stream().mapToInt(EvaluatedClient::rungReached).max().orElse(1);
        return new LineChart("Ladder rung reached after " + report.sessionsPerClient() + " sessions",
                new ChartAxis("True tier-1 level at the start", "middle of each 0.2 band", 0, 1),
                new ChartAxis("Rung reached", "1 = first scenario", 0, Math.max(4, top + 1)),
                List.of(new ChartSeries("Highest", high), new ChartSeries("Mean", mean),
                        new ChartSeries("Lowest", low)), Optional.empty());
    }

    /** Three example clients: lowest, middle and highest true tier-1 level (fewer if there are fewer clients). */
    public static List<EvaluatedClient> examples(EvaluationReport report) {
        List<EvaluatedClient> sorted = report.clients().stream()
                .sorted(Comparator.comparingDouble(c -> c.profile().level(1))).toList();
        List<EvaluatedClient> out = new ArrayList<>();
        for (int i : new int[] {0, sorted.size() / 2, sorted.size() - 1}) {
            if (!out.contains(sorted.get(i))) {
                out.add(sorted.get(i));
            }
        }
        return List.copyOf(out);
    }

    private static void write(Path folder, String name, String content, List<String> written) {
        Path file = folder.resolve(name);
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AppException("cannot write " + file + ": " + e.getMessage(), e);
        }
        written.add(name);
    }

    private static String num(double v) {
        return Csv.number(Math.round(v * 10_000) / 10_000.0);
    }
}
