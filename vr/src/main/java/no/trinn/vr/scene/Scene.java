package no.trinn.vr.scene;

import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.math.Vec3;

/**
 * A place to practise in, as data: background, lighting, the client's default camera, where the character stands and
 * the generated solids (layout and props). Read from a scene file by {@link SceneLibrary}.
 *
 * @param kind the setting kind
 * @param background the colour behind everything (sky or far wall)
 * @param ambient the ambient light colour
 * @param keyLight the one directional light
 * @param camera the client's default eye: eye height, facing the character
 * @param characterPosition where the character's feet are; it faces +z
 * @param solids layout (floor, walls, counters) and props, drawn in order
 * @param props user-supplied models (glTF), drawn after the solids
 * @param characterModel when present, drawn at {@code characterPosition} instead of the generated avatar
 */
public record Scene(SettingKind kind, Rgb background, Rgb ambient, KeyLight keyLight, CameraPose camera,
        Vec3 characterPosition, List<Solid> solids, List<Prop> props, Optional<CharacterModel> characterModel) {
    public Scene {
        Require.nonNull(kind, "kind");
        Require.nonNull(background, "background");
        Require.nonNull(ambient, "ambient");
        Require.nonNull(keyLight, "keyLight");
        Require.nonNull(camera, "camera");
        Require.nonNull(characterPosition, "characterPosition");
        solids = List.copyOf(Require.nonNull(solids, "solids"));
        props = List.copyOf(Require.nonNull(props, "props"));
        Require.nonNull(characterModel, "characterModel");
    }

    /** A scene of generated solids only. */
    public Scene(SettingKind kind, Rgb background, Rgb ambient, KeyLight keyLight, CameraPose camera,
            Vec3 characterPosition, List<Solid> solids) {
        this(kind, background, ambient, keyLight, camera, characterPosition, solids, List.of(), Optional.empty());
    }

    /** This scene with {@code model} drawn instead of the generated avatar (or the avatar again when empty). */
    public Scene withCharacterModel(Optional<CharacterModel> model) {
        return new Scene(kind, background, ambient, keyLight, camera, characterPosition, solids, props, model);
    }
}
