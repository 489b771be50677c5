package no.trinn.speech.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import no.trinn.models.catalog.ModelCache;
import no.trinn.speech.SpeechException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the Vosk model in the cache, which works without the model. */
class VoskModelLookupTest {
    @Test
    void missingModelSaysHowToInstallIt(@TempDir Path dir) {
        SpeechException e = assertThrows(SpeechException.class,
                () -> VoskRecognizer.open(new ModelCache(dir), Optional.empty()));
        assertEquals("speech recognition model vosk-small-en-us is not installed; run trinn models pull "
                + "vosk-small-en-us", e.getMessage());
        assertEquals(Optional.empty(), VoskRecognizer.locate(new ModelCache(dir)));
    }

    @Test
    void aFolderThatHoldsNoModelFailsNamingIt(@TempDir Path dir) {
        SpeechException e = assertThrows(SpeechException.class,
                () -> new VoskRecognizer(dir, Optional.of(List.of("yes", "no"))));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        SpeechException missing = assertThrows(SpeechException.class,
                () -> new VoskRecognizer(dir.resolve("nothing"), Optional.empty()));
        assertTrue(missing.getMessage().contains("nothing"), missing.getMessage());
    }

    @Test
    void grammarIsAJsonListWithTheUnknownWord() {
        assertEquals("[\"hello\",\"i don't know\",\"[unk]\"]",
                VoskRecognizer.grammarJson(List.of("hello", "i don't know")));
    }
}
