package no.trinn.speech.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark program: prints, for MaryTTS ({@value MaryTtsSynthesizer#VOICE}) and espeak-ng ({@code en},
 * {@code nb}), the time to first audio of a reply's first clause (the call that synthesizes the first clause the
 * {@link ClauseChunker} gives, p50 and p95 over several replies) and the real-time factor (synthesis time divided
 * by audio duration over whole replies), plus MaryTTS's load-and-warm-up time in this JVM. Run it in a fresh JVM;
 * the optional argument is the number of rounds (default 3). It prints figures and asserts nothing.
 */
public final class SynthesisBench {
    private static final List<String> ENGLISH = List.of(
            "Hi there, welcome in. What can I get for you today?",
            "Sure, a medium coffee with milk. That will be forty-two kroner, please.",
            "The pharmacy is just around the corner. Turn left at the bank, and it is on your right.",
            "Thanks for coming in. Could you tell me a little about yourself, and why you applied for this job?");
    private static final List<String> NORWEGIAN = List.of(
            "Hei, velkommen inn. Hva kan jeg hjelpe deg med i dag?",
            "En kaffe med melk, ja. Det blir førtito kroner, takk.",
            "Apoteket ligger like rundt hjørnet. Ta til venstre ved banken, så er det på høyre side.",
            "Takk for at du kom. Kan du fortelle litt om deg selv, og hvorfor du søkte denne jobben?");

    private SynthesisBench() {
    }

    /** Runs the benchmark; {@code args[0]}, if given, is the number of rounds. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.printf(Locale.ROOT, "synthesis bench: %d cores, Java %s, %d rounds%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), rounds);
        long started = System.nanoTime();
        try (MaryTtsSynthesizer mary = MaryTtsSynthesizer.start()) {
            System.out.printf(Locale.ROOT, "marytts: load and warm-up %d ms (start() returned after %d ms)%n",
                    mary.startupMillis(), (System.nanoTime() - started) / 1_000_000);
            measure(mary, VoiceSettings.neutral(MaryTtsSynthesizer.VOICE), ENGLISH, rounds);
        }
        try (EspeakSynthesizer espeak = EspeakSynthesizer.start()) {
            measure(espeak, VoiceSettings.neutral("en"), ENGLISH, rounds);
            measure(espeak, VoiceSettings.neutral("nb"), NORWEGIAN, rounds);
        }
    }

    private static void measure(SpeechSynthesizer synthesizer, VoiceSettings voice, List<String> replies,
            int rounds) {
        synthesizer.synthesize(replies.get(0), voice);
        List<Double> firstClause = new ArrayList<>();
        long synthesisNanos = 0;
        long audioMillis = 0;
        for (int round = 0; round < rounds; round++) {
            for (String reply : replies) {
                String clause = ClauseChunker.split(reply).get(0);
                long t0 = System.nanoTime();
                synthesizer.synthesize(clause, voice);
                firstClause.add((System.nanoTime() - t0) / 1e6);
                long t1 = System.nanoTime();
                Utterance whole = synthesizer.synthesize(reply, voice);
                synthesisNanos += System.nanoTime() - t1;
                audioMillis += whole.durationMillis();
            }
        }
        firstClause.sort(null);
        System.out.printf(Locale.ROOT,
                "%s/%s: first clause to first audio p50 %.0f ms, p95 %.0f ms (n=%d); real-time factor %.3f"
                        + " (%.1f s of audio in %.1f s)%n",
                synthesizer.engine(), voice.voice(), percentile(firstClause, 50), percentile(firstClause, 95),
                firstClause.size(), synthesisNanos / 1e6 / audioMillis, audioMillis / 1000.0, synthesisNanos / 1e9);
    }

    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
