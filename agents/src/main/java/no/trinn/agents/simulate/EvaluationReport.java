package no.trinn.agents.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * What an {@link Evaluation} found, and the figures computed from it. Every figure is defined in its method's
 * description; "error" always means {@code |estimate mean - true level|} on the tier of the session, after the
 * session, against the level the client had during it.
 *
 * @param clients the clients, in the order they were given
 * @param sessionsPerClient how many sessions each client had
 * @param bandLow the lower edge of the controller's target band of success
 * @param bandHigh its upper edge
 * @param wallMillis wall-clock time of the batch, engines loaded beforehand
 * @param threads how many threads ran clients at once
 */
public record EvaluationReport(List<EvaluatedClient> clients, int sessionsPerClient, double bandLow, double bandHigh,
        long wallMillis, int threads) {
    /** An estimate within this of the truth counts as converged. */
    public static final double CONVERGED = 0.1;
    /** Width of the buckets of true tier-1 level in {@link #progression()}. */
    public static final double BUCKET = 0.2;

    public EvaluationReport {
        clients = List.copyOf(Require.nonEmpty(clients, "clients"));
        Require.inRange(sessionsPerClient, 1, Integer.MAX_VALUE, "sessionsPerClient");
        clients.forEach(c -> {
            if (c.sessions().size() != sessionsPerClient) {
                throw new IllegalArgumentException("clients: " + c.name() + " has " + c.sessions().size()
                        + " sessions, not " + sessionsPerClient);
            }
        });
        if (!(bandLow >= 0 && bandHigh > bandLow && bandHigh <= 1)) {
            throw new IllegalArgumentException("band must lie in [0, 1] with high above low, was " + bandLow + "-"
                    + bandHigh);
        }
        Require.inRange(wallMillis, 0, Long.MAX_VALUE, "wallMillis");
        Require.inRange(threads, 1, Integer.MAX_VALUE, "threads");
    }

    /**
     * The figures of all clients' sessions of one number.
     *
     * @param number the session number, from 1
     * @param meanError the mean of the estimate's error over the clients
     * @param p90Error its 90th percentile (nearest rank)
     * @param maxError the largest
     * @param trueInBand the share of these sessions' turns whose true success chance lay in the band
     */
    public record BySession(int number, double meanError, double p90Error, double maxError, double trueInBand) {
    }

    /**
     * The ladder rung reached by the clients whose true tier-1 level, before their first session, lay in
     * [{@code from}, {@code to}) ({@code to} included for the last bucket).
     *
     * @param from the bucket's lower edge
     * @param to its upper edge
     * @param clients how many clients are in it
     * @param meanRung their mean rung reached (0 when empty)
     * @param minRung the lowest (0 when empty)
     * @param maxRung the highest (0 when empty)
     */
    public record Bucket(double from, double to, int clients, double meanRung, int minRung, int maxRung) {
    }

    /** All sessions of all clients. */
    public int sessions() {
        return clients.size() * sessionsPerClient;
    }

    /** All client turns of all sessions. */
    public int turns() {
        return clients.stream().mapToInt(EvaluatedClient::turns).sum();
    }

    /** Simulated sessions per minute of wall-clock time (0 when no time was measured). */
    public double sessionsPerMinute() {
        return wallMillis == 0 ? 0 : sessions() * 60_000.0 / wallMillis;
    }

    /**
     * Convergence by session number: the estimate's error after session {@code k}, mean, p90 and max over the
     * clients, and the true time in band of the sessions numbered {@code k}.
     */
    public List<BySession> bySession() {
        List<BySession> out = new ArrayList<>();
        for (int k = 1; k <= sessionsPerClient; k++) {
            int index = k - 1;
            double[] e = clients.stream().mapToDouble(c -> c.sessions().get(index).error()).sorted().toArray();
            List<EvaluatedTurn> turns = clients.stream().flatMap(c -> c.sessions().get(index).turns().stream())
                    .toList();
            double inBand = turns.stream().filter(t -> EvaluatedSession.inBand(t.trueSuccess(), bandLow, bandHigh))
                    .count() / (double) Math.max(1, turns.size());
            out.add(new BySession(k, mean(e), percentile(e, 90), e[e.length - 1], inBand));
        }
        return List.copyOf(out);
    }

    /** The share of clients whose error after session {@code number} is at most {@code tolerance}. */
    public double shareWithin(int number, double tolerance) {
        Require.inRange(number, 1, sessionsPerClient, "number");
        return clients.stream().filter(c -> c.sessions().get(number - 1).error() <= tolerance).count()
                / (double) clients.size();
    }

    /**
     * The share of clients whose error falls below {@value #CONVERGED} at some session and stays below it through
     * the last ({@link EvaluatedClient#convergedAt}).
     */
    public double convergedShare() {
        return clients.stream().filter(c -> c.convergedAt(CONVERGED).isPresent()).count() / (double) clients.size();
    }

    /**
     * The median, over the converged clients, of the first session from which the error stays below
     * {@value #CONVERGED}; empty when no client converged.
     */
    public Optional<Double> medianConvergenceSession() {
        double[] at = clients.stream().flatMap(c -> c.convergedAt(CONVERGED).stream()).mapToDouble(i -> i)
                .sorted().toArray();
        if (at.length == 0) {
            return Optional.empty();
        }
        return Optional.of(at.length % 2 == 1 ? at[at.length / 2] : (at[at.length / 2 - 1] + at[at.length / 2]) / 2);
    }

    /**
     * Time in band, true: the share of all turns (all clients, all sessions) whose true success chance
     * ({@link EvaluatedTurn#trueSuccess()}) lay in the band.
     */
    public double trueInBand() {
        long in = allTurns().stream().filter(t -> EvaluatedSession.inBand(t.trueSuccess(), bandLow, bandHigh))
                .count();
        return in / (double) Math.max(1, allTurns().size());
    }

    /**
     * The share of all turns whose true success chance lay above the band (too easy); with {@link #trueInBand} and
     * {@link #trueBelowBand} it sums to 1.
     */
    public double trueAboveBand() {
        return allTurns().stream().filter(t -> t.trueSuccess() > bandHigh).count()
                / (double) Math.max(1, allTurns().size());
    }

    /** The share of all turns whose true success chance lay below the band (too hard). */
    public double trueBelowBand() {
        return allTurns().stream().filter(t -> t.trueSuccess() < bandLow).count()
                / (double) Math.max(1, allTurns().size());
    }

    /**
     * Time in band, observed: the share of the turns the controller saw whose smoothed success after the turn lay in
     * the band.
     */
    public double observedInBand() {
        List<Double> seen = allTurns().stream().flatMap(t -> t.smoothedSuccess().stream()).toList();
        return seen.stream().filter(v -> EvaluatedSession.inBand(v, bandLow, bandHigh)).count()
                / (double) Math.max(1, seen.size());
    }

    /** Oscillation: the mean, over all sessions, of the direction reversals of difficulty within a session. */
    public double meanReversals() {
        return allSessions().stream().mapToInt(EvaluatedSession::reversals).average().orElse(0);
    }

    /** Oscillation: the most direction reversals of difficulty in one session. */
    public int maxReversals() {
        return allSessions().stream().mapToInt(EvaluatedSession::reversals).max().orElse(0);
    }

    /**
     * Progression: the rung reached after all sessions, by bucket of true tier-1 level before the first session
     * (0-0.2, 0.2-0.4, ..., 0.8-1.0); every bucket, empty or not.
     */
    public List<Bucket> progression() {
        List<Bucket> out = new ArrayList<>();
        int buckets = (int) Math.round(1 / BUCKET);
        for (int b = 0; b < buckets; b++) {
            double from = b * BUCKET;
            double to = (b + 1) * BUCKET;
            boolean last = b == buckets - 1;
            int[] rungs = clients.stream().filter(c -> {
                double l = c.profile().level(1);
                return l >= from - 1e-9 && (last ? l <= to + 1e-9 : l < to - 1e-9);
            }).mapToInt(EvaluatedClient::rungReached).toArray();
            double mean = 0;
            int min = 0;
            int max = 0;
            if (rungs.length > 0) {
                mean = java.util.Arrays.stream(rungs).average().orElseThrow();
                min = java.util.Arrays.stream(rungs).min().orElseThrow();
                max = java.util.Arrays.stream(rungs).max().orElseThrow();
            }
            out.add(new Bucket(from, to, rungs.length, mean, min, max));
        }
        return List.copyOf(out);
    }

    /** The {@code n} clients with the largest error after their last session, largest first. */
    public List<EvaluatedClient> largestFinalError(int n) {
        return clients.stream().sorted(Comparator.comparingDouble(EvaluatedClient::finalError).reversed()).limit(n)
                .toList();
    }

    /** The {@code n} clients with the least true time in band over all their turns, least first. */
    public List<EvaluatedClient> leastTimeInBand(int n) {
        return clients.stream().sorted(Comparator.comparingDouble(c -> c.trueInBand(bandLow, bandHigh))).limit(n)
                .toList();
    }

    /**
     * The mean signed error of the last session's estimate ({@code estimate - truth}), over the clients: below 0 the
     * coach underrates clients, above 0 it overrates them.
     */
    public double meanFinalBias() {
        return clients.stream().mapToDouble(c -> c.sessions().getLast().estimateMean()
                - c.sessions().getLast().trueLevel()).average().orElse(0);
    }

    /**
     * The mean, over all turns, of the difficulty the client experienced minus the controller's difficulty: how much
     * harder (above 0) or easier the characters' temperaments and the clients' sensitivities made a turn than the
     * controller's knob said.
     */
    public double meanExperiencedOffset() {
        return allTurns().stream().mapToDouble(t -> t.experiencedDifficulty() - t.difficulty()).average().orElse(0);
    }

    private List<EvaluatedSession> allSessions() {
        return clients.stream().flatMap(c -> c.sessions().stream()).toList();
    }

    private List<EvaluatedTurn> allTurns() {
        return clients.stream().flatMap(c -> c.sessions().stream()).flatMap(s -> s.turns().stream()).toList();
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(0);
    }

    /** The nearest-rank {@code p}th percentile of sorted, non-empty {@code values}. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
