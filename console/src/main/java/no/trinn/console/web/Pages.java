package no.trinn.console.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import no.trinn.console.settings.SettingsChange;
import no.trinn.core.Clock;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.scenarios.Temperament;
import no.trinn.store.Aliases;
import no.trinn.store.Client;
import no.trinn.store.SessionOverview;
import no.trinn.store.SessionResult;
import no.trinn.store.SessionStore;
import no.trinn.store.StoredSession;

/** The console's pages and what their forms do, over the store and the scenario library. Holds no state. */
final class Pages {
    /** An unknown client or session; shown as 404. The message names neither alias nor id. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private final SessionStore store;
    private final ScenarioLibrary library;
    private final Clock clock;

    Pages(SessionStore store, ScenarioLibrary library, Clock clock) {
        this.store = store;
        this.library = library;
        this.clock = clock;
    }

    // ---- login and setup ------------------------------------------------------------------------------------------

    String login(String csrf, String message, boolean passwordSet) {
        StringBuilder b = new StringBuilder("<h1>Log in</h1>");
        if (!message.isEmpty()) {
            b.append("<p class=\"error\" role=\"alert\">").append(Html.esc(message)).append("</p>");
        }
        if (!passwordSet) {
            b.append("<p>No password is set yet. Open the one-time setup link that <code>trinn console</code>"
                    + " printed when it started.</p>");
        }
        b.append("<form method=\"post\" action=\"/login\" class=\"card\">").append(Html.csrf(csrf))
                .append("<label for=\"password\">Password</label>")
                .append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\""
                        + " required autofocus>")
                .append("<button type=\"submit\" id=\"login\">Log in</button></form>");
        return Html.page("Log in", null, b.toString());
    }

    String setup(String csrf, String token, String message) {
        StringBuilder b = new StringBuilder("<h1>Set the console password</h1>");
        if (!message.isEmpty()) {
            b.append("<p class=\"error\" role=\"alert\">").append(Html.esc(message)).append("</p>");
        }
        b.append("<p>Choose a password of at least ").append(PasswordFile.MIN_LENGTH)
                .append(" characters. It protects client records; keep it to the therapists.</p>")
                .append("<form method=\"post\" action=\"/setup\" class=\"card\">").append(Html.csrf(csrf))
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(Html.esc(token)).append("\">")
                .append("<label for=\"password\">Password</label><input type=\"password\" id=\"password\""
                        + " name=\"password\" autocomplete=\"new-password\" required>")
                .append("<label for=\"confirm\">Again</label><input type=\"password\" id=\"confirm\""
                        + " name=\"confirm\" autocomplete=\"new-password\" required>")
                .append("<button type=\"submit\">Set password</button></form>");
        return Html.page("Set password", null, b.toString());
    }

    // ---- clients --------------------------------------------------------------------------------------------------

    String clients(String csrf, String deleted) {
        StringBuilder b = new StringBuilder("<h1>Clients</h1>");
        if (deleted != null) {
            b.append("<p class=\"notice\" role=\"status\">The client and all of its records were deleted.</p>");
        }
        b.append(LivePages.activeList(store));
        List<Client> clients = store.clients();
        if (clients.isEmpty()) {
            b.append("<p>No clients yet. A client appears here after its first session.</p>");
        } else {
            b.append("<table><thead><tr><th>Alias</th><th>Sessions</th><th>Last session</th>"
                    + "<th>Estimated level</th></tr></thead><tbody>");
            for (Client c : clients) {
                List<SessionOverview> sessions = store.sessions(c.alias());
                b.append("<tr><td><a href=\"/client?alias=").append(Html.esc(Html.url(c.alias()))).append("\">")
                        .append(Html.esc(c.alias())).append("</a></td><td>").append(c.sessions()).append("</td><td>")
                        .append(sessions.isEmpty() ? "-" : Html.time(sessions.getFirst().startedAt()))
                        .append("</td><td>").append(Html.esc(levelsShort(store.levels(c.alias()))))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        return Html.page("Clients", csrf, b.toString());
    }

    private static String levelsShort(List<LevelEstimate> levels) {
        List<String> tiers = levels.stream().filter(l -> l.scale().startsWith("tier"))
                .map(l -> "T" + l.scale().substring(4) + " " + Html.num(l.mean())).toList();
        return tiers.isEmpty() ? "not assessed yet" : String.join(", ", tiers);
    }

    private String requireClient(String alias) {
        if (!Aliases.isValid(alias) || store.clients().stream().noneMatch(c -> c.alias().equals(alias))) {
            throw new NotFound("No client with that alias.");
        }
        return alias;
    }

    String client(String csrf, String alias, String error) {
        requireClient(alias);
        StringBuilder b = new StringBuilder();
        b.append("<h1>Client ").append(Html.esc(alias)).append("</h1>");
        if (!error.isEmpty()) {
            b.append("<p class=\"error\" role=\"alert\">Not saved: ").append(Html.esc(error)).append("</p>");
        }
        b.append("<p class=\"actions\"><a href=\"/progress?alias=").append(Html.esc(Html.url(alias)))
                .append("\">Progress charts</a> <a href=\"/api/export?alias=").append(Html.esc(Html.url(alias)))
                .append("\" download>Export all data (JSON)</a> <a class=\"danger\" href=\"/client/delete?alias=")
                .append(Html.esc(Html.url(alias))).append("\">Delete client</a></p>");
        b.append("<h2>Sessions</h2>");
        List<SessionOverview> sessions = store.sessions(alias);
        List<SessionResult> results = store.results(alias);
        if (sessions.isEmpty()) {
            b.append("<p>No sessions.</p>");
        } else {
            b.append("<table><thead><tr><th>Date</th><th>Scenario</th><th>Status</th><th>Turns</th><th>Goal</th>"
                    + "<th>Safety events</th><th>Confidence</th></tr></thead><tbody>");
            for (SessionOverview s : sessions) {
                Optional<SessionResult> r = results.stream().filter(x -> x.id().equals(s.id())).findFirst();
                b.append("<tr><td><a href=\"/session?id=").append(Html.esc(Html.url(s.id()))).append("\">")
                        .append(Html.time(s.startedAt())).append("</a></td><td>").append(Html.esc(s.scenarioId()))
                        .append("</td><td>").append(Html.esc(s.status().name().toLowerCase(java.util.Locale.ROOT)))
                        .append("</td><td>").append(s.turns()).append("</td><td>")
                        .append(s.goalMet() ? "met" : "not met").append("</td><td")
                        .append(s.safetyEvents() > 0 ? " class=\"warn\">" : ">").append(s.safetyEvents())
                        .append("</td><td>").append(r.map(x -> rating(x.confidenceBefore()) + " / "
                                + rating(x.confidenceAfter())).orElse("-")).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<h2>Estimated level per tier</h2>");
        List<LevelEstimate> levels = store.levels(alias);
        if (levels.isEmpty()) {
            b.append("<p>No session assessed yet.</p>");
        } else {
            b.append("<table><thead><tr><th>Scale</th><th>Level</th><th>Uncertainty (sd)</th><th>Turns seen</th>"
                    + "</tr></thead><tbody>");
            for (LevelEstimate l : levels) {
                b.append("<tr><td>").append(Html.esc(l.scale())).append("</td><td><meter min=\"0\" max=\"1\" value=\"")
                        .append(Html.num(l.mean())).append("\"></meter> ").append(Html.num(l.mean()))
                        .append("</td><td>").append(Html.num(l.sd())).append("</td><td>").append(l.observations())
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append(settingsForm(csrf, alias, store.settings(alias)));
        return Html.page("Client " + alias, csrf, b.toString());
    }

    private static String rating(OptionalInt r) {
        return r.isPresent() ? Integer.toString(r.getAsInt()) : "-";
    }

    private String settingsForm(String csrf, String alias, ClientSettings s) {
        StringBuilder b = new StringBuilder("<h2>Settings</h2>");
        b.append("<form method=\"post\" action=\"/client/settings\" id=\"settings\">").append(Html.csrf(csrf))
                .append("<input type=\"hidden\" name=\"alias\" value=\"").append(Html.esc(alias)).append("\">");
        b.append("<fieldset><legend>Caps and locks</legend><p class=\"hint\">Values 0..1. A cap keeps the"
                + " parameter inside MIN..MAX; a lock fixes it and wins over a cap. Leave empty for none.</p>"
                + "<table><thead><tr><th>Parameter</th><th>Cap min</th><th>Cap max</th><th>Lock</th></tr></thead>"
                + "<tbody>");
        for (String name : SettingsChange.parameterNames()) {
            Optional<Bounds> cap = Optional.ofNullable(s.caps().get(name));
            Optional<Double> lock = Optional.ofNullable(s.locks().get(name));
            b.append("<tr><td>").append(Html.esc(name)).append("</td><td>")
                    .append(number("cap.min." + name, cap.map(Bounds::min))).append("</td><td>")
                    .append(number("cap.max." + name, cap.map(Bounds::max))).append("</td><td>")
                    .append(number("lock." + name, lock)).append("</td></tr>");
        }
        b.append("</tbody></table></fieldset>");
        b.append("<fieldset><legend>Temperament per character</legend><p class=\"hint\">Tick a value to set it for"
                + " this client (moving a slider ticks it); unticked values stay as authored.</p>");
        for (Scenario scenario : library.all()) {
            boolean any = scenario.characters().stream()
                    .anyMatch(c -> s.temperamentOf(scenario.id(), c.id()).isPresent());
            b.append("<details").append(any ? " open" : "").append(" id=\"scenario-").append(Html.esc(scenario.id()))
                    .append("\"><summary>").append(Html.esc(scenario.title())).append(" <small>(")
                    .append(Html.esc(scenario.id())).append(")</small></summary>");
            for (Character c : scenario.characters()) {
                Map<String, Double> set = s.temperamentOf(scenario.id(), c.id()).orElse(Map.of());
                b.append(Html.characterHeading(c));
                for (String name : SettingsChange.temperamentNames(c)) {
                    boolean chosen = set.containsKey(name);
                    double value = chosen ? set.get(name) : authored(c, name);
                    b.append(Html.temperamentSlider(scenario.id() + "/" + c.id() + "/" + name,
                            "t_" + scenario.id() + "_" + c.id() + "_" + name, name, chosen, value));
                }
                b.append("</div>");
            }
            b.append("</details>");
        }
        b.append("</fieldset>");
        b.append("<fieldset><legend>Assigned scenarios</legend><p class=\"hint\">Tick the scenarios this client may"
                + " be given; none ticked means the whole ladder.</p><ul class=\"assign\">");
        for (Scenario scenario : library.all()) {
            b.append("<li><label><input type=\"checkbox\" name=\"assign\" value=\"").append(Html.esc(scenario.id()))
                    .append("\"").append(s.assigned().contains(scenario.id()) ? " checked" : "").append("> ")
                    .append(Html.esc(scenario.title())).append(" <small>(tier ").append(scenario.tier())
                    .append(")</small></label></li>");
        }
        b.append("</ul></fieldset><button type=\"submit\" id=\"save\">Save settings</button></form>");
        return b.toString();
    }

    private static double authored(Character c, String name) {
        Temperament t = c.temperament().get(name);
        if (t != null) {
            return t.value();
        }
        return BehaviourParameters.standard().parameter(name).map(BehaviourParameters.Parameter::easy).orElse(0.5);
    }

    private static String number(String name, Optional<Double> value) {
        return "<input type=\"number\" min=\"0\" max=\"1\" step=\"0.01\" name=\"" + Html.esc(name) + "\" value=\""
                + value.map(Html::num).orElse("") + "\" aria-label=\"" + Html.esc(name) + "\">";
    }

    /**
     * Replaces the client's caps, locks, temperaments of the library's characters and assigned scenarios with the
     * form's, through the same rules as {@code trinn client set}; temperaments of characters the library no longer
     * has are kept.
     */
    void saveSettings(String alias, Map<String, List<String>> form) {
        requireClient(alias);
        ClientSettings current = store.settings(alias);
        SettingsChange change = new SettingsChange(library, current);
        for (String name : SettingsChange.parameterNames()) {
            change.uncap("cap", name).unlock("lock", name);
            String min = field(form, "cap.min." + name);
            String max = field(form, "cap.max." + name);
            if (!min.isEmpty() || !max.isEmpty()) {
                if (min.isEmpty() || max.isEmpty()) {
                    throw new no.trinn.console.settings.SettingsException("cap " + name
                            + ": give both MIN and MAX, or neither");
                }
                change.cap("cap", name, name, min, max);
            }
            String lock = field(form, "lock." + name);
            if (!lock.isEmpty()) {
                change.lock("lock", name, name, lock);
            }
        }
        for (Scenario scenario : library.all()) {
            for (Character c : scenario.characters()) {
                change.clearTemperament(scenario.id(), c.id());
            }
        }
        Set<String> chosen = Set.copyOf(form.getOrDefault("t.set", List.of()));
        for (String key : chosen) {
            String[] parts = key.split("/", -1);
            if (parts.length != 3) {
                throw new no.trinn.console.settings.SettingsException("temperament " + key
                        + ": expected SCENARIO/CHARACTER/NAME");
            }
            change.temperament("temperament", parts[0] + "/" + parts[1] + ":" + parts[2], parts[0], parts[1],
                    parts[2], field(form, "t." + key));
        }
        Set<String> assign = Set.copyOf(form.getOrDefault("assign", List.of()));
        List<String> ordered = new ArrayList<>(library.all().stream().map(Scenario::id).filter(assign::contains)
                .toList());
        assign.stream().filter(id -> !ordered.contains(id)).sorted().forEach(ordered::add);
        change.assign("assigned", ordered);
        store.saveSettings(alias, change.result());
    }

