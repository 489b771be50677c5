package no.trinn.console.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import no.trinn.console.charts.ChartAxis;
import no.trinn.console.charts.ChartPoint;
import no.trinn.console.charts.ChartSeries;
import no.trinn.console.charts.LineChart;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.Aliases;
import no.trinn.store.SessionResult;
import no.trinn.store.SessionStore;
import no.trinn.store.StoredSession;

/**
 * The progress page of one client ({@code GET /progress?alias=}: charts over its sessions, oldest first, and the
 * table behind them) and the printable report of one session ({@code GET /report?id=}, the transcript only with
 * {@code transcript=1}). Charts are inline SVG from {@link no.trinn.console.charts} with presentation attributes
 * only, so they pass the console's CSP; every text from the store is escaped. Holds no state.
 */
final class ProgressPages {
    /** The scale of the level estimates: what 0 and 1 mean, as a chart's unit. */
    static final String LEVEL_UNIT = "0 = needs the easiest, 1 = copes with the hardest";

    private final SessionStore store;
    private final ScenarioLibrary library;

    ProgressPages(SessionStore store, ScenarioLibrary library) {
        this.store = store;
        this.library = library;
    }

    // ---- progress -------------------------------------------------------------------------------------------------

    String progress(String csrf, String alias) {
        if (!Aliases.isValid(alias) || store.clients().stream().noneMatch(c -> c.alias().equals(alias))) {
            throw new Pages.NotFound("No client with that alias.");
        }
        List<SessionResult> sessions = new ArrayList<>(store.results(alias));
        java.util.Collections.reverse(sessions);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"no-print\"><a href=\"/client?alias=").append(Html.esc(Html.url(alias)))
                .append("\">&larr; Client ").append(Html.esc(alias)).append("</a></p>");
        b.append("<h1>Progress of client ").append(Html.esc(alias)).append("</h1>");
        if (sessions.isEmpty()) {
            b.append("<p class=\"empty\">No sessions yet. Progress appears here after the first session.</p>");
            return Html.page("Progress " + alias, csrf, b.toString());
        }
        long assessed = sessions.stream().filter(r -> r.score().isPresent()).count();
        b.append("<p class=\"hint\">").append(sessions.size())
                .append(sessions.size() == 1 ? " session, " : " sessions, ")
                .append(assessed).append(" assessed. Sessions are numbered oldest first, as in the table below;"
                        + " hover a point for its value.</p>");
        ChartAxis x = sessionAxis(sessions.size());

        List<ChartPoint> goalScore = new ArrayList<>();
        List<ChartPoint> goalMet = new ArrayList<>();
        List<ChartPoint> answer = new ArrayList<>();
        List<ChartPoint> before = new ArrayList<>();
        List<ChartPoint> after = new ArrayList<>();
        Map<String, List<ChartPoint>> levels = new java.util.TreeMap<>();
        for (int i = 0; i < sessions.size(); i++) {
            SessionResult r = sessions.get(i);
            int n = i + 1;
            r.score().ifPresent(s -> {
                goalScore.add(new ChartPoint(n, s.goalScore()));
                answer.add(new ChartPoint(n, s.meanResponseMillis() / 1000.0));
            });
            if (r.endReason().isPresent()) {
                goalMet.add(new ChartPoint(n, r.goalMet() ? 1 : 0));
            }
            r.confidenceBefore().ifPresent(c -> before.add(new ChartPoint(n, c)));
            r.confidenceAfter().ifPresent(c -> after.add(new ChartPoint(n, c)));
            for (LevelEstimate l : store.sessionLevels(r.id())) {
                if (l.scale().startsWith("tier")) {
                    levels.computeIfAbsent(l.scale(), k -> new ArrayList<>())
                            .add(new ChartPoint(n, l.mean(), l.sd()));
                }
            }
        }

