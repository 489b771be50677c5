package no.trinn.speech.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sound.sampled.AudioSystem;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;
import no.trinn.speech.TestAudio;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesAndSinksTest {
    @TempDir
    Path dir;

    @Test
    void wavSourceHands48kStereoOutAs16kMono20msChunks() {
        short[] tone = TestAudio.sine(500, 1010, 0.4, 48_000);
        short[] stereo = new short[tone.length * 2];
        for (int i = 0; i < tone.length; i++) {
            stereo[2 * i] = tone[i];
            stereo[2 * i + 1] = tone[i];
        }
        Path file = dir.resolve("in.wav");
        Wav.write(file, new PcmFormat(48_000, 2), Pcm.bytes(stereo));
        List<byte[]> chunks = new ArrayList<>();
        try (WavFileSource source = new WavFileSource(file, 20, Pacing.AS_FAST_AS_POSSIBLE)) {
            assertEquals(PcmFormat.INTERNAL, source.format());
            for (Optional<byte[]> c; (c = source.read()).isPresent();) {
                chunks.add(c.get());
            }
            assertEquals(1010, source.millisRead());
            assertTrue(source.read().isEmpty());
        }
        assertEquals(51, chunks.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(640, chunks.get(i).length);
        }
        assertEquals(320, chunks.get(50).length);
    }

    @Test
    void realTimePacingTakesAtLeastTheLengthOfTheAudio() {
        long start = System.nanoTime();
        try (MemorySource source = new MemorySource(TestAudio.silence(300), 20, Pacing.REAL_TIME)) {
            while (source.read().isPresent()) {
                // drain
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 280, "300 ms of audio paced to real time took only " + millis + " ms");
    }

    @Test
    void closedSourceEnds() {
        MemorySource source = new MemorySource(TestAudio.silence(100), 20, Pacing.AS_FAST_AS_POSSIBLE);
        source.close();
        assertTrue(source.read().isEmpty());
    }

    @Test
    void missingWavSourceFailsNamingTheFile() {
        Path missing = dir.resolve("nobody.wav");
        SpeechException e = assertThrows(SpeechException.class,
                () -> new WavFileSource(missing, 20, Pacing.AS_FAST_AS_POSSIBLE));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void memorySinkKeepsAudioAndReportsMillisPlayedPerFlush() {
        try (MemorySink sink = new MemorySink(PcmFormat.INTERNAL)) {
            sink.write(new byte[640]);
            sink.write(new byte[640]);
            assertEquals(40, sink.flush());
            assertEquals(0, sink.flush());
            sink.write(new byte[3200]);
            assertEquals(100, sink.flush());
            assertEquals(140, sink.millis());
            assertEquals(4480, sink.bytes().length);
            assertThrows(IllegalArgumentException.class, () -> sink.write(new byte[3]));
        }
    }

    @Test
    void wavSinkWritesAValidFileAfterFlushAndClose() {
        Path file = dir.resolve("out.wav");
        PcmFormat format = new PcmFormat(48_000, 1);
        byte[] a = Pcm.bytes(TestAudio.sine(440, 100, 0.3, 48_000));
        byte[] b = Pcm.bytes(TestAudio.sine(880, 50, 0.3, 48_000));
        try (WavFileSink sink = new WavFileSink(file, format)) {
            sink.write(a);
            assertEquals(100, sink.flush());
            assertArrayEquals(a, Wav.read(file).pcm());
            sink.write(b);
        }
        WavAudio read = Wav.read(file);
        assertEquals(format, read.format());
        assertArrayEquals(TestAudio.concat(Pcm.samples(a), Pcm.samples(b)), Pcm.samples(read.pcm()));
    }

    @Test
    void wavSinkInAMissingFolderFailsNamingTheFile() {
        Path file = dir.resolve("no/such/folder/out.wav");
        SpeechException e = assertThrows(SpeechException.class, () -> new WavFileSink(file, PcmFormat.INTERNAL));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void withoutSoundDevicesMicrophoneAndSpeakerSayWhatIsMissingInOneLine() {
        Assumptions.assumeTrue(AudioSystem.getMixerInfo().length == 0, "this machine has sound devices");
        AudioDeviceException mic = assertThrows(AudioDeviceException.class, () -> JavaSoundMicrophone.open(20));
        assertTrue(mic.getMessage().startsWith("no microphone: "), mic.getMessage());
        assertTrue(mic.getMessage().contains("WAV file"), mic.getMessage());
        assertEquals(-1, mic.getMessage().indexOf('\n'));
        AudioDeviceException speaker = assertThrows(AudioDeviceException.class,
                () -> JavaSoundSpeaker.open(PcmFormat.INTERNAL));
        assertTrue(speaker.getMessage().startsWith("no speaker: "), speaker.getMessage());
        assertTrue(speaker instanceof SpeechException);
    }
}