    private static String field(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst().strip();
    }

    // ---- one session ----------------------------------------------------------------------------------------------

    String session(String csrf, String id) {
        StoredSession stored = store.session(id).orElseThrow(() -> new NotFound("No session with that id."));
        SessionEvent.Started started = stored.started();
        String alias = started.clientAlias();
        StringBuilder b = new StringBuilder();
        b.append("<p><a href=\"/client?alias=").append(Html.esc(Html.url(alias))).append("\">&larr; Client ")
                .append(Html.esc(alias)).append("</a></p>");
        b.append("<h1>Session ").append(Html.esc(started.scenarioId())).append(" <small>")
                .append(Html.time(started.at())).append("</small></h1>");
        b.append("<p class=\"actions\"><a href=\"/report?id=").append(Html.esc(Html.url(id)))
                .append("\">Printable report</a></p>");
        b.append("<dl class=\"facts\"><dt>Status</dt><dd>")
                .append(Html.esc(stored.status().name().toLowerCase(java.util.Locale.ROOT))).append("</dd>")
                .append("<dt>Language</dt><dd>").append(Html.esc(started.language())).append("</dd>")
                .append("<dt>Start difficulty</dt><dd>").append(Html.num(started.difficulty())).append("</dd>");
        stored.ended().ifPresent(e -> b.append("<dt>Ended</dt><dd>").append(Html.time(e.at())).append(" (")
                .append(Html.esc(e.reason())).append(")</dd>"));
        b.append("</dl>");
        b.append("<h2>Transcript</h2><table class=\"transcript\"><thead><tr><th>#</th><th>Client</th>"
                + "<th>Character</th><th>Intent</th><th>Answer time</th></tr></thead><tbody>");
        stored.opened().ifPresent(o -> b.append("<tr><td></td><td></td><td>").append(Html.esc(o.characterText()))
                .append("</td><td></td><td></td></tr>"));
        for (SessionEvent.TurnCompleted t : store.turns(id)) {
            TurnRecord turn = t.turn();
            b.append("<tr><td>").append(turn.index() + 1).append("</td><td>").append(Html.esc(turn.clientText()))
                    .append("</td><td>").append(Html.esc(turn.characterText())).append("</td><td>")
                    .append(Html.esc(turn.intent().orElse("-"))).append(turn.repair() ? " (repair)" : "")
                    .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.1f s",
                            turn.responseMillis() / 1000.0)).append("</td></tr>");
        }
        b.append("</tbody></table>");
        List<SessionEvent.SafetyRaised> safety = store.safetyEvents(id);
        b.append("<h2>Safety events</h2>");
        if (safety.isEmpty()) {
            b.append("<p>None.</p>");
        } else {
            b.append("<table><thead><tr><th>Time</th><th>Turn</th><th>Kind</th><th>Severity</th><th>Detected by</th>"
                    + "<th>Score</th></tr></thead><tbody>");
            for (SessionEvent.SafetyRaised r : safety) {
                b.append("<tr class=\"warn\"><td>").append(Html.time(r.at())).append("</td><td>")
                        .append(r.event().turnIndex() + 1).append("</td><td>").append(Html.esc(r.event().kind().name()))
                        .append("</td><td>").append(r.event().severity()).append("</td><td>")
                        .append(Html.esc(r.event().method())).append("</td><td>").append(Html.num(r.event().score()))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        List<SessionEvent.PauseChanged> pauses = store.pauses(id);
        if (!pauses.isEmpty()) {
            b.append("<h2>Pauses</h2><ul>");
            for (SessionEvent.PauseChanged p : pauses) {
                b.append("<li>").append(Html.time(p.at())).append(": ").append(p.paused() ? "paused" : "resumed")
                        .append(" (").append(Html.esc(p.reason())).append(")</li>");
            }
            b.append("</ul>");
        }
        b.append("<h2>Decisions</h2>");
        List<SessionEvent.Decided> decisions = store.decisions(id);
        if (decisions.isEmpty()) {
            b.append("<p>None recorded.</p>");
        } else {
            b.append("<table><thead><tr><th>When</th><th>Changed</th><th>Reason</th><th>Inputs</th></tr></thead>"
                    + "<tbody>");
            for (SessionEvent.Decided d : decisions) {
                Decision decision = d.decision();
                String when = decision.scope() == Decision.Scope.BETWEEN_SESSIONS ? "after the session"
                        : "after turn " + (decision.turnIndex() + 1);
                b.append("<tr><td>").append(Html.esc(when)).append("</td><td>").append(Html.esc(Html.changes(decision)))
                        .append(decision.nextScenario().map(n -> "; next scenario " + Html.esc(n)).orElse(""))
                        .append("</td><td>").append(Html.esc(decision.reason())).append("</td><td>")
                        .append(Html.esc(decision.inputs().entrySet().stream()
                                .map(e -> e.getKey() + " " + Html.num(e.getValue())).collect(Collectors.joining(", "))))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        stored.ended().ifPresent(e -> b.append(summary(e.summary())));
        return Html.page("Session", csrf, b.toString());
    }

    private static String summary(SessionSummary s) {
        StringBuilder b = new StringBuilder("<h2>Summary</h2><dl class=\"facts\">");
        b.append("<dt>Goal</dt><dd>").append(s.goalMet() ? "met" : "not met").append("</dd>")
                .append("<dt>Steps reached</dt><dd>").append(Html.esc(String.join(", ", s.goalStepsMet())))
                .append("</dd><dt>Steps missed</dt><dd>").append(Html.esc(String.join(", ", s.goalStepsMissed())))
                .append("</dd><dt>Strengths</dt><dd>").append(Html.esc(String.join("; ", s.strengths())))
                .append("</dd><dt>Practise next</dt><dd>").append(Html.esc(s.practiseNext()))
                .append("</dd><dt>Real-world task</dt><dd>").append(Html.esc(s.realWorldTask())).append("</dd></dl>");
        return b.toString();
    }

    // ---- export and delete ----------------------------------------------------------------------------------------

    String confirmDelete(String csrf, String alias, String error) {
        requireClient(alias);
        StringBuilder b = new StringBuilder("<h1>Delete client ").append(Html.esc(alias)).append("</h1>");
        if (!error.isEmpty()) {
            b.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
        }
        b.append("<p>This removes the client, all ").append(store.sessions(alias).size())
                .append(" of its sessions with their transcripts, safety events and decisions, its level estimates and"
                        + " its settings, for good. Export the data first if it must be kept.</p>")
                .append("<form method=\"post\" action=\"/client/delete\" class=\"card\">").append(Html.csrf(csrf))
                .append("<input type=\"hidden\" name=\"alias\" value=\"").append(Html.esc(alias)).append("\">")
                .append("<label for=\"confirm\">Type the alias to confirm</label>")
                .append("<input type=\"text\" id=\"confirm\" name=\"confirm\" autocomplete=\"off\" required>")
                .append("<button type=\"submit\" class=\"danger\">Delete for good</button> <a href=\"/client?alias=")
                .append(Html.esc(Html.url(alias))).append("\">Cancel</a></form>");
        return Html.page("Delete client", csrf, b.toString());
    }

    void delete(String alias) {
        requireClient(alias);
        store.deleteClient(alias);
    }

    /** Everything the store holds about the client, as one JSON document. */
    String export(String alias) {
        requireClient(alias);
        Client client = store.clients().stream().filter(c -> c.alias().equals(alias)).findFirst().orElseThrow();
        JsonWriter j = new JsonWriter().begin();
        j.key("format").value("trinn-client-export").key("version").value(1L)
                .key("exportedAt").value(clock.instant().toString());
        j.key("client").begin().key("alias").value(alias).key("createdAt").value(client.createdAt().toString())
                .key("sessions").value((long) client.sessions()).end();
        ClientSettings s = store.settings(alias);
        j.key("settings").begin().key("caps").begin();
        s.caps().forEach((name, bounds) -> j.key(name).begin().key("min").value(bounds.min()).key("max")
                .value(bounds.max()).end());
        j.end().key("locks").begin();
        s.locks().forEach((name, v) -> j.key(name).value(v));
        j.end().key("temperament").begin();
        s.temperament().forEach((who, values) -> {
            j.key(who).begin();
            values.forEach((name, v) -> j.key(name).value(v));
            j.end();
        });
        j.end().key("assigned").beginArray();
        s.assigned().forEach(j::value);
        j.endArray().end();
        j.key("levels");
        levels(j, store.levels(alias));
        List<SessionResult> results = store.results(alias);
        j.key("sessions").beginArray();
        for (SessionOverview o : store.sessions(alias)) {
            StoredSession stored = store.session(o.id()).orElseThrow();
            SessionEvent.Started st = stored.started();
            j.begin().key("id").value(o.id()).key("scenarioId").value(st.scenarioId()).key("language")
                    .value(st.language()).key("difficulty").value(st.difficulty()).key("startedAt")
                    .value(st.at().toString()).key("status").value(stored.status().name().toLowerCase(
                            java.util.Locale.ROOT)).key("lastEventAt").value(stored.lastEventAt().toString());
            j.key("opened");
            stored.opened().ifPresentOrElse(op -> j.begin().key("at").value(op.at().toString()).key("state")
                    .value(op.state()).key("line").value(op.characterText()).end(), j::nullValue);
            j.key("ended");
            stored.ended().ifPresentOrElse(e -> {
                SessionSummary sum = e.summary();
                j.begin().key("at").value(e.at().toString()).key("reason").value(e.reason()).key("summary").begin()
                        .key("goalMet").value(sum.goalMet()).key("goalStepsMet");
                strings(j, sum.goalStepsMet());
                j.key("goalStepsMissed");
                strings(j, sum.goalStepsMissed());
                j.key("strengths");
                strings(j, sum.strengths());
                j.key("practiseNext").value(sum.practiseNext()).key("realWorldTask").value(sum.realWorldTask())
                        .key("turns").value((long) sum.turns()).end().end();
            }, j::nullValue);
            Optional<SessionResult> r = results.stream().filter(x -> x.id().equals(o.id())).findFirst();
            j.key("result");
            r.ifPresentOrElse(x -> {
                j.begin().key("goalMet").value(x.goalMet()).key("score");
                x.score().ifPresentOrElse(sc -> j.begin().key("goalScore").value(sc.goalScore())
                        .key("successRate").value(sc.successRate()).key("meanResponseMillis")
                        .value(sc.meanResponseMillis()).key("startDifficulty").value(sc.startDifficulty())
                        .key("endDifficulty").value(sc.endDifficulty()).end(), j::nullValue);
                j.key("confidenceBefore");
                optionalInt(j, x.confidenceBefore());
                j.key("confidenceAfter");
                optionalInt(j, x.confidenceAfter());
                j.key("taskOutcome").value(x.taskOutcome().map(Enum::name).orElse(null)).end();
            }, j::nullValue);
            j.key("turns").beginArray();
            for (SessionEvent.TurnCompleted t : store.turns(o.id())) {
                TurnRecord turn = t.turn();
                j.begin().key("index").value((long) turn.index()).key("at").value(t.at().toString())
                        .key("clientText").value(turn.clientText()).key("characterText").value(turn.characterText())
                        .key("stateBefore").value(turn.stateBefore()).key("stateAfter").value(turn.stateAfter())
                        .key("intent").value(turn.intent().orElse(null)).key("confidence").value(turn.confidence())
                        .key("responseMillis").value(turn.responseMillis()).key("words").value((long) turn.words())
                        .key("goalSteps");
                strings(j, turn.goalSteps());
                j.key("repair").value(turn.repair()).key("question").value(turn.question())
                        .key("fallback").value(turn.fallback().orElse(null)).end();
            }
            j.endArray().key("safetyEvents").beginArray();
            for (SessionEvent.SafetyRaised e : store.safetyEvents(o.id())) {
                j.begin().key("at").value(e.at().toString()).key("turn").value((long) e.event().turnIndex())
                        .key("kind").value(e.event().kind().name()).key("severity").value((long) e.event().severity())
                        .key("method").value(e.event().method()).key("score").value(e.event().score()).end();
            }
            j.endArray().key("pauses").beginArray();
            for (SessionEvent.PauseChanged p : store.pauses(o.id())) {
                j.begin().key("at").value(p.at().toString()).key("paused").value(p.paused()).key("reason")
                        .value(p.reason()).end();
            }
            j.endArray().key("decisions").beginArray();
            for (SessionEvent.Decided d : store.decisions(o.id())) {
                Decision dec = d.decision();
                j.begin().key("at").value(d.at().toString()).key("scope").value(dec.scope().name()).key("turn")
                        .value((long) dec.turnIndex()).key("before");
                numbers(j, dec.before());
                j.key("after");
                numbers(j, dec.after());
                j.key("inputs");
                numbers(j, dec.inputs());
                j.key("reason").value(dec.reason()).key("nextScenario").value(dec.nextScenario().orElse(null)).end();
            }
            j.endArray().key("levels");
            levels(j, store.sessionLevels(o.id()));
            j.end();
        }
        j.endArray().end();
        return j.toString();
    }

    private static void strings(JsonWriter j, List<String> values) {
        j.beginArray();
        values.forEach(j::value);
        j.endArray();
    }

    private static void numbers(JsonWriter j, Map<String, Double> values) {
        j.begin();
        values.forEach((k, v) -> j.key(k).value(v));
        j.end();
    }

    private static void optionalInt(JsonWriter j, OptionalInt v) {
        if (v.isPresent()) {
            j.value((long) v.getAsInt());
        } else {
            j.nullValue();
        }
    }

    private static void levels(JsonWriter j, List<LevelEstimate> levels) {
        j.beginArray();
        for (LevelEstimate l : levels) {
            j.begin().key("scale").value(l.scale()).key("mean").value(l.mean()).key("sd").value(l.sd())
                    .key("observations").value((long) l.observations()).end();
        }
        j.endArray();
    }
}
