package no.trinn.app.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The character's speech on the duplex timeline: latency, mixing, and what a cut keeps as heard. */
class PlaybackTest {
    private static short[] tone(int samples) {
        short[] s = new short[samples];
        Arrays.fill(s, (short) 1000);
        return s;
    }

    @Test
    void aCutMidClauseKeepsTheClausesPlayedAndTheNearestShareOfTheCurrentClausesWords() {
        Playback p = new Playback();
        p.clause("Good morning!", tone(1600));
        p.clause("What would you like to drink?", tone(6000));
        p.start(10);
        assertTrue(p.playing());
        short[] first = p.mix(new short[160]);
        assertArrayEquals(new short[160], first, "10 ms of latency first");
        p.mix(new short[1600 + 3000]);
        Playback.Heard heard = p.cut();
        assertEquals("Good morning! What would you", heard.text());
        assertEquals(5, heard.words());
        assertEquals(8, heard.replyWords());
        assertFalse(p.playing());
        assertEquals(0, p.drain().length);
    }

    @Test
    void mixingAddsToTheClientsAudioAndClampsAndDrainPlaysTheRest() {
        Playback p = new Playback();
        p.clause("Lovely.", tone(320));
        p.start(0);
        short[] client = new short[160];
        client[0] = Short.MAX_VALUE;
        client[1] = 5;
        short[] out = p.mix(client);
        assertEquals(Short.MAX_VALUE, out[0]);
        assertEquals(1005, out[1]);
        assertEquals(160, p.drain().length);
        assertEquals(19, p.lastVoicedMillis());
        assertEquals("Lovely.", p.cut().text());
    }
}
