package no.trinn.speech.audio;

/** How a file or memory source hands out its chunks. */
public enum Pacing {
    /** Each chunk when its audio would have been heard: a file behaves like a microphone. */
    REAL_TIME,
    /** Every chunk at once, as fast as the reader takes them: for tests and benchmarks. */
    AS_FAST_AS_POSSIBLE
}
