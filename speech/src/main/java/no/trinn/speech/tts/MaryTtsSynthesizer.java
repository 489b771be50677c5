package no.trinn.speech.tts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import marytts.LocalMaryInterface;
import marytts.datatypes.MaryData;
import marytts.datatypes.MaryDataType;
import marytts.exceptions.MaryConfigurationException;
import marytts.modules.synthesis.Voice;
import marytts.server.Request;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;
import no.trinn.speech.audio.Pcm;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Adapter: MaryTTS 5.2.1 in this JVM with its one American English voice {@value #VOICE}.
 *
 * <p>MaryTTS is loaded once per process (seconds; {@link #startupMillis()} says how long it took) and warmed
 * up with one sentence; later instances share it. Calls are serialised. Each call runs text
 * analysis to acoustic parameters, then synthesis; the synthesis writes the realised phone and pause durations into
 * the same document (what MaryTTS's {@code REALISED_DURATIONS} output reports), so the phone timings match the
 * audio exactly without a second synthesis. Rate and pitch go in as SSML prosody with signed percentages; the
 * timbre through the {@code TractScaler} and {@code F0Add} effects. MaryTTS makes 48 kHz audio; the adapter
 * resamples it to {@link PcmFormat#INTERNAL} so every synthesizer hands the pipeline the same format.
 */
public final class MaryTtsSynthesizer implements SpeechSynthesizer {
    /** The only MaryTTS voice on Maven Central. */
    public static final String VOICE = "cmu-slt-hsmm";

    private static final String ENGINE = "marytts";
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static LocalMaryInterface mary;
    private static long startupMillis;

    private volatile boolean closed;

    private MaryTtsSynthesizer() {
    }

    /** Loads MaryTTS if this process has not yet (and warms it up); throws {@link SpeechException} if it fails. */
    public static MaryTtsSynthesizer start() {
        LOCK.lock();
        try {
            if (mary == null) {
                long started = System.nanoTime();
                LocalMaryInterface loaded;
                try {
                    loaded = new LocalMaryInterface();
                } catch (MaryConfigurationException | RuntimeException e) {
                    throw new SpeechException("MaryTTS failed to start (engine marytts, voice " + VOICE + ")", e);
                }
                new MaryTtsSynthesizer().synthesize("Hello, this is a warm-up.", VoiceSettings.neutral(VOICE));
                mary = loaded;
                startupMillis = (System.nanoTime() - started) / 1_000_000;
            }
            return new MaryTtsSynthesizer();
        } finally {
            LOCK.unlock();
        }
    }

    /** Milliseconds it took this process to load and warm up MaryTTS. */
    public long startupMillis() {
        return startupMillis;
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public Set<String> voices() {
        return Set.of(VOICE);
    }

    @Override
    public PhoneSet phoneSet() {
        return PhoneSet.MARYTTS_SAMPA;
    }

    @Override
    public Utterance synthesize(String text, VoiceSettings settings) {
        SpeechSynthesizer.checkText(text);
        Require.nonNull(settings, "settings");
        if (closed) {
            throw new IllegalStateException("the MaryTTS synthesizer is closed");
        }
        if (!VOICE.equals(settings.voice())) {
            throw new SpeechException("MaryTTS has no voice '" + settings.voice() + "'; it has " + VOICE);
        }
        LOCK.lock();
        try {
            Voice voice = Voice.getVoice(VOICE);
            if (voice == null) {
                throw new SpeechException("MaryTTS voice " + VOICE + " is not loaded (is voice-cmu-slt-hsmm on the"
                        + " class path?)");
            }
            String effects = effects(settings);
            AudioFileFormat fileFormat = new AudioFileFormat(AudioFileFormat.Type.WAVE, voice.dbAudioFormat(),
                    AudioSystem.NOT_SPECIFIED);
            Document acoustic = process("SSML", "ACOUSTPARAMS", ssml(text, settings), voice, effects, fileFormat)
                    .getDocument();
            MaryData audioData = process("ACOUSTPARAMS", "AUDIO", acoustic, voice, effects, fileFormat);
            int rate = Math.round(audioData.getAudio().getFormat().getSampleRate());
            short[] samples = Pcm.toInternal(read(audioData.getAudio()), new PcmFormat(rate, 1));
            long durationMillis = (long) samples.length * 1000 / PcmFormat.INTERNAL.sampleRate();
            return new Utterance(ENGINE, VOICE, PhoneSet.MARYTTS_SAMPA, PcmFormat.INTERNAL, Pcm.bytes(samples),
                    phones(acoustic, durationMillis));
        } catch (SpeechException e) {
            throw e;
        } catch (Exception e) {
            throw new SpeechException("MaryTTS failed to synthesize (engine marytts, voice " + VOICE + ")", e);
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private static MaryData process(String from, String to, Document input, Voice voice, String effects,
            AudioFileFormat fileFormat) throws Exception {
        MaryData data = new MaryData(MaryDataType.get(from), Locale.US, false);
        data.setDocument(input);
        Request request = new Request(MaryDataType.get(from), MaryDataType.get(to), Locale.US, voice, effects, null,
                1, fileFormat);
        request.setInputData(data);
        request.process();
        return request.getOutputData();
    }

    private static String effects(VoiceSettings settings) {
        List<String> effects = new ArrayList<>();
        if (Math.abs(settings.tractScale() - 1.0) > 1e-3) {
            effects.add(String.format(Locale.ROOT, "TractScaler(amount:%.3f)", settings.tractScale()));
        }
        if (Math.abs(settings.f0AddHertz()) > 1e-3) {
            effects.add(String.format(Locale.ROOT, "F0Add(f0Add:%.1f)", settings.f0AddHertz()));
        }
        return String.join("+", effects);
    }

    private static Document ssml(String text, VoiceSettings settings)
            throws ParserConfigurationException, SAXException, IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><speak version=\"1.0\""
                + " xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"en-US\"><prosody rate=\""
                + settings.ssmlRate() + "\" pitch=\"" + settings.ssmlPitch() + "\">" + escape(text)
                + "</prosody></speak>";
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** Escapes markup and drops characters XML 1.0 cannot carry. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    escaped.appendCodePoint(allowed ? c : ' ');
                }
            }
        });
        return escaped.toString();
    }

    private static byte[] read(AudioInputStream audio) throws IOException {
        AudioFormat format = audio.getFormat();
        if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1 || format.isBigEndian()
                || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
            throw new SpeechException("MaryTTS voice " + VOICE + " produced unexpected audio " + format);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = audio.read(buffer)) >= 0) {
            bytes.write(buffer, 0, n);
        }
        byte[] pcm = bytes.toByteArray();
        return pcm.length % 2 == 0 ? pcm : java.util.Arrays.copyOf(pcm, pcm.length - 1);
    }

    /**
     * Phones and pauses in document order. Each {@code ph} carries its realised end time in seconds; a
     * {@code boundary} carries its pause in milliseconds, which follows the previous phone. Nothing may end after
     * the audio (MaryTTS pads the audio by a few milliseconds, never the other way round).
     */
    private static List<Phone> phones(Document document, long audioMillis) {
        List<Phone> phones = new ArrayList<>();
        long[] previousEnd = {0};
        walk(document.getDocumentElement(), element -> {
            String name = element.getLocalName() != null ? element.getLocalName() : element.getTagName();
            long start = previousEnd[0];
            long end;
            String symbol;
            if ("ph".equals(name) && !element.getAttribute("end").isEmpty()) {
                symbol = element.getAttribute("p");
                end = Math.round(Double.parseDouble(element.getAttribute("end")) * 1000);
            } else if ("boundary".equals(name) && !element.getAttribute("duration").isEmpty()) {
                symbol = Phone.PAUSE;
                end = start + Math.round(Double.parseDouble(element.getAttribute("duration")));
            } else {
                return;
            }
            if (end <= start || symbol.isBlank()) {
                return;
            }
            phones.add(new Phone(symbol, start, Math.min(end, audioMillis)));
            previousEnd[0] = Math.min(end, audioMillis);
        });
        while (!phones.isEmpty() && phones.get(phones.size() - 1).startMillis() >= audioMillis) {
            phones.remove(phones.size() - 1);
        }
        return phones;
    }

    private static void walk(Node node, java.util.function.Consumer<Element> visit) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                visit.accept(element);
                walk(element, visit);
            }
        }
    }
}
