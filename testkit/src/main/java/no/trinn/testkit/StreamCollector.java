package no.trinn.testkit;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A streaming chat call in progress, for assertions: the partial responses so far, the threads they arrived on, and
 * the complete response (or error) to come. Thread-safe.
 */
public final class StreamCollector implements StreamingChatResponseHandler {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<String> pieces = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    /** Starts {@code request} on {@code model}, collecting into a new collector. */
    public static StreamCollector start(StreamingChatModel model, ChatRequest request) {
        StreamCollector c = new StreamCollector();
        model.chat(request, c);
        return c;
    }

    // models call either form; LangChain4j's default of the other form delegates to this one
    @Override
    public synchronized void onPartialResponse(String partial) {
        pieces.add(partial);
        threads.add(Thread.currentThread());
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    /** The partial responses so far, in order. */
    public synchronized List<String> pieces() {
        return List.copyOf(pieces);
    }

    /** The threads each partial response arrived on, in order. */
    public synchronized List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** The complete response, waiting up to a minute; throws what the model reported through onError. */
    public ChatResponse response() throws InterruptedException, ExecutionException, TimeoutException {
        return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The error the model reported, waiting up to a minute; an AssertionError if it completed instead. */
    public Throwable error() throws InterruptedException, TimeoutException {
        try {
            ChatResponse r = done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected an error, got a response: " + r.aiMessage().text());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Whether the call has completed or failed. */
    public boolean isDone() {
        return done.isDone();
    }

    /** Waits until at least {@code n} pieces have arrived; an AssertionError after a minute. */
    public void awaitPieces(int n) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (pieces().size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("got " + pieces() + ", expected " + n + " pieces");
            }
            Thread.sleep(5);
        }
    }
}
