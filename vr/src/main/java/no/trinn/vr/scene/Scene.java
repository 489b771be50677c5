package no.trinn.vr.scene;

import java.util.List;
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
 */
public record Scene(SettingKind kind, Rgb background, Rgb ambient, KeyLight keyLight, CameraPose camera,
        Vec3 characterPosition, List<Solid> solids) {
    public Scene {
        Require.nonNull(kind, "kind");
        Require.nonNull(background, "background");
        Require.nonNull(ambient, "ambient");
        Require.nonNull(keyLight, "keyLight");
        Require.nonNull(camera, "camera");
        Require.nonNull(characterPosition, "characterPosition");
        solids = List.copyOf(Require.nonNull(solids, "solids"));
    }
}
