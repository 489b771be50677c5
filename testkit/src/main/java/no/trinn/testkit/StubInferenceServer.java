package no.trinn.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stub OpenAI-compatible inference server on loopback (127.0.0.1, a free port): {@code POST /v1/chat/completions}
 * with and without {@code stream=true} (server-sent events {@code data: {...}} and {@code data: [DONE]}), and
 * {@code GET /v1/models} listing the model names it was made with. What the "model" answers is scripted per test: a
 * function from the request to an {@link Answer}. Every call is recorded. {@link #reply} and {@link #validReply} write
 * answers in the generative character engine's JSON reply format. Close it after the test.
 */
public final class StubInferenceServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the stub model answers to one request.
     *
     * @param content the text the model generates
     * @param chunkChars how many characters go in one streamed chunk
     * @param gate if present, the answer waits until it is opened (a slow first token)
     * @param status the HTTP status; anything but 200 answers an error body
     */
    public record Answer(String content, int chunkChars, Optional<CountDownLatch> gate, int status) {
        /** {@code content} with status 200, streamed 7 characters a chunk, at once. */
        public static Answer of(String content) {
            return new Answer(content, 7, Optional.empty(), 200);
        }

        /** This answer, held back until {@code latch} opens. */
        public Answer gatedBy(CountDownLatch latch) {
            return new Answer(content, chunkChars, Optional.of(latch), status);
        }
    }

    /**
     * One recorded call.
     *
     * @param path the request path
     * @param body the request body, parsed (empty object for a GET)
     * @param authorization the Authorization header, if sent
     */
    public record Call(String path, JsonNode body, Optional<String> authorization) {
        /** Whether the client asked for a streamed answer. */
        public boolean stream() {
            return body.path("stream").asBoolean(false);
        }

        /** The text of every message, joined: what the model was shown. */
        public String prompt() {
            StringBuilder sb = new StringBuilder();
            body.path("messages").forEach(m -> sb.append(m.path("role").asText()).append(": ")
                    .append(m.path("content").asText()).append('\n'));
            return sb.toString();
        }

        /** The enum of the JSON schema's nextState property, if the request had one. */
        public List<String> allowedStates() {
            List<String> out = new ArrayList<>();
            body.path("response_format").path("json_schema").path("schema").path("properties").path("nextState")
                    .path("enum").forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-inference-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Call> calls = new ArrayList<>();
    private final List<String> models;
    private volatile Function<Call, Answer> script;

    /** A started stub offering the model {@code stub-model}, answering as {@code script} says. */
    public StubInferenceServer(Function<Call, Answer> script) {
        this(List.of("stub-model"), script);
    }

    /** A started stub offering {@code models} (what {@code GET /v1/models} lists), answering as {@code script} says. */
    public StubInferenceServer(List<String> models, Function<Call, Answer> script) {
        this.models = List.copyOf(models);
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::completions);
        server.createContext("/v1/models", this::models);
        server.start();
    }

    /** A stub whose model always answers a valid reply that moves to the last allowed state. */
    public static StubInferenceServer valid() {
        return new StubInferenceServer(call -> Answer.of(validReply(call, "Sure, coming right up. Anything else?")));
    }

    /** A valid JSON reply saying {@code say}, moving to the last state the request's schema allows. */
    public static String validReply(Call call, String say) {
        List<String> allowed = call.allowedStates();
        ObjectNode o = JSON.createObjectNode();
        o.put("say", say);
        o.put("affect", "warm");
        o.put("gesture", "nod");
        o.putArray("goalStepsMet");
        o.put("nextState", allowed.isEmpty() ? "order" : allowed.getLast());
        return o.toString();
    }

    /** A JSON reply with these fields. */
    public static String reply(String say, String affect, List<String> steps, String nextState) {
        ObjectNode o = JSON.createObjectNode();
        o.put("say", say);
        o.put("affect", affect);
        o.put("gesture", "none");
        ArrayNode a = o.putArray("goalStepsMet");
        steps.forEach(a::add);
        o.put("nextState", nextState);
        return o.toString();
    }

    /** Replaces the script. */
    public void script(Function<Call, Answer> s) {
        this.script = s;
    }

    /** The base URL of the API, e.g. {@code http://127.0.0.1:40123/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** A base URL on loopback where nothing listens. */
    public static String downUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/v1";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calls of chat completions so far. */
    public synchronized List<Call> completionCalls() {
        return calls.stream().filter(c -> c.path().endsWith("/chat/completions")).toList();
    }

    /** Waits until at least {@code n} chat completion calls have arrived. */
    public void awaitCompletionCalls(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (completionCalls().size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the stub server got " + completionCalls().size() + " calls, not " + n);
            }
            Thread.sleep(5);
        }
    }

    private void completions(HttpExchange ex) throws IOException {
        Call call = new Call(ex.getRequestURI().getPath(), JSON.readTree(ex.getRequestBody()),
                Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")));
        synchronized (this) {
            calls.add(call);
        }
        Answer answer = script.apply(call);
        try {
            if (answer.gate().isPresent() && !answer.gate().get().await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the stub's gate was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
            return;
        }
        if (answer.status() != 200) {
            send(ex, answer.status(), "{\"error\":{\"message\":\"stub error\",\"type\":\"server_error\"}}");
            return;
        }
        if (!call.stream()) {
            ObjectNode r = JSON.createObjectNode();
            ObjectNode choice = completion(r, call, "chat.completion");
            choice.putObject("message").put("role", "assistant").put("content", answer.content());
            choice.put("finish_reason", "stop");
            r.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 10).put("total_tokens", 20);
            send(ex, 200, r.toString());
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            event(out, chunk(call, "", true, false));
            String c = answer.content();
            for (int i = 0; i < c.length(); i += answer.chunkChars()) {
                event(out, chunk(call, c.substring(i, Math.min(c.length(), i + answer.chunkChars())), false, false));
            }
            event(out, chunk(call, "", false, true));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client went away (a cancelled stream)
        }
    }

    private static String chunk(Call call, String content, boolean first, boolean last) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode choice = completion(r, call, "chat.completion.chunk");
        ObjectNode delta = choice.putObject("delta");
        if (first) {
            delta.put("role", "assistant");
        }
        if (!last) {
            delta.put("content", content);
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", "stop");
        }
        return r.toString();
    }

    /** Fills in the fields every completion and chunk has; returns its one choice. */
    private static ObjectNode completion(ObjectNode r, Call call, String object) {
        r.put("id", "chatcmpl-stub");
        r.put("object", object);
        r.put("created", 0);
        r.put("model", call.body().path("model").asText("stub-model"));
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0);
        return choice;
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void models(HttpExchange ex) throws IOException {
        synchronized (this) {
            calls.add(new Call(ex.getRequestURI().getPath(), JSON.createObjectNode(),
                    Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization"))));
        }
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        models.forEach(m -> data.addObject().put("id", m).put("object", "model"));
        send(ex, 200, list.toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
