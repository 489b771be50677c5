package no.trinn.speech.tts;

import java.util.List;

/** Sentences that cover each language's sounds, for the viseme coverage tests and the benchmark. */
final class Corpus {
    static final List<String> ENGLISH = List.of(
            "Hello there, how can I help you today?",
            "I'd like a coffee with milk, please. That will be forty-two kroner.",
            "The quick brown fox jumps over the lazy dog.",
            "She sells sea shells by the sea shore; the judge measured the vision of the young thief.",
            "Could you tell me where the pharmacy is? It's just around the corner, next to the bank.",
            "Why would anybody choose yellow shoes, though? Because joy, hope and beige were out of stock!",
            "Thank you very much. Have a nice weekend, and see you on Thursday at half past three.",
            "Our boy wore a thick wool sweater; the cat purred, the bird sang, the euro fell.",
            "Would you prefer to book another appointment for June, or wait for a cancellation?");

    static final List<String> NORWEGIAN = List.of(
            "Hei, hvordan kan jeg hjelpe deg i dag?",
            "Jeg vil gjerne ha en kaffe med melk. Det blir førtito kroner.",
            "Hvor ligger apoteket? Det er like rundt hjørnet, ved siden av banken.",
            "Kjære kunde, vær så snill å vente litt. Skjønner du hva jeg mener?",
            "Tusen takk, ha en fin helg! Vi sees på torsdag klokka halv fire.",
            "Sju sjøsyke sjømenn på skipet ble pleid av sju sjuke sjukepleiere.",
            "Øl, ærlig, åpen, yr, ung, gutt, bord, kort, barn, ferdig, hjul, kjøkken.",
            "Kan du fortelle litt om deg selv og hvorfor du søker denne jobben?",
            "Høyt oppe i fjellet bor en gammel bjørn som spiser blåbær om høsten.");

    private Corpus() {
    }
}
