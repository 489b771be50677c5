package no.trinn.speech.tts;

import java.util.ArrayList;
import java.util.List;

/** Lays phoneme symbols without times over the speech spans of their audio (see {@link EspeakSynthesizer}). */
final class PhoneEstimate {
    private PhoneEstimate() {
    }

    /**
     * Timed phones covering [0, audioMillis]: pauses where there is no speech, each clause over its own span when
     * the number of clauses and spans agree, otherwise every clause in turn over the first to the last span.
     */
    static List<Phone> lay(List<List<String>> clauses, List<long[]> spans, long audioMillis) {
        List<Phone> phones = new ArrayList<>();
        if (audioMillis == 0) {
            return phones;
        }
        if (clauses.isEmpty() || spans.isEmpty()) {
            phones.add(new Phone(Phone.PAUSE, 0, audioMillis));
            return phones;
        }
        List<long[]> regions = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        if (clauses.size() == spans.size()) {
            regions.addAll(spans);
            groups.addAll(clauses);
        } else {
            regions.add(new long[] {spans.get(0)[0], spans.get(spans.size() - 1)[1]});
            List<String> all = new ArrayList<>();
            for (List<String> clause : clauses) {
                if (!all.isEmpty()) {
                    all.add(Phone.PAUSE);
                }
                all.addAll(clause);
            }
            groups.add(all);
        }
        long cursor = 0;
        for (int r = 0; r < regions.size(); r++) {
            long start = Math.min(regions.get(r)[0], audioMillis);
            long end = Math.min(regions.get(r)[1], audioMillis);
            if (start > cursor) {
                phones.add(new Phone(Phone.PAUSE, cursor, start));
                cursor = start;
            }
            spread(groups.get(r), cursor, end, phones);
            cursor = Math.max(cursor, end);
        }
        if (cursor < audioMillis) {
            phones.add(new Phone(Phone.PAUSE, cursor, audioMillis));
        }
        return phones;
    }

    private static void spread(List<String> symbols, long start, long end, List<Phone> phones) {
        double total = 0;
        for (String symbol : symbols) {
            total += weight(symbol);
        }
        double elapsed = 0;
        long previous = start;
        for (String symbol : symbols) {
            elapsed += weight(symbol);
            long boundary = start + Math.round((end - start) * elapsed / total);
            if (boundary > previous) {
                phones.add(new Phone(symbol, previous, boundary));
                previous = boundary;
            }
        }
    }

    private static double weight(String symbol) {
        if (symbol.equals(Phone.PAUSE)) {
            return 2.0;
        }
        boolean vowel = "aeiouyAEIOUVYW@0239{&}".indexOf(symbol.charAt(0)) >= 0;
        if (!vowel) {
            return 1.0;
        }
        return symbol.endsWith(":") ? 2.5 : 2.0;
    }

    /**
     * Spans of speech in 10 ms frames: [startMillis, endMillis] pairs where the frame energy exceeds 3% of the
     * loudest frame's, joined across gaps shorter than {@code minGapMillis}.
     */
    static List<long[]> speechSpans(short[] samples, int sampleRate, long minGapMillis) {
        int frame = sampleRate / 100;
        int frames = samples.length / frame;
        double[] rms = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                sum += (double) samples[i] * samples[i];
            }
            rms[f] = Math.sqrt(sum / frame);
            loudest = Math.max(loudest, rms[f]);
        }
        List<long[]> spans = new ArrayList<>();
        if (loudest == 0) {
            return spans;
        }
        double threshold = loudest * 0.03;
        for (int f = 0; f < frames; f++) {
            if (rms[f] <= threshold) {
                continue;
            }
            long start = f * 10L;
            long end = (f + 1) * 10L;
            if (!spans.isEmpty() && start - spans.get(spans.size() - 1)[1] < minGapMillis) {
                spans.get(spans.size() - 1)[1] = end;
            } else {
                spans.add(new long[] {start, end});
            }
        }
        return spans;
    }
}
