package no.trinn.speech.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import no.trinn.speech.TestAudio;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    @Test
    void keepsToneFrequencyAmplitudeAndLength() {
        int[][] pairs = {{48_000, 16_000}, {44_100, 16_000}, {22_050, 16_000}, {8_000, 16_000}, {16_000, 48_000}};
        for (int[] pair : pairs) {
            short[] tone = TestAudio.sine(700, 1000, 0.5, pair[0]);
            short[] out = whole(new Resampler(pair[0], pair[1]), tone);
            assertEquals(pair[1], out.length, 2, pair[0] + " -> " + pair[1]);
            assertEquals(700, WavTest.zeroCrossingHz(out, pair[1]), 5, pair[0] + " -> " + pair[1]);
            assertEquals(0.5 / Math.sqrt(2), TestAudio.rms(out, pair[1] / 10, pair[1] * 9 / 10), 0.01,
                    pair[0] + " -> " + pair[1]);
        }
    }

    @Test
    void removesToneAboveTheNewNyquistFrequencyInsteadOfAliasingIt() {
        short[] tone = TestAudio.sine(11_000, 1000, 0.5, 48_000);
        short[] out = whole(new Resampler(48_000, 16_000), tone);
        double rms = TestAudio.rms(out, 1600, 14_400);
        assertTrue(rms < 0.01, "an 11 kHz tone should be filtered out at 16 kHz, RMS was " + rms);
    }

    @Test
    void chunkedStreamEqualsWholeConversion() {
        short[] noise = TestAudio.noise(500, 0.2, 7);
        short[] expected = whole(new Resampler(16_000, 44_100), noise);
        Resampler r = new Resampler(16_000, 44_100);
        short[] got = new short[0];
        for (int i = 0; i < noise.length; i += 317) {
            got = TestAudio.concat(got, r.process(java.util.Arrays.copyOfRange(noise, i,
                    Math.min(noise.length, i + 317))));
        }
        got = TestAudio.concat(got, r.flush());
        assertArrayEquals(expected, got);
    }

    private static short[] whole(Resampler r, short[] in) {
        return TestAudio.concat(r.process(in), r.flush());
    }
}
