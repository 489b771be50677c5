package no.trinn.console.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import no.trinn.console.settings.SettingsException;
import no.trinn.core.Clock;
import no.trinn.core.Require;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;
import no.trinn.store.StoreException;

/**
 * The therapist's web console: server-rendered pages over the session store, served by Javalin.
 *
 * <p><b>Routes.</b> {@code GET /login}, {@code POST /login}, {@code POST /logout}, {@code GET|POST /setup} (first
 * start only), {@code GET /static/console.css} (public), {@code GET /static/console.js}, {@code GET /} (clients),
 * {@code GET /client?alias=} (sessions, levels, settings form), {@code POST /client/settings},
 * {@code GET /session?id=} (transcript, safety events, decisions), {@code GET /progress?alias=} (charts over the
 * sessions) and {@code GET /report?id=} (printable session report, see {@link ProgressPages}),
 * {@code GET /api/export?alias=} (JSON download),
 * {@code GET /client/delete?alias=} (confirmation) and {@code POST /client/delete}.
 *
 * <p><b>Security.</b> One password, set at first start through a one-time setup URL with a random token (printed on
 * {@code out}), stored hashed by {@link PasswordFile}. Logins are throttled per address ({@link LoginThrottle});
 * sessions live in memory with an idle and an absolute expiry; the session cookie is HttpOnly, SameSite=Strict,
 * and Secure with the {@code __Host-} prefix when the console listens on a non-loopback address. Every POST needs the
 * session's CSRF token and an Origin (or, without one, a Referer) of this console. A request without a login gets
 * only the login page, the setup page (with its token, while no password is set) and the style sheet; others are
 * redirected to the login page, or answered 401 under {@code /api/}. On a loopback address requests must name a
 * loopback host (against DNS rebinding). Every response carries a CSP without inline scripts or styles,
 * X-Frame-Options DENY, nosniff, Referrer-Policy same-origin and Cache-Control no-store.
 *
 * <p><b>Privacy.</b> The console writes no log; an unexpected error prints its exception class and stack frames to
 * {@code err}, never its message, a client alias, a transcript or a password.
 */
public final class ConsoleServer implements AutoCloseable {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final ConsoleOptions options;
    private final PasswordFile password;
    private final WebSessions sessions;
    private final LoginThrottle throttle;
    private final Pages pages;
    private final LivePages live;
    private final PrintWriter err;
    private final boolean loopback;
    private final String cookieName;
    private volatile Optional<String> setupToken;
    private final Javalin app;
    private final String css;
    private final String js;

