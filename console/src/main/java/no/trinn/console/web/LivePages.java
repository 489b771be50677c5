package no.trinn.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import no.trinn.console.settings.SettingsChange;
import no.trinn.console.settings.SettingsException;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SessionEvent;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.ActiveSession;
import no.trinn.store.LiveChanges;
import no.trinn.store.SessionCommand;
import no.trinn.store.SessionStatus;
import no.trinn.store.SessionStore;
import no.trinn.store.StoreException;
import no.trinn.store.StoredSession;

/**
 * The live view of a running session, across processes: the session's own process records it in the store and takes
 * commands from it ({@link SessionStore#takeCommands}); the console only reads and sends.
 *
 * <p><b>Routes.</b> {@code GET /live?id=} (the page), {@code POST /live/command} ({@code kind} pause, resume or
 * stop), {@code POST /live/settings} (temperament sliders of the session's characters: saved as the client's
 * settings and sent to the session), {@code GET /api/live/events?id=&cursor=} (Server-Sent Events: one
 * {@code update} event per batch of changes, JSON, its SSE id the cursor to resume from; {@code Last-Event-ID} wins
 * over {@code cursor}), {@code GET /static/live.js} and {@code /static/live.css}. Every route is behind the
 * console's guard (login; CSRF and origin on POST; 401 under {@code /api/}). An SSE stream ends when the session is
 * over, the login ends or the console stops.
 */
final class LivePages implements AutoCloseable {
    /** How often a watched session's tail asks the store. */
    static final Duration TAIL_INTERVAL = Duration.ofMillis(100);

    private final SessionStore store;
    private final ScenarioLibrary library;
    private final LiveFeed feed;
    private final Function<Context, BooleanSupplier> loggedIn;
    private final String js;
    private final String css;

    /**
     * @param loggedIn for a request, whether its login still holds (asked before each update sent on its stream)
     */
    LivePages(SessionStore store, ScenarioLibrary library, Function<Context, BooleanSupplier> loggedIn,
            Function<String, String> resource) {
        this.store = store;
        this.library = library;
        this.loggedIn = loggedIn;
        this.feed = new LiveFeed(store, TAIL_INTERVAL, 2);
        this.js = resource.apply("live.js");
        this.css = resource.apply("live.css");
    }

    /** Adds the live routes. */
    void register(RoutesConfig routes) {
        routes.get("/static/live.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(js));
        routes.get("/static/live.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(css));
        routes.get("/live", ctx -> ctx.html(page(csrf(ctx), param(ctx, "id"), ctx.queryParam("sent"), "")));
        routes.post("/live/command", this::command);
        routes.post("/live/settings", this::settings);
        routes.sse("/api/live/events", this::events);
    }

    @Override
    public void close() {
        feed.close();
    }

    /** How many sessions are tailed now (for tests). */
    int tails() {
        return feed.tails();
    }

    private static String csrf(Context ctx) {
        WebSessions.Session s = ctx.attribute("session");
        return s == null ? "" : s.csrf();
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).orElse("");
    }

    private static String form(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).orElse("");
    }

    // ---- the home page's list -------------------------------------------------------------------------------------

