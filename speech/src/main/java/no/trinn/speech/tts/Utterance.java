package no.trinn.speech.tts;

import java.util.List;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;

/**
 * What a synthesizer made of one piece of text: signed 16-bit little-endian PCM in {@code format}, and the phones
 * in order, timed against that audio (consecutive, the first starting at 0, the last ending within 50 ms of the
 * audio's end). Phones may be empty only when the text had nothing to pronounce. The PCM array is copied in and
 * out, so an utterance never changes.
 *
 * @param engine the engine that made it, e.g. {@code marytts}
 * @param voice the engine's voice
 * @param phoneSet the notation of the phone symbols
 * @param format the audio format
 * @param pcm the audio
 * @param phones the timed phones
 */
public record Utterance(String engine, String voice, PhoneSet phoneSet, PcmFormat format, byte[] pcm,
        List<Phone> phones) {
    public Utterance {
        Require.nonBlank(engine, "engine");
        Require.nonBlank(voice, "voice");
        Require.nonNull(phoneSet, "phoneSet");
        Require.nonNull(format, "format");
        pcm = Require.nonNull(pcm, "pcm").clone();
        if (pcm.length % (2 * format.channels()) != 0) {
            throw new IllegalArgumentException("pcm must hold whole 16-bit frames, had " + pcm.length + " bytes");
        }
        phones = List.copyOf(Require.nonNull(phones, "phones"));
        long previousEnd = 0;
        for (Phone phone : phones) {
            if (phone.startMillis() < previousEnd) {
                throw new IllegalArgumentException("phones must not overlap: " + phone + " starts before "
                        + previousEnd + " ms");
            }
            previousEnd = phone.endMillis();
        }
    }

    /** A copy of the audio. */
    @Override
    public byte[] pcm() {
        return pcm.clone();
    }

    /** Length of the audio in milliseconds. */
    public long durationMillis() {
        return format.millisOf(pcm.length);
    }

    /** Number of bytes of audio, without copying it. */
    public int byteCount() {
        return pcm.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Utterance u && engine.equals(u.engine) && voice.equals(u.voice)
                && phoneSet == u.phoneSet && format.equals(u.format) && java.util.Arrays.equals(pcm, u.pcm)
                && phones.equals(u.phones);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(engine, voice, phoneSet, format, java.util.Arrays.hashCode(pcm), phones);
    }

    @Override
    public String toString() {
        return "Utterance[" + engine + "/" + voice + ", " + durationMillis() + " ms, " + phones.size() + " phones]";
    }
}
