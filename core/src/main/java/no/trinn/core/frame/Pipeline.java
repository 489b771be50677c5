package no.trinn.core.frame;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An ordered chain of stages. Frames pushed at the top travel downstream stage by stage; frames leaving the last
 * stage go to the downstream sink, frames leaving the first stage upstream go to the upstream sink.
 *
 * <p>Delivery is run on the calling thread, from a queue: control frames are delivered before any queued data
 * frame, so a pause overtakes a reply still waiting to be delivered. The pipeline is not thread-safe; callers
 * serialise {@link #push} (a session does).
 */
public final class Pipeline {
    private record Pending(Frame frame, Direction direction, int stageIndex) {
    }

    private final List<Stage> stages;
    private final Consumer<Frame> downstreamSink;
    private final Consumer<Frame> upstreamSink;
    private final Deque<Pending> control = new ArrayDeque<>();
    private final Deque<Pending> data = new ArrayDeque<>();
    private boolean draining;

    /**
     * @param stages the stages, top (client side) first
     * @param downstreamSink receives frames that leave the last stage downstream
     * @param upstreamSink receives frames that leave the first stage upstream
     */
    public Pipeline(List<Stage> stages, Consumer<Frame> downstreamSink, Consumer<Frame> upstreamSink) {
        this.stages = List.copyOf(stages);
        this.downstreamSink = Objects.requireNonNull(downstreamSink, "downstreamSink");
        this.upstreamSink = Objects.requireNonNull(upstreamSink, "upstreamSink");
    }

    /** Pushes a frame in at the top, downstream, and delivers until every queue is empty. */
    public void push(Frame frame) {
        enqueue(frame, Direction.DOWNSTREAM, 0);
        drain();
    }

    /** Pushes a frame in at the bottom, upstream, and delivers until every queue is empty. */
    public void pushUpstream(Frame frame) {
        enqueue(frame, Direction.UPSTREAM, stages.size() - 1);
        drain();
    }

    private void enqueue(Frame frame, Direction direction, int stageIndex) {
        Objects.requireNonNull(frame, "frame");
        Pending pending = new Pending(frame, direction, stageIndex);
        if (frame instanceof ControlFrame) {
            control.addLast(pending);
        } else {
            data.addLast(pending);
        }
    }

    private void drain() {
        if (draining) {
            return; // a stage pushed re-entrantly: the outer loop delivers it
        }
        draining = true;
        try {
            Pending next;
            while ((next = poll()) != null) {
                deliver(next);
            }
        } finally {
            draining = false;
        }
    }

    private Pending poll() {
        Pending p = control.pollFirst();
        return p != null ? p : data.pollFirst();
    }

    private void deliver(Pending p) {
        int index = p.stageIndex();
        if (index < 0) {
            upstreamSink.accept(p.frame());
            return;
        }
        if (index >= stages.size()) {
            downstreamSink.accept(p.frame());
            return;
        }
        stages.get(index).process(p.frame(), p.direction(), (frame, direction) -> enqueue(frame, direction,
                direction == Direction.DOWNSTREAM ? index + 1 : index - 1));
    }
}
