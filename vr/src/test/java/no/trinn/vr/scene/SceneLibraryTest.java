package no.trinn.vr.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.vr.VrException;
import org.junit.jupiter.api.Test;

class SceneLibraryTest {
    private static final SceneLibrary LIBRARY = SceneLibrary.shipped();

    @Test
    void everyKindHasAScene() {
        for (SettingKind kind : SettingKind.values()) {
            Scene scene = LIBRARY.scene(kind);
            assertEquals(kind, scene.kind());
            assertTrue(scene.solids().size() >= 5, kind + " has too few solids");
            assertTrue(scene.camera().eye().z() > scene.characterPosition().z(), kind + ": camera faces the character");
        }
    }

    @Test
    void everyShippedScenarioIsMappedByIdAndTheKindsAreAllUsed() {
        Set<SettingKind> used = EnumSet.noneOf(SettingKind.class);
        for (Scenario s : ScenarioLibrary.shipped().all()) {
            assertTrue(LIBRARY.mappedScenarioIds().contains(s.id()), s.id() + " is not in settings.yaml");
            used.add(LIBRARY.sceneFor(s).kind());
        }
        assertEquals(EnumSet.allOf(SettingKind.class), used);
        assertEquals(SettingKind.PHARMACY, LIBRARY.kindFor("pharmacy-pickup", "anything"));
        assertEquals(SettingKind.OFFICE_DESK, LIBRARY.kindFor("welfare-office-meeting", ""));
    }

    @Test
    void unknownScenariosFallBackOnKeywordsInTheSettingThenTheDefault() {
        assertEquals(SettingKind.PHARMACY, LIBRARY.kindFor("new-one", "Et apotek i sentrum."));
        assertEquals(SettingKind.CAFE, LIBRARY.kindFor("new-one", "A busy café at noon."));
        assertEquals(SettingKind.OFFICE_DESK, LIBRARY.kindFor("new-one", "A job interview in an office."));
        assertEquals(SettingKind.SHOP_COUNTER, LIBRARY.kindFor("new-one", "The post office counter."));
        assertEquals(SettingKind.HOME_DOOR, LIBRARY.kindFor("new-one", "Your neighbour knocks on your door."));
        // a keyword only counts at the start of a word: "until" does not contain the word "till"
        assertEquals(SettingKind.STREET, LIBRARY.kindFor("new-one", "Wait until noon on a quiet square."));
        assertEquals(SettingKind.STREET, LIBRARY.kindFor("new-one", "Somewhere."));
    }

    @Test
    void parseErrorsNameTheFileAndField() {
        String good = """
                kind: cafe
                background: "#ffffff"
                ambient: "#404040"
                key-light: { direction: [0, -1, 0], colour: "#ffffff" }
                camera: { eye-height: 1.6, distance: 1.5, fov: 45 }
                character: [0, 0, 0]
                solids:
                  - { name: floor, shape: box, at: [0, 0, 0], size: [1, 1, 1], colour: "#808080" }
                """;
        Scene scene = SceneLibrary.parse("test.yaml", good);
        assertEquals(1, scene.solids().size());
        assertEquals(1.6, scene.camera().eye().y(), 1e-9);

        VrException colour = assertThrows(VrException.class,
                () -> SceneLibrary.parse("bad.yaml", good.replace("\"#808080\"", "grey")));
        assertTrue(colour.getMessage().startsWith("bad.yaml: solids[0].colour:"), colour.getMessage());
        VrException unknown = assertThrows(VrException.class,
                () -> SceneLibrary.parse("bad.yaml", good.replace("fov: 45", "fov: 45, zoom: 2")));
        assertTrue(unknown.getMessage().contains("camera.zoom: unknown field"), unknown.getMessage());
        VrException kind = assertThrows(VrException.class,
                () -> SceneLibrary.parse("bad.yaml", good.replace("kind: cafe", "kind: moon")));
        assertTrue(kind.getMessage().contains("kind: unknown setting kind \"moon\""), kind.getMessage());
        VrException size = assertThrows(VrException.class,
                () -> SceneLibrary.parse("bad.yaml", good.replace("size: [1, 1, 1]", "size: [1, 0, 1]")));
        assertTrue(size.getMessage().contains("bad.yaml: solids[0]") && size.getMessage().contains("floor"),
                size.getMessage());
    }

    @Test
    void scenesDifferFromEachOther() {
        for (SettingKind a : SettingKind.values()) {
            for (SettingKind b : SettingKind.values()) {
                if (a != b) {
                    assertNotEquals(LIBRARY.scene(a).solids(), LIBRARY.scene(b).solids());
                }
            }
        }
    }
}