    private ConsoleServer(ConsoleOptions options, SessionStore store, ScenarioLibrary library, Clock clock,
            PrintWriter err) {
        this.options = options;
        this.err = err;
        this.password = new PasswordFile(options.passwordFile(), options.passwordIterations());
        this.sessions = new WebSessions(clock, options.idleExpiry(), options.absoluteExpiry());
        this.throttle = new LoginThrottle(clock, options.allowedFailures());
        this.pages = new Pages(store, library, clock);
        this.loopback = isLoopback(options.bind());
        this.cookieName = loopback ? "trinn_session" : "__Host-trinn_session";
        this.setupToken = password.isSet() ? Optional.empty() : Optional.of(WebSessions.token());
        // the live view of running sessions: /live, /api/live/events (see LivePages)
        this.live = new LivePages(store, library, ctx -> {
            String cookie = ctx.cookie(cookieName);
            return () -> sessions.find(cookie).filter(WebSessions.Session::authenticated).isPresent();
        }, ConsoleServer::resource);
        this.css = resource("console.css");
        this.js = resource("console.js");
        ProgressPages progress = new ProgressPages(store, library);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 1_000_000L;
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            config.routes.before(this::guard);
            config.routes.get("/login", ctx -> loginPage(ctx, 200, ""));
            config.routes.post("/login", this::login);
            config.routes.post("/logout", this::logout);
            config.routes.get("/setup", this::setupPage);
            config.routes.post("/setup", this::setup);
            config.routes.get("/static/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(css));
            config.routes.get("/static/console.js",
                    ctx -> ctx.contentType("text/javascript; charset=utf-8").result(js));
            config.routes.get("/", ctx -> ctx.html(pages.clients(session(ctx).csrf(), ctx.queryParam("deleted"))));
            config.routes.get("/client", ctx -> ctx.html(pages.client(session(ctx).csrf(), alias(ctx), "")));
            config.routes.post("/client/settings", this::saveSettings);
            config.routes.get("/session", ctx -> ctx.html(pages.session(session(ctx).csrf(),
                    Optional.ofNullable(ctx.queryParam("id")).orElse(""))));
            config.routes.get("/progress", ctx -> ctx.html(progress.progress(session(ctx).csrf(), alias(ctx))));
            config.routes.get("/report", ctx -> ctx.html(progress.report(session(ctx).csrf(), Optional.ofNullable(
                    ctx.queryParam("id")).orElse(""), "1".equals(ctx.queryParam("transcript")))));
            config.routes.get("/api/export", this::export);
            config.routes.get("/client/delete", ctx -> ctx.html(pages.confirmDelete(session(ctx).csrf(),
                    alias(ctx), "")));
            config.routes.post("/client/delete", this::delete);
            live.register(config.routes);
            config.routes.exception(Pages.NotFound.class, (e, ctx) -> ctx.status(404)
                    .html(Html.page("Not found", csrfOrNull(ctx), "<h1>Not found</h1><p>" + Html.esc(e.getMessage())
                            + "</p><p><a href=\"/\">Back to the clients</a></p>")));
            config.routes.exception(Exception.class, (e, ctx) -> {
                report(e);
                ctx.status(500).html(Html.page("Error", csrfOrNull(ctx), "<h1>Something went wrong</h1><p>"
                        + Html.esc(e instanceof StoreException ? e.getMessage() : "An internal error happened.")
                        + "</p>"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().startsWith("Endpoint ")) {
                    ctx.html(Html.page("Not found", csrfOrNull(ctx), "<h1>Not found</h1>"));
                }
            });
        });
    }

