package no.trinn.models.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 (a free port) serving byte arrays by path, with range requests, and with ways to
 * misbehave: ignore ranges, break off the first response, stall. Unknown paths answer 404. Records every request.
 */
final class LoopbackServer implements AutoCloseable {
    /** How a path is served. */
    enum Mode {
        /** Whole file (200), or the asked range (206). */
        NORMAL,
        /** Always the whole file with 200, whatever range is asked. */
        IGNORE_RANGE,
        /** The first request gets a 200 announcing the whole length but only {@code cut} bytes, then the connection
         * is dropped; later requests are served normally. */
        BREAK_FIRST,
        /** Like BREAK_FIRST, and later requests ignore ranges. */
        BREAK_FIRST_THEN_IGNORE_RANGE,
        /** Sends the headers and {@code cut} bytes, then nothing until the server closes. */
        STALL
    }

    /**
     * One request the server saw.
     *
     * @param path the path asked for
     * @param range the Range header, if any
     * @param ifRange the If-Range header, if any
     */
    record Request(String path, Optional<String> range, Optional<String> ifRange) {
    }

    private record Served(byte[] body, Mode mode, int cut, AtomicInteger count) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code body} at {@code path} normally. */
    URI serve(String path, byte[] body) {
        return serve(path, body, Mode.NORMAL, 0);
    }

    /** Serves {@code body} at {@code path} in {@code mode}; {@code cut} is where BREAK and STALL modes stop. */
    URI serve(String path, byte[] body, Mode mode, int cut) {
        files.put(path, new Served(body.clone(), mode, cut, new AtomicInteger()));
        return url(path);
    }

    /** The URL of {@code path} on this server. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Every request so far, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Optional<String> range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"));
        requests.add(new Request(path, range,
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("If-Range"))));
        Served served = files.get(path);
        if (served == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int n = served.count().incrementAndGet();
        byte[] body = served.body();
        exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(body))
                + "\"");
        boolean broken = n == 1 && (served.mode() == Mode.BREAK_FIRST
                || served.mode() == Mode.BREAK_FIRST_THEN_IGNORE_RANGE);
        if (broken || served.mode() == Mode.STALL) {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, served.cut());
            out.flush();
            if (served.mode() == Mode.STALL) {
                try {
                    closing.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // leaving the handler with an exception makes the server drop the connection mid-body
            throw new IOException("test server: connection dropped on purpose");
        }
        boolean ignoreRange = served.mode() == Mode.IGNORE_RANGE
                || served.mode() == Mode.BREAK_FIRST_THEN_IGNORE_RANGE;
        Matcher m = range.map(RANGE::matcher).filter(Matcher::matches).orElse(null);
        int from = m == null || ignoreRange ? 0 : Integer.parseInt(m.group(1));
        if (from > 0) {
            if (from >= body.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, from, body.length - from);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