        b.append("<section class=\"charts\">");
        figure(b, "Learning goal", goalScore.isEmpty() && goalMet.isEmpty(), "No sessions assessed yet.",
                "Goal score: how much of the session's learning goal the client reached, 0 to 1. Goal met: a mark"
                        + " at 1 when every step of the goal was reached, at 0 when not.",
                () -> new LineChart("Learning goal per session", x, new ChartAxis("Goal", "0-1", -0.05, 1.05, 0.2),
                        List.of(new ChartSeries("Goal score", goalScore),
                                new ChartSeries("Goal met (1 = yes)", goalMet, false)), Optional.empty())
                        .svgElement("chart-goal"));
        figure(b, "Estimated level per tier", levels.isEmpty(), "No sessions assessed yet.",
                "The coach's estimate of the client's level in each tier after each session, on a 0-1 scale"
                        + " (0 = needs the easiest version, 1 = copes with the hardest). The bars show \u00b1 one"
                        + " standard deviation: the shorter the bar, the surer the estimate. Tier 1: attention and"
                        + " understanding; 2: social and emotional; 3: everyday errands; 4: complex situations.",
                () -> new LineChart("Estimated level after each session", x,
                        new ChartAxis("Estimated level", "0-1", 0, 1),
                        levelSeries(levels), Optional.empty()).svgElement("chart-levels"));
        double slowest = answer.stream().mapToDouble(ChartPoint::y).max().orElse(0);
        figure(b, "Time to answer", answer.isEmpty(), "No sessions assessed yet.",
                "The mean time the client took to start answering the character, per session.",
                () -> new LineChart("Mean time to answer per session", x,
                        new ChartAxis("Mean time to answer", "seconds", 0, Math.max(2, Math.ceil(slowest * 1.2))),
                        List.of(new ChartSeries("Mean time to answer", answer)), Optional.empty())
                        .svgElement("chart-answer"));
        figure(b, "Confidence", before.isEmpty() && after.isEmpty(), "No confidence ratings given yet.",
                "The client's own rating of how confident they feel about the situation, from 1 (not at all) to 5"
                        + " (very), asked before and after each session.",
                () -> new LineChart("Confidence before and after each session", x,
                        new ChartAxis("Confidence", "1-5", 0.5, 5.5, 1),
                        List.of(new ChartSeries("Before the session", before),
                                new ChartSeries("After the session", after)), Optional.empty())
                        .svgElement("chart-confidence"));
        b.append("</section>");