    /**
     * Starts the console on {@code options.bind():options.port()}. While no password is set, prints the one-time
     * setup URL on {@code out}; when listening on a non-loopback address, prints a warning on {@code err}.
     *
     * @throws ConsoleException if it cannot listen there
     */
    public static ConsoleServer start(ConsoleOptions options, SessionStore store, ScenarioLibrary library,
            Clock clock, PrintWriter out, PrintWriter err) {
        Require.nonNull(options, "options");
        Require.nonNull(store, "store");
        Require.nonNull(library, "library");
        Require.nonNull(clock, "clock");
        Require.nonNull(out, "out");
        Require.nonNull(err, "err");
        ConsoleServer server = new ConsoleServer(options, store, library, clock, err);
        try {
            server.app.start(options.bind(), options.port());
        } catch (RuntimeException e) {
            throw new ConsoleException("console: cannot listen on " + options.bind() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        if (!server.loopback) {
            err.println("trinn console: warning: listening on " + options.bind() + ", which is not a loopback"
                    + " address: anyone who can reach it sees the login page. Serve it only behind a TLS reverse"
                    + " proxy (the session cookie is marked Secure and is not sent over plain HTTP).");
        }
        out.println("Trinn console: " + server.origin() + "/");
        server.setupUrl().ifPresent(url -> out.println("No password is set yet. Open this one-time URL to set it: "
                + url));
        out.flush();
        err.flush();
        return server;
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** {@code http://HOST:PORT} of the console. */
    public String origin() {
        String host = options.bind();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "localhost";
        }
        return "http://" + host + ":" + port();
    }

    /** The one-time setup URL, while no password is set. */
    public Optional<String> setupUrl() {
        return setupToken.map(t -> origin() + "/setup?token=" + t);
    }

    /** Stops listening and ends every session. */
    @Override
    public void close() {
        live.close();
        app.stop();
        sessions.endAll();
    }

    /** Whether {@code bind} names a loopback address (false if it cannot be resolved). */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ---- the guard in front of every route ------------------------------------------------------------------------

    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        HandlerType method = ctx.method();
        if (method != HandlerType.GET && method != HandlerType.POST && method != HandlerType.HEAD) {
            halt(ctx, 405, "Method not allowed");
            return;
        }
        if (loopback && !loopbackHost(ctx.header("Host"))) {
            halt(ctx, 421, "This console answers only to localhost, 127.0.0.1 or [::1].");
            return;
        }
        String path = ctx.path();
        Optional<WebSessions.Session> session = sessions.find(ctx.cookie(cookieName));
        session.ifPresent(s -> ctx.attribute("session", s));
        boolean open = path.equals("/login") || path.equals("/static/console.css")
                || (path.equals("/setup") && setupToken.isPresent());
        if (!open && session.filter(WebSessions.Session::authenticated).isEmpty()) {
            if (path.startsWith("/api/")) {
                ctx.header("WWW-Authenticate", "Cookie realm=\"trinn-console\"");
                ctx.status(401).contentType("application/json").result("{\"error\":\"log in first\"}");
                ctx.skipRemainingHandlers();
            } else {
                ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
            }
            return;
        }
        if (method == HandlerType.POST) {
            if (!sameOrigin(ctx)) {
                halt(ctx, 403, "Refused: the request did not come from this console's pages.");
                return;
            }
            if (session.isEmpty() || !session.get().csrfMatches(ctx.formParam("csrf"))) {
                halt(ctx, 403, "Refused: the form has expired or did not come from this console. Reload the page"
                        + " and try again.");
            }
        }
    }

    private void halt(Context ctx, int status, String message) {
        ctx.status(status).html(Html.page("Refused", null, "<h1>" + status + "</h1><p>" + Html.esc(message)
                + "</p><p><a href=\"/\">Start page</a></p>"));
        ctx.skipRemainingHandlers();
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(name);
    }

    private static boolean sameOrigin(Context ctx) {
        String host = ctx.header("Host");
        if (host == null) {
            return false;
        }
        String origin = ctx.header("Origin");
        if (origin != null) {
            return origin.equals("http://" + host) || origin.equals("https://" + host);
        }
        String referer = ctx.header("Referer");
        return referer != null && (referer.startsWith("http://" + host + "/")
                || referer.startsWith("https://" + host + "/"));
    }

    private static WebSessions.Session session(Context ctx) {
        WebSessions.Session s = ctx.attribute("session");
        return Require.nonNull(s, "session");
    }

    private static String csrfOrNull(Context ctx) {
        WebSessions.Session s = ctx.attribute("session");
        return s != null && s.authenticated() ? s.csrf() : null;
    }

    private static String alias(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("alias")).orElse("");
    }

    private void setCookie(Context ctx, String value, Duration maxAge) {
        ctx.header("Set-Cookie", cookieName + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (loopback ? "" : "; Secure"));
    }

    // ---- login, logout, setup -------------------------------------------------------------------------------------

    private WebSessions.Session anonymous(Context ctx) {
        WebSessions.Session s = ctx.attribute("session");
        if (s == null) {
            s = sessions.create(false);
            setCookie(ctx, s.id(), options.absoluteExpiry());
            ctx.attribute("session", s);
        }
        return s;
    }

    private void loginPage(Context ctx, int status, String message) {
        WebSessions.Session s = ctx.attribute("session");
        if (s != null && s.authenticated() && status == 200) {
            ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(status).html(pages.login(anonymous(ctx).csrf(), message, password.isSet()));
    }

    private void login(Context ctx) {
        String address = ctx.ip();
        Optional<Duration> wait = throttle.blocked(address);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            loginPage(ctx, 429, "Too many failed attempts. Wait " + Math.max(1, wait.get().toSeconds())
                    + " seconds and try again.");
            return;
        }
        String given = Optional.ofNullable(ctx.formParam("password")).orElse("");
        char[] chars = given.toCharArray();
        boolean ok;
        try {
            ok = password.isSet() && password.matches(chars);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
        if (!ok) {
            throttle.failed(address);
            loginPage(ctx, 401, "Wrong password.");
            return;
        }
        throttle.succeeded(address);
        sessions.end(ctx.cookie(cookieName));
        WebSessions.Session s = sessions.create(true);
        setCookie(ctx, s.id(), options.absoluteExpiry());
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(cookieName));
        setCookie(ctx, "", Duration.ZERO);
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private boolean setupTokenMatches(String given) {
        Optional<String> token = setupToken;
        return token.isPresent() && given != null && java.security.MessageDigest.isEqual(
                token.get().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void setupPage(Context ctx) {
        if (!setupTokenMatches(ctx.queryParam("token"))) {
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.html(pages.setup(anonymous(ctx).csrf(), ctx.queryParam("token"), ""));
    }

    private synchronized void setup(Context ctx) {
        String token = ctx.formParam("token");
        if (!setupTokenMatches(token)) {
            halt(ctx, 403, "The setup link is not valid (the password may already be set).");
            return;
        }
        char[] first = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
        char[] second = Optional.ofNullable(ctx.formParam("confirm")).orElse("").toCharArray();
        try {
            Optional<String> problem = PasswordFile.problem(first);
            if (problem.isEmpty() && !java.util.Arrays.equals(first, second)) {
                problem = Optional.of("the two passwords differ");
            }
            if (problem.isPresent()) {
                ctx.status(400).html(pages.setup(anonymous(ctx).csrf(), token, problem.get()));
                return;
            }
            password.set(first);
        } finally {
            java.util.Arrays.fill(first, '\0');
            java.util.Arrays.fill(second, '\0');
        }
        setupToken = Optional.empty();
        sessions.endAll();
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    // ---- client actions -------------------------------------------------------------------------------------------

    private void saveSettings(Context ctx) {
        String alias = Optional.ofNullable(ctx.formParam("alias")).orElse("");
        String csrf = session(ctx).csrf();
        try {
            pages.saveSettings(alias, ctx.formParamMap());
        } catch (SettingsException e) {
            ctx.status(400).html(pages.client(csrf, alias, e.getMessage()));
            return;
        }
        ctx.redirect("/client?alias=" + Html.url(alias) + "&saved=1", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void export(Context ctx) {
        String alias = alias(ctx);
        String json = pages.export(alias);
        ctx.header("Content-Disposition", "attachment; filename=\"trinn-client.json\"; filename*=UTF-8''trinn-"
                + Html.url(alias).replace("+", "%20") + ".json");
        ctx.contentType("application/json; charset=utf-8").result(json);
    }

    private void delete(Context ctx) {
        String alias = Optional.ofNullable(ctx.formParam("alias")).orElse("");
        String confirm = Optional.ofNullable(ctx.formParam("confirm")).orElse("");
        String csrf = session(ctx).csrf();
        if (!confirm.equals(alias)) {
            ctx.status(400).html(pages.confirmDelete(csrf, alias, "Type the alias exactly to confirm."));
            return;
        }
        try {
            pages.delete(alias);
        } catch (StoreException e) {
            ctx.status(409).html(pages.confirmDelete(csrf, alias, e.getMessage()));
            return;
        }
        ctx.redirect("/?deleted=1", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void report(Exception e) {
        synchronized (err) {
            err.println("trinn console: unexpected " + e.getClass().getName()
                    + (e instanceof StoreException ? ": " + e.getMessage() : ""));
            for (StackTraceElement frame : e.getStackTrace()) {
                err.println("\tat " + frame);
            }
            err.flush();
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ConsoleException("console: resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConsoleException("console: cannot read resource " + name + ": " + e, e);
        }
    }
}
