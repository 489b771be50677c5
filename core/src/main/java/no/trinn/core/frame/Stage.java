package no.trinn.core.frame;

/**
 * One step of a pipeline. A stage handles the frames it knows and passes every other frame on, in the direction it
 * came, through the {@link Emitter}.
 */
@FunctionalInterface
public interface Stage {
    /** Handles one frame; anything to pass on goes through {@code out}. */
    void process(Frame frame, Direction direction, Emitter out);

    /** Where a stage sends frames. */
    @FunctionalInterface
    interface Emitter {
        /** Sends {@code frame} on in {@code direction}. */
        void emit(Frame frame, Direction direction);
    }

    /** A stage that passes everything on unchanged. */
    static Stage passThrough() {
        return (frame, direction, out) -> out.emit(frame, direction);
    }
}