        b.append("<h2>Sessions</h2><table class=\"progress\"><thead><tr><th>#</th><th>Date</th><th>Scenario</th>"
                + "<th>Goal</th><th>Goal score</th><th>Mean time to answer</th><th>Confidence before / after</th>"
                + "<th>Last task</th><th>Report</th></tr></thead><tbody>");
        for (int i = 0; i < sessions.size(); i++) {
            SessionResult r = sessions.get(i);
            b.append("<tr><td>").append(i + 1).append("</td><td>").append(Html.time(r.startedAt())).append("</td><td>")
                    .append(Html.esc(title(r.scenarioId()))).append("</td><td>")
                    .append(r.endReason().isEmpty() ? Html.esc(status(r)) : r.goalMet() ? "met" : "not met")
                    .append("</td><td>").append(r.score().map(s -> Html.num(s.goalScore())).orElse("-"))
                    .append("</td><td>").append(r.score().map(s -> seconds(s.meanResponseMillis())).orElse("-"))
                    .append("</td><td>").append(rating(r.confidenceBefore())).append(" / ")
                    .append(rating(r.confidenceAfter())).append("</td><td>")
                    .append(r.taskOutcome().map(ProgressPages::outcome).orElse("-"))
                    .append("</td><td><a href=\"/report?id=").append(Html.esc(Html.url(r.id())))
                    .append("\">Report</a></td></tr>");
        }
        b.append("</tbody></table>");
        return Html.page("Progress " + alias, csrf, b.toString());
    }

    private static void figure(StringBuilder b, String heading, boolean empty, String emptyText, String explanation,
            java.util.function.Supplier<String> chart) {
        b.append("<figure><h2>").append(Html.esc(heading)).append("</h2>");
        if (empty) {
            b.append("<p class=\"empty\">").append(Html.esc(emptyText)).append("</p>");
        } else {
            b.append(chart.get()).append("<figcaption>").append(Html.esc(explanation)).append("</figcaption>");
        }
        b.append("</figure>");
    }

    /** A series per tier; the tiers' points are moved a little apart sideways so their error bars do not overlap. */
    private static List<ChartSeries> levelSeries(Map<String, List<ChartPoint>> levels) {
        List<ChartSeries> series = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, List<ChartPoint>> e : levels.entrySet()) {
            double shift = (k++ - (levels.size() - 1) / 2.0) * 0.07;
            series.add(new ChartSeries(tierName(e.getKey()), e.getValue().stream()
                    .map(p -> new ChartPoint(p.x() + shift, p.y(), p.error())).toList()));
        }
        return series;
    }

    /** Sessions 1..n with a tick per session (every few sessions when there are many). */
    static ChartAxis sessionAxis(int sessions) {
        double step = sessions <= 12 ? 1 : sessions <= 25 ? 2 : sessions <= 60 ? 5 : Math.ceil(sessions / 100.0) * 10;
        return new ChartAxis("Session", "number, oldest first", 0.5, sessions + 0.5, step);
    }

    private static String tierName(String scale) {
        return scale.matches("tier[0-9]+") ? "Tier " + scale.substring(4) : scale;
    }

    private static String tierLong(String scale) {
        return switch (scale) {
            case "tier1" -> "Tier 1: attention, understanding";
            case "tier2" -> "Tier 2: social and emotional";
            case "tier3" -> "Tier 3: everyday errands";
            case "tier4" -> "Tier 4: complex situations";
            default -> scale;
        };
    }

    // ---- session report -------------------------------------------------------------------------------------------

    String report(String csrf, String id, boolean transcript) {
        StoredSession stored = store.session(id).orElseThrow(() -> new Pages.NotFound("No session with that id."));
        SessionEvent.Started started = stored.started();
        String alias = started.clientAlias();
        Optional<Scenario> scenario = library.find(started.scenarioId());
        Optional<SessionResult> result = store.results(alias).stream().filter(r -> r.id().equals(id)).findFirst();
        Optional<SessionSummary> summary = stored.ended().map(SessionEvent.Ended::summary);
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"no-print report-tools\"><p><a href=\"/session?id=").append(Html.esc(Html.url(id)))
                .append("\">&larr; Session</a> <a href=\"/progress?alias=").append(Html.esc(Html.url(alias)))
                .append("\">Progress of ").append(Html.esc(alias)).append("</a></p>")
                .append("<form method=\"get\" action=\"/report\"><input type=\"hidden\" name=\"id\" value=\"")
                .append(Html.esc(id)).append("\"><label><input type=\"checkbox\" name=\"transcript\" value=\"1\"")
                .append(transcript ? " checked" : "").append(" id=\"include-transcript\"> Include the transcript"
                        + " (what the client said)</label> <button type=\"submit\">Update</button></form>")
                .append("<p class=\"hint\">Print with the browser's Print command (Ctrl+P, or Cmd+P on a Mac);"
                        + " these controls and the page header are left out of the printout.</p></div>");

        b.append("<article class=\"report\"><h1>Session report <small>client ").append(Html.esc(alias))
                .append("</small></h1>");
        b.append("<dl class=\"facts two\"><dt>Scenario</dt><dd>")
                .append(Html.esc(scenario.map(Scenario::title).orElse(started.scenarioId()))).append(" <small>(")
                .append(Html.esc(started.scenarioId())).append(scenario.map(s -> ", tier " + s.tier()).orElse(""))
                .append(")</small></dd><dt>Date</dt><dd>").append(Html.time(started.at())).append("</dd>");
        stored.ended().ifPresent(e -> b.append("<dt>Length</dt><dd>")
                .append(minutes(Duration.between(started.at(), e.at()))).append(", ")
                .append(e.summary().turns()).append(e.summary().turns() == 1 ? " turn" : " turns")
                .append("</dd><dt>Ended</dt><dd>").append(Html.esc(e.reason())).append("</dd>"));
        if (stored.ended().isEmpty()) {
            b.append("<dt>Status</dt><dd>").append(Html.esc(stored.status().name().toLowerCase(Locale.ROOT)))
                    .append(" (not ended)</dd>");
        }
        b.append("</dl>");

        b.append("<h2>Learning goal</h2>");
        scenario.ifPresent(s -> b.append("<p>").append(Html.esc(s.goal().description())).append("</p>"));
        if (summary.isEmpty()) {
            b.append("<p class=\"empty\">The session has not ended, so it has no summary yet.</p>");
        } else {
            SessionSummary s = summary.get();
            Map<String, String> steps = new LinkedHashMap<>();
            scenario.ifPresent(sc -> sc.goal().steps().forEach(st -> steps.put(st.id(), st.description())));
            int total = s.goalStepsMet().size() + s.goalStepsMissed().size();
            b.append("<p class=\"verdict\" id=\"goal\">Goal ").append(s.goalMet() ? "met" : "not met").append(": ")
                    .append(s.goalStepsMet().size()).append(" of ").append(total).append(" steps reached.</p>");
            b.append("<ul class=\"steps\">");
            for (String step : s.goalStepsMet()) {
                b.append("<li class=\"met\">Reached: ").append(Html.esc(steps.getOrDefault(step, step)))
                        .append("</li>");
            }
            for (String step : s.goalStepsMissed()) {
                b.append("<li class=\"missed\">Not yet: ").append(Html.esc(steps.getOrDefault(step, step)))
                        .append("</li>");
            }
            b.append("</ul><h2>Feedback</h2><dl class=\"facts\"><dt>Strengths</dt><dd><ul>");
            s.strengths().forEach(x -> b.append("<li>").append(Html.esc(x)).append("</li>"));
            b.append("</ul></dd><dt>One thing to practise</dt><dd>").append(Html.esc(s.practiseNext()))
                    .append("</dd><dt>Real-world task</dt><dd>").append(Html.esc(s.realWorldTask()))
                    .append("</dd></dl>");
        }

        b.append("<h2>Confidence and scores</h2><dl class=\"facts two\" id=\"figures\">");
        result.ifPresent(r -> {
            b.append("<dt>Confidence before</dt><dd>").append(rating(r.confidenceBefore())).append(" of 5</dd>")
                    .append("<dt>Confidence after</dt><dd>").append(rating(r.confidenceAfter())).append(" of 5</dd>");
            r.taskOutcome().ifPresent(o -> b.append("<dt>Previous task</dt><dd>").append(outcome(o))
                    .append("</dd>"));
        });
        Optional<SessionScore> score = result.flatMap(SessionResult::score);
        if (score.isPresent()) {
            SessionScore s = score.get();
            b.append("<dt>Goal score</dt><dd>").append(Html.num(s.goalScore())).append("</dd>")
                    .append("<dt>Turns that went well</dt><dd>").append(percent(s.successRate())).append("</dd>")
                    .append("<dt>Mean time to answer</dt><dd>").append(seconds(s.meanResponseMillis()))
                    .append("</dd><dt>Difficulty</dt><dd>").append(Html.num(s.startDifficulty()))
                    .append(" at the start, ").append(Html.num(s.endDifficulty())).append(" at the end</dd>");
        } else {
            b.append("<dt>Scores</dt><dd>not assessed</dd>");
        }
        b.append("</dl>");

        List<LevelEstimate> levels = store.sessionLevels(id);
        b.append("<h2>Estimated level after the session</h2>");
        if (levels.isEmpty()) {
            b.append("<p class=\"empty\">No level estimate was recorded for this session.</p>");
        } else {
            b.append("<table id=\"levels\"><thead><tr><th>Scale</th><th>Level (0-1)</th><th>Uncertainty (sd)</th>"
                    + "<th>Turns seen</th></tr></thead><tbody>");
            for (LevelEstimate l : levels) {
                b.append("<tr><td>").append(Html.esc(l.scale().startsWith("tier") ? tierLong(l.scale()) : l.scale()))
                        .append("</td><td>").append(Html.num(l.mean())).append("</td><td>").append(Html.num(l.sd()))
                        .append("</td><td>").append(l.observations()).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }

        b.append("<h2>How the character was adjusted</h2>");
        b.append(decisions(store.decisions(id)));

        List<SessionEvent.SafetyRaised> safety = store.safetyEvents(id);
        int pauses = (int) store.pauses(id).stream().filter(SessionEvent.PauseChanged::paused).count();
        b.append("<h2>Safety</h2>");
        if (safety.isEmpty()) {
            b.append("<p id=\"safety\">No safety events.");
        } else {
            b.append("<ul id=\"safety\" class=\"warn\">");
            for (SessionEvent.SafetyRaised r : safety) {
                b.append("<li>").append(Html.time(r.at())).append(", turn ").append(r.event().turnIndex() + 1)
                        .append(": ").append(Html.esc(r.event().kind().name().toLowerCase(Locale.ROOT)
                                .replace('_', ' '))).append(", severity ").append(r.event().severity())
                        .append(" of 3</li>");
            }
            b.append("</ul><p>");
        }
        b.append(" Pauses: ").append(pauses).append(".</p>");

        if (transcript) {
            b.append("<h2>Transcript</h2><table class=\"transcript\"><thead><tr><th>#</th><th>Client</th>"
                    + "<th>Character</th></tr></thead><tbody>");
            stored.opened().ifPresent(o -> b.append("<tr><td></td><td></td><td>").append(Html.esc(o.characterText()))
                    .append("</td></tr>"));
            for (SessionEvent.TurnCompleted t : store.turns(id)) {
                TurnRecord turn = t.turn();
                b.append("<tr><td>").append(turn.index() + 1).append("</td><td>").append(Html.esc(turn.clientText()))
                        .append("</td><td>").append(Html.esc(turn.characterText())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        } else {
            b.append("<p class=\"hint\">The transcript is left out of this report.</p>");
        }
        b.append("<p class=\"footer\">Trinn session report. Pseudonymous record: keep it with the client's file.</p>");
        b.append("</article>");
        return Html.page("Report " + alias, csrf, b.toString());
    }

    /** The controller's decisions in short: how difficulty moved in the session, then each change and its reason. */
    private static String decisions(List<SessionEvent.Decided> decided) {
        if (decided.isEmpty()) {
            return "<p id=\"decisions\">No decisions recorded.</p>";
        }
        List<Decision> within = decided.stream().map(SessionEvent.Decided::decision)
                .filter(d -> d.scope() == Decision.Scope.WITHIN_SESSION).toList();
        long held = within.stream().filter(d -> !d.changed()).count();
        StringBuilder b = new StringBuilder("<p id=\"decisions\">");
        b.append(within.size()).append(within.size() == 1 ? " decision" : " decisions")
                .append(" during the session (")
                .append(within.size() - held).append(" changed the character, ").append(held).append(" held).");
        Optional<Double> first = within.stream().map(d -> d.before().get("difficulty"))
                .filter(java.util.Objects::nonNull).findFirst();
        Optional<Double> last = within.reversed().stream().map(d -> d.after().get("difficulty"))
                .filter(java.util.Objects::nonNull).findFirst();
        if (first.isPresent() && last.isPresent()) {
            b.append(" Difficulty went from ").append(Html.num(first.get())).append(" to ")
                    .append(Html.num(last.get())).append('.');
        }
        b.append("</p><ul class=\"decisions\">");
        for (SessionEvent.Decided d : decided) {
            Decision x = d.decision();
            if (x.scope() == Decision.Scope.WITHIN_SESSION && !x.changed()) {
                continue;
            }
            b.append("<li>").append(x.scope() == Decision.Scope.BETWEEN_SESSIONS ? "After the session"
                    : "After turn " + (x.turnIndex() + 1)).append(": ").append(Html.esc(x.reason()));
            x.nextScenario().ifPresent(n -> b.append(" (next scenario: ").append(Html.esc(n)).append(')'));
            b.append("</li>");
        }
        return b.append("</ul>").toString();
    }

    // ---- small formats --------------------------------------------------------------------------------------------

    private String title(String scenarioId) {
        return library.find(scenarioId).map(Scenario::title).orElse(scenarioId);
    }

    private static String status(SessionResult r) {
        return r.status().name().toLowerCase(Locale.ROOT);
    }

    private static String rating(OptionalInt r) {
        return r.isPresent() ? Integer.toString(r.getAsInt()) : "-";
    }

    private static String outcome(SessionEvent.TaskOutcome o) {
        return switch (o) {
            case DONE -> "done";
            case TRIED -> "tried";
            case NOT_YET -> "not yet";
        };
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
