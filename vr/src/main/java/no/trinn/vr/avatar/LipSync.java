package no.trinn.vr.avatar;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import no.trinn.core.Require;
import no.trinn.vr.Viseme;
import no.trinn.vr.VisemeCue;

/**
 * Mouth shapes from a viseme timeline with coarticulation: around each change of viseme the two neighbours are
 * cross-faded linearly over {@link #BLEND_MILLIS} (half before the change, half after; less where a cue is shorter).
 * Before the first cue and from {@code endMillis} on, the mouth is at {@link Viseme#REST}. Pure functions.
 */
public final class LipSync {
    /** The length of a cross-fade between neighbouring visemes. */
    public static final double BLEND_MILLIS = 60;

    private LipSync() {
    }

    /**
     * The weight of each viseme at {@code atMillis}; the weights sum to 1.
     *
     * @param cues the timeline, sorted by start; may be empty
     * @param endMillis when speech ends (the mouth returns to rest); at or after the last cue's start
     * @param atMillis the time, relative to the start of the audio
     */
    public static Map<Viseme, Double> weights(List<VisemeCue> cues, long endMillis, double atMillis) {
        Require.nonNull(cues, "cues");
        List<Viseme> shapes = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        shapes.add(Viseme.REST);
        starts.add(Double.NEGATIVE_INFINITY);
        long previous = Long.MIN_VALUE;
        for (VisemeCue c : cues) {
            if (c.startMillis() < previous) {
                throw new IllegalArgumentException("cues must be sorted by startMillis; " + c.startMillis()
                        + " follows " + previous);
            }
            previous = c.startMillis();
            shapes.add(c.viseme());
            starts.add((double) c.startMillis());
        }
        if (!cues.isEmpty() && endMillis < previous) {
            throw new IllegalArgumentException("endMillis " + endMillis + " lies before the last cue at " + previous);
        }
        shapes.add(Viseme.REST);
        starts.add(cues.isEmpty() ? Double.NEGATIVE_INFINITY : (double) endMillis);
        starts.add(Double.POSITIVE_INFINITY);
        int n = shapes.size();
        // half-width of the cross-fade at each boundary k (start of segment k), k = 1 .. n-1
        double[] half = new double[n];
        for (int k = 1; k < n; k++) {
            double before = starts.get(k) - starts.get(k - 1);
            double after = starts.get(k + 1) - starts.get(k);
            half[k] = Math.min(BLEND_MILLIS / 2, Math.min(before, after) / 2);
        }
        Map<Viseme, Double> w = new EnumMap<>(Viseme.class);
        for (int k = 0; k < n; k++) {
            double in = k == 0 ? 1 : rise(atMillis, starts.get(k), half[k]);
            double out = k == n - 1 ? 0 : rise(atMillis, starts.get(k + 1), half[k + 1]);
            double weight = in * (1 - out);
            if (weight > 0) {
                w.merge(shapes.get(k), weight, Double::sum);
            }
        }
        return w;
    }

    /** The blended mouth shape at {@code atMillis}; see {@link #weights(List, long, double)}. */
    public static MouthShape mouth(List<VisemeCue> cues, long endMillis, double atMillis) {
        double open = 0;
        double width = 0;
        double round = 0;
        double total = 0;
        for (Map.Entry<Viseme, Double> e : weights(cues, endMillis, atMillis).entrySet()) {
            MouthShape s = MouthShape.of(e.getKey());
            open += s.open() * e.getValue();
            width += s.width() * e.getValue();
            round += s.round() * e.getValue();
            total += e.getValue();
        }
        return new MouthShape(clamp(open / total), clamp(width / total), clamp(round / total));
    }

    /** 0 before {@code at - half}, 1 after {@code at + half}, linear between; a step when half is 0. */
    private static double rise(double t, double at, double half) {
        if (Double.isInfinite(at)) {
            return at < 0 ? 1 : 0;
        }
        if (half <= 0) {
            return t >= at ? 1 : 0;
        }
        return clamp((t - (at - half)) / (2 * half));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
