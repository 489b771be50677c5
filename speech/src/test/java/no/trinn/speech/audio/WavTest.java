package no.trinn.speech.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;
import no.trinn.speech.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackMonoAndStereoAtAnyRate() {
        for (PcmFormat format : new PcmFormat[] {new PcmFormat(8_000, 1), new PcmFormat(22_050, 1),
                new PcmFormat(44_100, 2), new PcmFormat(48_000, 2)}) {
            byte[] pcm = Pcm.bytes(TestAudio.sine(440, 250, 0.5, format.sampleRate() * format.channels()));
            Path file = dir.resolve("tone-" + format.sampleRate() + "-" + format.channels() + ".wav");
            Wav.write(file, format, pcm);
            WavAudio read = Wav.read(file);
            assertEquals(format, read.format());
            assertArrayEquals(pcm, read.pcm());
        }
    }

    @Test
    void stereo44kFileBecomes16kMonoWithTheSameToneAndLength() {
        short[] left = TestAudio.sine(1000, 1000, 0.5, 44_100);
        short[] stereo = new short[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            stereo[2 * i] = left[i];
            stereo[2 * i + 1] = left[i];
        }
        Path file = dir.resolve("stereo.wav");
        Wav.write(file, new PcmFormat(44_100, 2), Pcm.bytes(stereo));
        short[] internal = Wav.read(file).internalSamples();
        assertEquals(16_000, internal.length, 2);
        assertEquals(1000, zeroCrossingHz(internal, 16_000), 5);
        assertEquals(0.5 / Math.sqrt(2), TestAudio.rms(internal, 1000, 15_000), 0.01);
    }

    @Test
    void skipsUnknownChunksWithPadBytesAndReadsExtensibleFormat() throws IOException {
        byte[] pcm = Pcm.bytes(TestAudio.sine(300, 100, 0.3));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 'x'})); // odd size: a pad byte follows
        ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 0xFFFE).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(4).putShort((short) 1)
                .put(new byte[14]);
        body.write(chunk("fmt ", fmt.array()));
        body.write(chunk("fact", new byte[] {0, 0, 0, 0}));
        body.write(chunk("data", pcm));
        Path file = dir.resolve("extensible.wav");
        Files.write(file, riff(body.toByteArray()));
        WavAudio read = Wav.read(file);
        assertEquals(PcmFormat.INTERNAL, read.format());
        assertArrayEquals(pcm, read.pcm());
    }

    @Test
    void dataOfUnknownLengthIsReadToTheEnd() throws IOException {
        byte[] pcm = Pcm.bytes(TestAudio.sine(300, 100, 0.3));
        for (int declared : new int[] {0, 0xFFFFFFFF}) {
            byte[] bytes = wavBytes(PcmFormat.INTERNAL, pcm);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, declared);
            Path file = dir.resolve("streamed.wav");
            Files.write(file, bytes);
            assertArrayEquals(pcm, Wav.read(file).pcm());
        }
    }

    @Test
    void truncatedFilesFailNamingTheFile() throws IOException {
        byte[] whole = wavBytes(PcmFormat.INTERNAL, Pcm.bytes(TestAudio.sine(300, 100, 0.3)));
        for (int length : new int[] {0, 10, 30, 44 + 1000}) {
            Path file = dir.resolve("cut-" + length + ".wav");
            Files.write(file, Arrays.copyOf(whole, length));
            SpeechException e = assertThrows(SpeechException.class, () -> Wav.read(file));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void otherFilesAndFormatsFailNamingTheFile() throws IOException {
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "these are not the samples you are looking for");
        SpeechException e = assertThrows(SpeechException.class, () -> Wav.read(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a WAV file"),
                e.getMessage());

        byte[] eightBit = wavBytes(PcmFormat.INTERNAL, new byte[100]);
        ByteBuffer.wrap(eightBit).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 8);
        Path file = dir.resolve("eight-bit.wav");
        Files.write(file, eightBit);
        e = assertThrows(SpeechException.class, () -> Wav.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("8-bit"), e.getMessage());

        Path missing = dir.resolve("missing.wav");
        e = assertThrows(SpeechException.class, () -> Wav.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    static int zeroCrossingHz(short[] s, int rate) {
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                crossings++;
            }
        }
        return (int) Math.round(crossings / 2.0 * rate / s.length);
    }

    private static byte[] wavBytes(PcmFormat format, byte[] pcm) {
        byte[] out = new byte[44 + pcm.length];
        System.arraycopy(Wav.header(format, pcm.length), 0, out, 0, 44);
        System.arraycopy(pcm, 0, out, 44, pcm.length);
        return out;
    }

    private static byte[] chunk(String id, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] riff(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4 + body.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(body);
        return b.array();
    }
}
