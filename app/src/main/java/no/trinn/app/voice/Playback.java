package no.trinn.app.voice;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;

/**
 * The character's speech played on the session's one audio timeline (the duplex mode of {@link VoicePractice}):
 * the clauses of a reply are held until {@link #start} places them after the reply's latency, each chunk of the
 * client's audio is {@linkplain #mix mixed} with the samples playing at the same time, and {@link #cut} drops what
 * has not played yet and says which words were heard: the clauses played in full and, of the clause playing, the
 * share of its words nearest to the share of its audio played.
 *
 * <p>Live (the microphone-and-speaker mode of {@link VoicePractice}): each clause plays as soon as it is made, behind
 * anything still playing ({@link #live()}), the timeline is advanced by {@link #next} (what the speaker plays next),
 * and after a cut the rest of the reply being made is dropped until {@link #beginReply()}. Thread-safe: the session
 * thread adds clauses while the audio thread plays and cuts.
 */
final class Playback {
    private static final int SAMPLES_PER_MILLI = PcmFormat.INTERNAL.sampleRate() / 1000;

    /** What a cut kept: the words heard, and how many words the reply had. */
    record Heard(String text, int words, int replyWords) {
    }

    private record Clause(String text, short[] samples) {
    }

    private final List<Clause> pending = new ArrayList<>();
    private final Deque<Clause> queue = new ArrayDeque<>();
    private final StringBuilder heard = new StringBuilder();
    private int replyWords;
    private int offset;
    private long position;
    private long lastVoiced = -1;
    private final boolean live;
    private boolean newReply = true;
    private boolean muted;

    /** A playback that holds each reply until {@link #start}. */
    Playback() {
        this(false);
    }

    private Playback(boolean live) {
        this.live = live;
    }

    /** A playback that plays each clause as soon as it is made (see the class comment). */
    static Playback live() {
        return new Playback(true);
    }

    /** Starts a new reply (live): the words heard are counted afresh and clauses are no longer dropped. */
    synchronized void beginReply() {
        newReply = true;
        muted = false;
    }

    /** Holds one clause of the reply being made; live, plays it next unless the reply was cut. */
    synchronized void clause(String text, short[] samples) {
        pending.add(new Clause(Require.nonNull(text, "text"), samples.clone()));
        if (live) {
            if (muted) {
                pending.clear();
            } else {
                if (newReply && queue.isEmpty()) {
                    heard.setLength(0);
                    replyWords = 0;
                    offset = 0;
                }
                newReply = false;
                start(0);
            }
        }
    }

    /** Plays the held clauses after {@code latencyMillis} of silence, behind anything still playing. */
    synchronized void start(long latencyMillis) {
        if (pending.isEmpty()) {
            return;
        }
        if (queue.isEmpty() && !live) {
            heard.setLength(0);
            replyWords = 0;
            offset = 0;
        }
        if (latencyMillis > 0) {
            queue.add(new Clause("", new short[(int) (latencyMillis * SAMPLES_PER_MILLI)]));
        }
        for (Clause c : pending) {
            if (c.samples().length > 0) {
                queue.add(c);
            }
            replyWords += words(c.text()).size();
        }
        pending.clear();
    }

    /** Forgets the held clauses without playing them. */
    synchronized void discard() {
        pending.clear();
        muted = live;
    }

    /** Whether character audio is playing (or waiting to, after its latency). */
    synchronized boolean playing() {
        return !queue.isEmpty();
    }

    /** The client's chunk with the character's samples of the same time added; advances the timeline. */
    synchronized short[] mix(short[] client) {
        return add(client, next(client.length));
    }

    /** {@code a} plus {@code b} (as long as {@code a}), clamped. */
    static short[] add(short[] a, short[] b) {
        short[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.clamp((long) out[i] + b[i], Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return out;
    }

    /** The character's next {@code samples} samples (silence where nothing plays); advances the timeline. */
    synchronized short[] next(int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < out.length && !queue.isEmpty(); i++) {
            Clause head = queue.peek();
            short s = head.samples()[offset++];
            if (s != 0) {
                lastVoiced = position + i;
            }
            out[i] = s;
            if (offset == head.samples().length) {
                hear(head.text());
                queue.poll();
                offset = 0;
            }
        }
        position += out.length;
        return out;
    }

    /** Stops the playback here: drops the rest of the reply's audio; what of it was heard. */
    synchronized Heard cut() {
        Clause head = queue.peek();
        if (head != null && !head.text().isEmpty() && offset > 0) {
            List<String> w = words(head.text());
            int kept = (int) Math.round((double) w.size() * offset / head.samples().length);
            hear(String.join(" ", w.subList(0, kept)));
        }
        queue.clear();
        offset = 0;
        muted = live;
        String text = heard.toString().strip();
        return new Heard(text, words(text).size(), replyWords);
    }

    /** Milliseconds on the timeline where the character's audio last had sound; -1 if it never had. */
    synchronized long lastVoicedMillis() {
        return lastVoiced < 0 ? -1 : lastVoiced / SAMPLES_PER_MILLI;
    }

    /** All the samples still to play, and the rest of the reply counted as heard. */
    synchronized short[] drain() {
        long left = queue.stream().mapToLong(c -> c.samples().length).sum() - offset;
        return mix(new short[(int) left]);
    }

    private void hear(String text) {
        if (!text.isBlank()) {
            heard.append(heard.isEmpty() ? "" : " ").append(text.strip());
        }
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
