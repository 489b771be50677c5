package no.trinn.vr.avatar;

import java.util.List;
import no.trinn.core.Require;
import no.trinn.scenarios.Character;
import no.trinn.vr.scene.Rgb;

/**
 * A generated character's appearance: colours, hair and proportions, chosen from a seed so that every character id
 * gets its own look and keeps it between runs.
 *
 * @param seed what the look and the animation's randomness derive from
 * @param skin skin colour
 * @param hair hair colour
 * @param hairStyle hair style
 * @param iris iris colour
 * @param top clothes colour of the upper body
 * @param trousers clothes colour of the legs
 * @param shoes shoe colour
 * @param height scale of the whole figure, 1 being 1.74 m
 * @param build width of the torso relative to an average build
 */
public record Avatar(long seed, Rgb skin, Rgb hair, HairStyle hairStyle, Rgb iris, Rgb top, Rgb trousers, Rgb shoes,
        double height, double build) {
    /** Hair styles the generator can make. */
    public enum HairStyle {
        SHORT, LONG, BUN, CROPPED
    }

    private static final List<String> SKINS = List.of("#f1d3bc", "#e8b896", "#d39e78", "#b98160", "#8d5a3b",
            "#6b4128", "#f3c9a8", "#c68e6a");
    private static final List<String> HAIRS = List.of("#2b1d14", "#4a3020", "#6e4a2c", "#a0763f", "#d6b36c",
            "#1c1c1c", "#8a8a88", "#7a3320");
    private static final List<String> IRISES = List.of("#4a6b8a", "#5b4332", "#3f6b4a", "#6b5a3a", "#2f3f5f");
    private static final List<String> TOPS = List.of("#3d6e8f", "#8f3d4f", "#4f7f5a", "#c08a3e", "#5a5f8f",
            "#2f4f4f", "#b85c38", "#6f6f6f", "#e8e6e0", "#7d5a8f");
    private static final List<String> TROUSERS = List.of("#2c3440", "#3b3b3b", "#4a4035", "#2f3b52", "#5b5b60");
    private static final List<String> SHOES = List.of("#1f1f1f", "#4a3222", "#2a2a35");

    public Avatar {
        Require.nonNull(skin, "skin");
        Require.nonNull(hair, "hair");
        Require.nonNull(hairStyle, "hairStyle");
        Require.nonNull(iris, "iris");
        Require.nonNull(top, "top");
        Require.nonNull(trousers, "trousers");
        Require.nonNull(shoes, "shoes");
        Require.inRange(height, 0.8, 1.2, "height");
        Require.inRange(build, 0.8, 1.3, "build");
    }

    /** The look generated from {@code seed}. */
    public static Avatar fromSeed(long seed) {
        return new Avatar(seed, pick(SKINS, seed, 11), pick(HAIRS, seed, 12),
                HairStyle.values()[(int) (Seeds.unit(seed, 13) * HairStyle.values().length)], pick(IRISES, seed, 14),
                pick(TOPS, seed, 15), pick(TROUSERS, seed, 16), pick(SHOES, seed, 17),
                0.94 + Seeds.unit(seed, 18) * 0.1, 0.9 + Seeds.unit(seed, 19) * 0.25);
    }

    /** The look of the character with {@code id}; the same id always gets the same look. */
    public static Avatar forCharacterId(String id) {
        return fromSeed(Seeds.of(Require.nonBlank(id, "id")));
    }

    /** The look of {@code character}, from its id. */
    public static Avatar forCharacter(Character character) {
        return forCharacterId(Require.nonNull(character, "character").id());
    }

    private static Rgb pick(List<String> palette, long seed, long salt) {
        return Rgb.hex(palette.get((int) (Seeds.unit(seed, salt) * palette.size())));
    }
}
