package no.trinn.speech.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import no.trinn.speech.PcmFormat;
import no.trinn.vr.Viseme;
import no.trinn.vr.VisemeCue;
import org.junit.jupiter.api.Test;

class VisemeMapperTest {
    @Test
    void mapsBothPhoneSets() {
        assertEquals(Optional.of(Viseme.CLOSED), VisemeMapper.viseme(PhoneSet.MARYTTS_SAMPA, "m"));
        assertEquals(Optional.of(Viseme.ROUND), VisemeMapper.viseme(PhoneSet.MARYTTS_SAMPA, "@U"));
        assertEquals(Optional.of(Viseme.SPREAD), VisemeMapper.viseme(PhoneSet.ESPEAK, "E:"));
        assertEquals(Optional.of(Viseme.ROUND), VisemeMapper.viseme(PhoneSet.ESPEAK, "u-:"));
        assertEquals(Optional.empty(), VisemeMapper.viseme(PhoneSet.ESPEAK, "qq"));
    }

    @Test
    void timelineMergesRepeatedShapesAndEndsAtRest() {
        Utterance utterance = new Utterance("test", "v", PhoneSet.MARYTTS_SAMPA, PcmFormat.INTERNAL,
                new byte[PcmFormat.INTERNAL.bytesFor(500)], List.of(new Phone("_", 0, 100), new Phone("m", 100, 150),
                        new Phone("b", 150, 200), new Phone("A", 200, 300), new Phone("qq", 300, 400),
                        new Phone("_", 400, 500)));
        assertEquals(List.of(new VisemeCue(0, Viseme.REST), new VisemeCue(100, Viseme.CLOSED),
                new VisemeCue(200, Viseme.OPEN), new VisemeCue(300, Viseme.NARROW), new VisemeCue(400, Viseme.REST)),
                VisemeMapper.timeline(utterance));
    }

    @Test
    void emptyUtteranceRests() {
        Utterance utterance = new Utterance("test", "v", PhoneSet.ESPEAK, PcmFormat.INTERNAL, new byte[0], List.of());
        assertEquals(List.of(new VisemeCue(0, Viseme.REST)), VisemeMapper.timeline(utterance));
    }
}
