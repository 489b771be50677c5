package no.trinn.speech.tts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.Viseme;
import no.trinn.vr.VisemeCue;

/**
 * Maps the phones of an utterance to the avatar's mouth shapes. Each {@link PhoneSet} has an explicit table of the
 * symbols its engine emits; {@link #viseme} answers empty for a symbol outside the table (the contract tests check
 * that a corpus of both engines' output has none), and {@link #timeline} shows such a phone as
 * {@link Viseme#NARROW}, the shape of most consonants.
 */
public final class VisemeMapper {
    private static final Map<String, Viseme> MARYTTS = table(
            Viseme.REST, "_",
            Viseme.CLOSED, "p b m",
            Viseme.LIP_TEETH, "f v",
            Viseme.TONGUE_TEETH, "T D",
            Viseme.NARROW, "t d n l s z S Z tS dZ k g N h r r= ?",
            Viseme.OPEN, "A { V AI aI aU @",
            Viseme.SPREAD, "i I E EI j",
            Viseme.ROUND, "w O OI u U @U");
    private static final Map<String, Viseme> ESPEAK = table(
            Viseme.REST, "_",
            Viseme.CLOSED, "p b m",
            Viseme.LIP_TEETH, "f v",
            Viseme.TONGUE_TEETH, "T D",
            Viseme.NARROW, "t d n l s z S Z tS dZ k g N h r r- R x C c J n^ l^ rn rt rd rs rl ?",
            Viseme.OPEN, "a a# aa A A@ aI aU AI @ 3 V & {",
            Viseme.SPREAD, "e E I I2 i i@ i@3 e@ eI EI j",
            Viseme.ROUND, "0 O O@ OI o o@ oU u U U@ u- w W y Y Yy 2 9 } Oy OY");

    private VisemeMapper() {
    }

    /** The mouth shape of {@code symbol} in {@code phoneSet}, or empty if the table does not know the symbol. */
    public static Optional<Viseme> viseme(PhoneSet phoneSet, String symbol) {
        Require.nonNull(phoneSet, "phoneSet");
        Require.nonNull(symbol, "symbol");
        if (phoneSet == PhoneSet.MARYTTS_SAMPA) {
            return Optional.ofNullable(MARYTTS.get(symbol));
        }
        String plain = symbol.endsWith(":") && symbol.length() > 1 ? symbol.substring(0, symbol.length() - 1)
                : symbol;
        return Optional.ofNullable(ESPEAK.get(plain));
    }

    /**
     * The viseme timeline of an utterance: one cue where the mouth shape changes (consecutive phones of the same
     * shape give one cue), starting at 0, and a final {@link Viseme#REST} cue where the last phone ends. Empty
     * phones give a single rest cue at 0.
     */
    public static List<VisemeCue> timeline(Utterance utterance) {
        Require.nonNull(utterance, "utterance");
        List<VisemeCue> cues = new ArrayList<>();
        Viseme current = null;
        long end = 0;
        for (Phone phone : utterance.phones()) {
            Viseme shape = viseme(utterance.phoneSet(), phone.symbol()).orElse(Viseme.NARROW);
            if (shape != current) {
                cues.add(new VisemeCue(cues.isEmpty() ? 0 : phone.startMillis(), shape));
                current = shape;
            }
            end = phone.endMillis();
        }
        if (current != Viseme.REST) {
            cues.add(new VisemeCue(end, Viseme.REST));
        }
        return List.copyOf(cues);
    }

    private static Map<String, Viseme> table(Object... shapesAndSymbols) {
        Map<String, Viseme> table = new HashMap<>();
        for (int i = 0; i < shapesAndSymbols.length; i += 2) {
            Viseme shape = (Viseme) shapesAndSymbols[i];
            for (String symbol : ((String) shapesAndSymbols[i + 1]).split(" ")) {
                if (table.put(symbol, shape) != null) {
                    throw new IllegalStateException("viseme table lists " + symbol + " twice");
                }
            }
        }
        return Map.copyOf(table);
    }
}
