package no.trinn.core.frame;

import no.trinn.core.Require;

/**
 * A control frame overtakes data frames in the pipeline. An interrupt cancels generation and drops queued speech;
 * pause and stop also halt the session until resumed or for good.
 */
public sealed interface ControlFrame extends Frame {
    /** Client speech over the character: stop talking, keep only what was heard. */
    record Interrupt(long atNanos) implements ControlFrame {
    }

    /** Pause the session; {@code reason} is a short machine-readable cause such as "stop-phrase" or "command". */
    record Pause(String reason, long atNanos) implements ControlFrame {
        public Pause {
            Require.nonBlank(reason, "reason");
        }
    }

    /** Resume a paused session. */
    record Resume(long atNanos) implements ControlFrame {
    }

    /** End the session; {@code reason} as for {@link Pause}. */
    record Stop(String reason, long atNanos) implements ControlFrame {
        public Stop {
            Require.nonBlank(reason, "reason");
        }
    }
}
