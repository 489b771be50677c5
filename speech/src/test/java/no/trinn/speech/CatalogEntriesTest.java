package no.trinn.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.trinn.models.catalog.ModelCatalog;
import no.trinn.models.catalog.ModelEntry;
import no.trinn.models.catalog.ModelFile;
import no.trinn.models.catalog.ModelKind;
import no.trinn.speech.asr.VoskRecognizer;
import no.trinn.speech.vad.SileroVad;
import org.junit.jupiter.api.Test;

/** The speech adapters name models the shipped catalog knows, and the fetch script agrees with the catalog. */
class CatalogEntriesTest {
    @Test
    void sileroEntryMatchesTheAdapterAndTheFetchScript() throws IOException {
        ModelEntry entry = ModelCatalog.shipped().require(SileroVad.MODEL_ID);
        assertEquals(ModelKind.VOICE_ACTIVITY, entry.kind());
        ModelFile file = entry.files().get(0);
        assertEquals(SileroVad.FILE, file.name());
        String sha = file.memberChecksum().orElseThrow().sha256();
        long size = file.memberChecksum().orElseThrow().size();
        Path script = Path.of("..", "bin", "fetch-vad-model.sh");
        String text = Files.readString(script);
        assertTrue(text.contains("sha256=" + sha), script + " must check the catalog's SHA-256 " + sha);
        assertTrue(text.contains("size=" + size), script + " must record the catalog's size " + size);
        assertTrue(text.contains("member=" + file.member().orElseThrow()), script + " must take the catalog's member");
        assertTrue(text.contains("name=" + file.name()), script + " must install the catalog's file name");
    }

    @Test
    void voskEntryIsASpeechRecognizerUnpackedIntoTheAdaptersFolder() {
        ModelEntry entry = ModelCatalog.shipped().require(VoskRecognizer.MODEL_ID);
        assertEquals(ModelKind.SPEECH_RECOGNITION, entry.kind());
        assertEquals(VoskRecognizer.FOLDER, entry.files().get(0).name());
        assertTrue(entry.files().get(0).unpacked());
    }
}
