package no.trinn.speech.asr;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import no.trinn.models.catalog.ModelCache;
import no.trinn.speech.TestAudio;
import org.junit.jupiter.api.Assumptions;

/**
 * Vosk (grammar mode) passes the recognizer contract. Its model cannot be downloaded in CI: without it every test
 * here is skipped with the message saying how to install it.
 */
class VoskRecognizerTest extends SpeechRecognizerContract {
    @Override
    protected SpeechRecognizer create(List<String> phrases) {
        ModelCache cache = TestAudio.modelCache();
        Optional<Path> model = VoskRecognizer.locate(cache);
        Assumptions.assumeTrue(model.isPresent(), VoskRecognizer.missingMessage() + " (looked in " + cache.root()
                + ")");
        return new VoskRecognizer(model.get(), Optional.of(phrases));
    }
}
