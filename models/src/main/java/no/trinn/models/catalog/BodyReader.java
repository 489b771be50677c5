package no.trinn.models.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pulls a response body one piece at a time with a time limit per piece, so that a server that stops sending is
 * noticed. Subscribes to the publisher when made; asks for the next piece only after the previous one was taken.
 */
final class BodyReader implements Flow.Subscriber<List<ByteBuffer>> {
    private sealed interface Signal permits Piece, Failure, End {
    }

    private record Piece(List<ByteBuffer> buffers) implements Signal {
    }

    private record Failure(Throwable error) implements Signal {
    }

    private record End() implements Signal {
    }

    private final BlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile boolean cancelled;

    BodyReader(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.compareAndSet(null, s) || cancelled) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(new Piece(item));
    }

    @Override
    public void onError(Throwable error) {
        queue.add(new Failure(error));
    }

    @Override
    public void onComplete() {
        queue.add(new End());
    }

    /**
     * The next piece of the body, or empty at its end.
     *
     * @throws TimeoutException if nothing came within {@code timeout}
     * @throws IOException if the connection failed (e.g. the server closed it before the whole body was sent)
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    Optional<List<ByteBuffer>> next(Duration timeout) throws IOException, TimeoutException, InterruptedException {
        Signal signal = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return switch (signal) {
            case null -> throw new TimeoutException("no data for " + timeout.toSeconds() + " s");
            case End end -> Optional.empty();
            case Failure f -> throw f.error() instanceof IOException io ? io : new IOException(f.error());
            case Piece p -> {
                subscription.get().request(1);
                yield Optional.of(p.buffers());
            }
        };
    }

    /** Stops the body: the connection is closed and nothing more is delivered. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
    }
}