    /** The sessions running now, with links to their live view, for the home page. */
    static String activeList(SessionStore store) {
        List<ActiveSession> active = store.activeSessions();
        StringBuilder b = new StringBuilder("<h2>Live sessions</h2>");
        if (active.isEmpty()) {
            return b.append("<p id=\"live-none\">No session is running now.</p>").toString();
        }
        b.append("<table id=\"live-sessions\"><thead><tr><th>Client</th><th>Scenario</th><th>Started</th>"
                + "<th>Last event</th><th></th></tr></thead><tbody>");
        for (ActiveSession s : active) {
            b.append("<tr><td>").append(Html.esc(s.clientAlias())).append("</td><td>").append(Html.esc(s.scenarioId()))
                    .append("</td><td>").append(Html.time(s.startedAt())).append("</td><td>")
                    .append(Html.time(s.lastEventAt())).append("</td><td><a class=\"live-link\" href=\"/live?id=")
                    .append(Html.esc(Html.url(s.id()))).append("\">Watch live</a></td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    // ---- the page -------------------------------------------------------------------------------------------------

    private String page(String csrf, String id, String sent, String error) {
        StoredSession stored = store.session(id).orElseThrow(() -> new Pages.NotFound("No session with that id."));
        SessionEvent.Started started = stored.started();
        String alias = started.clientAlias();
        Optional<Scenario> scenario = library.find(started.scenarioId());
        StringBuilder b = new StringBuilder();
        b.append("<link rel=\"stylesheet\" href=\"/static/live.css\"><script src=\"/static/live.js\" defer></script>");
        b.append("<p><a href=\"/\">&larr; Clients</a> &middot; <a href=\"/session?id=").append(Html.esc(Html.url(id)))
                .append("\">Session record</a></p>");
        b.append("<h1>Live: ").append(Html.esc(scenario.map(Scenario::title).orElse(started.scenarioId())))
                .append(" <small>client ").append(Html.esc(alias)).append(", started ")
                .append(Html.time(started.at())).append("</small></h1>");
        if (!error.isEmpty()) {
            b.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
        }
        if (sent != null && Set.of("pause", "resume", "stop", "settings").contains(sent)) {
            b.append("<p class=\"notice\" role=\"status\" id=\"sent\">Sent: ").append(Html.esc(sent))
                    .append(". The session applies it between turns.</p>");
        }
        b.append("<div id=\"live\" data-session=\"").append(Html.esc(id)).append("\">");
        b.append("<p id=\"live-status\" role=\"status\">")
                .append(stored.status() == SessionStatus.ACTIVE ? "Connecting..." : "This session is not running.")
                .append("</p><div id=\"alerts\" role=\"alert\" aria-live=\"assertive\"></div>");
        b.append("<div class=\"live-grid\"><section><h2>Transcript</h2><ol id=\"transcript\" aria-live=\"polite\">"
                + "</ol></section><aside>");
        b.append("<h2>Character</h2><dl class=\"facts\"><dt>State</dt><dd id=\"state-now\">-</dd><dt>Paused</dt>"
                + "<dd id=\"paused-now\">no</dd><dt>Turns</dt><dd id=\"turns-now\">0</dd></dl>");
        b.append("<h2>Behaviour now</h2><p class=\"hint\">From the controller's latest decision.</p>"
                + "<table id=\"behaviour\"><tbody><tr><td>-</td><td></td></tr></tbody></table>");
        b.append("<h2>Controls</h2><div class=\"controls\">");
        for (String kind : List.of("pause", "resume", "stop")) {
            b.append("<form method=\"post\" action=\"/live/command\">").append(Html.csrf(csrf))
                    .append("<input type=\"hidden\" name=\"id\" value=\"").append(Html.esc(id)).append("\">")
                    .append("<input type=\"hidden\" name=\"kind\" value=\"").append(kind).append("\">")
                    .append("<button type=\"submit\" id=\"live-").append(kind).append("\"")
                    .append(kind.equals("stop") ? " class=\"danger\"" : "").append(">")
                    .append(switch (kind) {
                        case "pause" -> "Pause";
                        case "resume" -> "Resume";
                        default -> "Stop the session";
                    }).append("</button></form>");
        }
        b.append("</div>");
        scenario.ifPresent(s -> b.append(temperamentForm(csrf, id, s, store.settings(alias))));
        b.append("</aside></div>");
        b.append("<h2>Decisions</h2><table id=\"decisions\"><thead><tr><th>When</th><th>Changed</th><th>Reason</th>"
                + "</tr></thead><tbody></tbody></table></div>");
        return Html.page("Live session", csrf, b.toString());
    }

    private String temperamentForm(String csrf, String id, Scenario scenario, ClientSettings settings) {
        StringBuilder b = new StringBuilder("<h2>Temperament</h2><p class=\"hint\">Applies from the character's next"
                + " reply, and is saved as this client's setting.</p>");
        b.append("<form method=\"post\" action=\"/live/settings\" id=\"live-settings\">").append(Html.csrf(csrf))
                .append("<input type=\"hidden\" name=\"id\" value=\"").append(Html.esc(id)).append("\">");
        for (Character c : scenario.characters()) {
            Map<String, Double> set = settings.temperamentOf(scenario.id(), c.id()).orElse(Map.of());
            b.append(Html.characterHeading(c));
            for (String name : SettingsChange.temperamentNames(c)) {
                boolean chosen = set.containsKey(name);
                double value = chosen ? set.get(name) : Optional.ofNullable(c.temperament().get(name))
                        .map(t -> t.value()).orElse(0.5);
                b.append(Html.temperamentSlider(scenario.id() + "/" + c.id() + "/" + name,
                        "live_" + c.id() + "_" + name, name, chosen, value));
            }
            b.append("</div>");
        }
        return b.append("<button type=\"submit\" id=\"live-apply\">Apply now</button></form>").toString();
    }

    // ---- forms ----------------------------------------------------------------------------------------------------

    private void command(Context ctx) {
        String id = form(ctx, "id");
        String kind = form(ctx, "kind");
        SessionCommand.Kind k = switch (kind) {
            case "pause" -> SessionCommand.Kind.PAUSE;
            case "resume" -> SessionCommand.Kind.RESUME;
            case "stop" -> SessionCommand.Kind.STOP;
            default -> null;
        };
        if (k == null) {
            ctx.status(400).html(page(csrf(ctx), id, null, "Unknown command."));
            return;
        }
        if (store.session(id).isEmpty()) {
            throw new Pages.NotFound("No session with that id.");
        }
        try {
            store.sendCommand(id, k, SessionCommand.NO_PAYLOAD);
        } catch (StoreException e) {
            ctx.status(409).html(page(csrf(ctx), id, null, "Not sent: the session is not running any more."));
            return;
        }
        ctx.redirect("/live?id=" + Html.url(id) + "&sent=" + kind, HttpStatus.SEE_OTHER);
    }

    private void settings(Context ctx) {
        String id = form(ctx, "id");
        StoredSession stored = store.session(id).orElseThrow(() -> new Pages.NotFound("No session with that id."));
        String alias = stored.started().clientAlias();
        Scenario scenario = library.find(stored.started().scenarioId())
                .orElseThrow(() -> new Pages.NotFound("The session's scenario is not in the library."));
        if (stored.status() != SessionStatus.ACTIVE) {
            ctx.status(409).html(page(csrf(ctx), id, null, "Not applied: the session is not running any more."));
            return;
        }
        ClientSettings result;
        try {
            SettingsChange change = new SettingsChange(library, store.settings(alias));
            for (Character c : scenario.characters()) {
                change.clearTemperament(scenario.id(), c.id());
            }
            Map<String, List<String>> map = ctx.formParamMap();
            for (String key : map.getOrDefault("t.set", List.of())) {
                String[] parts = key.split("/", -1);
                if (parts.length != 3 || !parts[0].equals(scenario.id())) {
                    throw new SettingsException("temperament " + key + ": not a character of this session");
                }
                List<String> values = map.getOrDefault("t." + key, List.of());
                change.temperament("temperament", parts[1] + ":" + parts[2], parts[0], parts[1], parts[2],
                        values.isEmpty() ? "" : values.getFirst().strip());
            }
            result = change.result();
        } catch (SettingsException e) {
            ctx.status(400).html(page(csrf(ctx), id, null, e.getMessage()));
            return;
        }
        store.saveSettings(alias, result);
        try {
            store.sendCommand(id, SessionCommand.Kind.SETTINGS, SessionCommand.settingsPayload(result));
        } catch (StoreException e) {
            ctx.status(409).html(page(csrf(ctx), id, null, "Saved as the client's settings, but not applied: the"
                    + " session is not running any more."));
            return;
        }
        ctx.redirect("/live?id=" + Html.url(id) + "&sent=settings", HttpStatus.SEE_OTHER);
    }

    // ---- the event stream -----------------------------------------------------------------------------------------

    private void events(SseClient client) {
        Context ctx = client.ctx();
        String id = param(ctx, "id");
        LiveChanges.Cursor from = LiveChanges.Cursor.parse(ctx.header("Last-Event-ID"))
                .or(() -> LiveChanges.Cursor.parse(ctx.queryParam("cursor"))).orElse(LiveChanges.Cursor.START);
        if (store.session(id).isEmpty()) {
            client.sendEvent("gone", "{}");
            client.close();
            return;
        }
        client.keepAlive();
        LiveFeed.Watch watch = feed.watch(id, from, new LiveFeed.Viewer() {
            @Override
            public void send(LiveChanges changes) {
                client.sendEvent("update", json(changes), changes.cursor().token());
            }

            @Override
            public void ping() {
                client.sendComment("keep-alive");
            }

            @Override
            public void end() {
                client.close();
            }
        }, loggedIn.apply(ctx));
        client.onClose(() -> feed.unwatch(watch));
    }

    /** One update as JSON: status, cursor, a timeline (opening, turns, pauses, safety events, end) and decisions. */
    static String json(LiveChanges c) {
        record Item(Instant at, int order, java.util.function.Consumer<JsonWriter> write) {
        }
        List<Item> items = new ArrayList<>();
        c.opened().ifPresent(o -> items.add(new Item(o.at(), 0, j -> j.key("type").value("opened").key("line")
                .value(o.characterText()).key("state").value(o.state()))));
        for (SessionEvent.TurnCompleted t : c.turns()) {
            items.add(new Item(t.at(), 1, j -> j.key("type").value("turn").key("index").value((long) t.turn().index())
                    .key("client").value(t.turn().clientText()).key("character").value(t.turn().characterText())
                    .key("stateBefore").value(t.turn().stateBefore()).key("stateAfter").value(t.turn().stateAfter())
                    .key("intent").value(t.turn().intent().orElse(null))
                    .key("responseMillis").value(t.turn().responseMillis())));
        }
        for (SessionEvent.SafetyRaised s : c.safety()) {
            items.add(new Item(s.at(), 2, j -> j.key("type").value("safety").key("turn")
                    .value((long) s.event().turnIndex()).key("kind").value(s.event().kind().name())
                    .key("severity").value((long) s.event().severity()).key("method").value(s.event().method())));
        }
        for (SessionEvent.PauseChanged p : c.pauses()) {
            items.add(new Item(p.at(), 3, j -> j.key("type").value("pause").key("paused").value(p.paused())
                    .key("reason").value(p.reason())));
        }
        c.ended().ifPresent(e -> items.add(new Item(e.at(), 4, j -> j.key("type").value("ended").key("reason")
                .value(e.reason()).key("goalMet").value(e.summary().goalMet()))));
        items.sort(Comparator.comparing(Item::at).thenComparingInt(Item::order));
        JsonWriter j = new JsonWriter().begin();
        j.key("cursor").value(c.cursor().token()).key("status").value(c.status().name().toLowerCase(Locale.ROOT));
        j.key("timeline").beginArray();
        for (Item item : items) {
            j.begin().key("at").value(item.at().toString());
            item.write().accept(j);
            j.end();
        }
        j.endArray().key("decisions").beginArray();
        for (SessionEvent.Decided d : c.decisions()) {
            Decision decision = d.decision();
            j.begin().key("at").value(d.at().toString()).key("scope").value(decision.scope().name())
                    .key("turn").value((long) decision.turnIndex()).key("reason").value(decision.reason())
                    .key("changes").value(Html.changes(decision)).key("after").begin();
            decision.after().forEach((k, v) -> j.key(k).value(v));
            j.end().end();
        }
        return j.endArray().end().toString();
    }
}
