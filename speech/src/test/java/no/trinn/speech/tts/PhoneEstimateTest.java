package no.trinn.speech.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneEstimateTest {
    @Test
    void estimatedPhonesCoverTheAudioWithPausesAroundSpeech() {
        List<Phone> phones = PhoneEstimate.lay(List.of(List.of("h", "@", "l", "oU"), List.of("D", "e@")),
                List.of(new long[] {100, 500}, new long[] {700, 900}), 1000);
        assertEquals(new Phone("_", 0, 100), phones.get(0));
        assertEquals(new Phone("_", 900, 1000), phones.get(phones.size() - 1));
        assertTrue(phones.contains(new Phone("_", 500, 700)), phones.toString());
        long previous = 0;
        for (Phone phone : phones) {
            assertEquals(previous, phone.startMillis());
            previous = phone.endMillis();
        }
        assertEquals(List.of(new Phone("_", 0, 300)), PhoneEstimate.lay(List.of(), List.of(), 300));
    }
}
