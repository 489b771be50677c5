package no.trinn.app.eval;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import no.trinn.agents.simulate.EvaluatedClient;
import no.trinn.agents.simulate.EvaluatedSession;
import no.trinn.agents.simulate.EvaluationReport;
import no.trinn.core.Require;

/** The readable summary of {@code trinn eval}: the headline figures, each with what it means. */
public final class EvalSummary {
    private EvalSummary() {
    }

    /** Prints the summary of {@code report} to {@code out}. */
    public static void print(PrintWriter out, EvaluationReport report) {
        Require.nonNull(out, "out");
        Require.nonNull(report, "report");
        int band0 = (int) Math.round(report.bandLow() * 100);
        int band1 = (int) Math.round(report.bandHigh() * 100);
        p(out, "%d sessions, %d client turns in %.1f s on %d thread%s: %.0f simulated sessions per minute",
                report.sessions(), report.turns(), report.wallMillis() / 1000.0, report.threads(),
                report.threads() == 1 ? "" : "s", report.sessionsPerMinute());
        out.println();
        out.println("Convergence: error = |coach's estimate - true level| on the session's tier, after the session");
        p(out, "  %-8s %-11s %-9s %-20s %s", "session", "mean error", "90th pct", "within 0.15",
                "true success in band");
        for (EvaluationReport.BySession b : report.bySession()) {
            p(out, "  %-8d %-11.3f %-9.3f %-20s %.0f%% of turns", b.number(), b.meanError(), b.p90Error(),
                    pct(report.shareWithin(b.number(), 0.15)) + " of clients", b.trueInBand() * 100);
        }
        p(out, "  error below %.1f from some session on through the last: %s of clients%s",
                EvaluationReport.CONVERGED, pct(report.convergedShare()), report.medianConvergenceSession()
                        .map(m -> String.format(Locale.ROOT, " (median: from session %.1f)", m)).orElse(""));
        p(out, "  mean signed error after the last session (estimate - truth): %+.3f", report.meanFinalBias());
        out.println();
        p(out, "Time in band (%d-%d%% of turns succeed)", band0, band1);
        p(out, "  true chance of success in band: %s of turns (too easy: %s, too hard: %s)",
                pct(report.trueInBand()), pct(report.trueAboveBand()), pct(report.trueBelowBand()));
        p(out, "  coach's smoothed observed success in band: %s of the turns it saw", pct(report.observedInBand()));
        p(out, "  experienced minus coach's difficulty, mean over turns: %+.3f", report.meanExperiencedOffset());
        p(out, "Oscillation: %.2f direction reversals of difficulty per session on average, at most %d",
                report.meanReversals(), report.maxReversals());
        out.println();
        p(out, "Progression: ladder rung reached after %d sessions, by true tier-1 level at the start",
                report.sessionsPerClient());
        for (EvaluationReport.Bucket b : report.progression()) {
            p(out, "  level %.1f-%.1f: %s", b.from(), b.to(), b.clients() == 0 ? "no clients" : String.format(
                    Locale.ROOT, "%d client%s, mean rung %.1f (lowest %d, highest %d)", b.clients(), b.clients() == 1 ? "" : "s", b.meanRung(),
                    b.minRung(), b.maxRung()));
        }
        out.println();
        out.println("Largest error after the last session:");
        report.largestFinalError(5).forEach(c -> p(out, "  %s", describe(report, c)));
        out.println("Least time in band:");
        report.leastTimeInBand(5).forEach(c -> p(out, "  %s", describe(report, c)));
        out.flush();
    }

    /**
     * Prints what the voice channel heard ({@code trinn eval --voice}): the recognizer's accuracy on the simulated
     * turns and the time per turn.
     */
    public static void printVoice(PrintWriter out, SpokenChannel.Figures f) {
        Require.nonNull(out, "out");
        Require.nonNull(f, "f");
        out.println("Voice: each turn spoken by espeak-ng, heard by the state's grammar recognizer (sphinx4)");
        p(out, "  %d turns spoken, %d silent (not spoken)", f.spokenTurns(), f.silentTurns());
        p(out, "  expected answers recognized as the intent spoken: %d/%d (%s); as the exact line: %s; heard as "
                + "nothing: %s", f.sameIntent(), f.expectedAnswers(), pct(f.intentAccuracy()),
                pct(f.expectedExactAccuracy()), pct(f.expectedAnswers() == 0 ? 0
                        : f.expectedNothing() / (double) f.expectedAnswers()));
        p(out, "  of those, said plainly: %d/%d (%s) the intent spoken; with hesitation or filler: %d/%d (%s)",
                f.plainSameIntent(), f.plainAnswers(), pct(f.plainIntentAccuracy()),
                f.sameIntent() - f.plainSameIntent(), f.expectedAnswers() - f.plainAnswers(),
                pct(f.decoratedIntentAccuracy()));
        p(out, "  heard as a stop or pause phrase the client did not say: %d of %d spoken turns", f.falseControls(),
                f.spokenTurns());
        p(out, "  lines the grammar holds (answers, repair requests): phrase accuracy %d/%d (%s), word accuracy %s",
                f.inGrammarExact(), f.inGrammar(), pct(f.phraseAccuracy()), pct(f.wordAccuracy()));
        p(out, "  lines it does not hold (wrong answers, off-topic remarks) taken as an expected phrase: %d/%d (%s)",
                f.outOfGrammarAccepted(), f.outOfGrammar(), pct(f.outOfGrammarAcceptance()));
        p(out, "  time: %.2f s per spoken turn (synthesis %.2f s, recognition %.2f s), %.2f s with loading %d "
                + "recognizer%s (%.1f s); %.1f s of speech", f.secondsPerTurn(), f.spokenTurns() == 0 ? 0
                        : f.synthesisNanos() / 1e9 / f.spokenTurns(), f.spokenTurns() == 0 ? 0
                                : f.recognitionNanos() / 1e9 / f.spokenTurns(), f.secondsPerTurnWithLoading(),
                f.recognizers(), f.recognizers() == 1 ? "" : "s", f.loadNanos() / 1e9, f.audioMillis() / 1000.0);
        out.flush();
    }

    private static String describe(EvaluationReport report, EvaluatedClient c) {
        EvaluatedSession last = c.sessions().getLast();
        String levels = c.profile().levels().stream().map(l -> String.format(Locale.ROOT, "%.2f", l))
                .collect(Collectors.joining("/"));
        return String.format(Locale.ROOT, "%-22s levels %s (tiers 1-4, at the start); last session tier %d: true %.2f,"
                + " estimate %.2f, error %.2f; in band %s of turns; rung %d", c.name(), levels, last.tier(),
                last.trueLevel(), last.estimateMean(), c.finalError(), pct(c.trueInBand(report.bandLow(),
                        report.bandHigh())), c.rungReached());
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static void p(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }
}
