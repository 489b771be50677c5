package no.trinn.vr.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntPredicate;
import no.trinn.vr.VrException;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.avatar.AvatarState;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.model.TestModels;
import no.trinn.vr.scene.CameraPose;
import no.trinn.vr.scene.Scene;
import no.trinn.vr.scene.SceneLibrary;
import no.trinn.vr.scene.SettingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User scene folders with glTF props and characters: loaded, and drawn where they belong (offscreen, llvmpipe). */
class ModelRenderTest extends OffscreenRendering {
    private static final int W = 640;
    private static final int H = 360;
    private static final Vec3 PROP_AT = new Vec3(0.35, 1.25, 0.6);
    private static final Avatar AVATAR = Avatar.forCharacterId("barista");
    private static final IntPredicate RED = rgb -> r(rgb) > 110 && g(rgb) < 70 && b(rgb) < 70;
    private static final IntPredicate BLUE = rgb -> b(rgb) > 110 && r(rgb) < 80 && g(rgb) < 80;

    @TempDir
    Path dir;

    /** A user cafe scene: the shipped one plus {@code extra} YAML. */
    private SceneLibrary userCafe(String extra) {
        TestModels.text(dir.resolve("cafe.yaml"), shippedCafe() + extra);
        return SceneLibrary.withUserScenes(dir);
    }

    private static String shippedCafe() {
        try (InputStream in = SceneLibrary.class.getResourceAsStream("/no/trinn/vr/scenes/cafe.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void userSceneOverridesShippedOneAndLoadsItsModels() {
        TestModels.cube(dir.resolve("props/crate.gltf"), 0.25, 1, 0, 0, 1);
        TestModels.person(dir.resolve("people/barista.glb"), 0, 0, 1, 1);
        TestModels.text(dir.resolve(SceneLibrary.CHARACTERS_FILE), "pharmacist: { model: people/barista.glb }\n");
        SceneLibrary library = userCafe("""
                props:
                  - { model: props/crate.gltf, position: [0.55, 1.35, 0.8], rotationY: 30, scale: 1 }
                characters:
                  barista: { model: people/barista.glb, scale: 1.0 }
                """);
        Scene cafe = library.scene(SettingKind.CAFE);
        assertEquals(1, cafe.props().size());
        assertEquals("crate.gltf", cafe.props().getFirst().name());
        assertTrue(library.scene(SettingKind.PHARMACY).props().isEmpty());
        assertTrue(library.characterModel(SettingKind.CAFE, "barista").isPresent());
        assertTrue(library.characterModel(SettingKind.PHARMACY, "pharmacist").isPresent(), "characters.yaml");
        assertTrue(library.characterModel(SettingKind.PHARMACY, "barista").isEmpty());
    }

    @Test
    void badModelFailsTheWholeSceneFolderNamingBothFiles() {
        TestModels.text(dir.resolve("props/broken.glb"), "not a model");
        VrException e = assertThrows(VrException.class, () -> userCafe("""
                props:
                  - { model: props/broken.glb, position: [0, 1, 0] }
                """));
        assertTrue(e.getMessage().contains("cafe.yaml: props[0].model: "), e.getMessage());
        assertTrue(e.getMessage().contains("broken.glb: not a glTF file"), e.getMessage());
        VrException missing = assertThrows(VrException.class, () -> userCafe("""
                characters:
                  barista: { model: nobody.glb }
                """));
        assertTrue(missing.getMessage().contains("nobody.glb: model file not found"), missing.getMessage());
        assertThrows(VrException.class, () -> SceneLibrary.parse("shipped.yaml", shippedCafe()
                + "props:\n  - { model: x.glb, position: [0, 0, 0] }\n"));
    }

    @Test
    void userFolderFollowsTheEnvironment() {
        assertEquals(Path.of("/s").toAbsolutePath(), SceneLibrary.userFolder(
                v -> v.equals("TRINN_SCENES") ? Optional.of("/s") : Optional.empty(), "/u"));
        assertEquals(Path.of("/h/scenes").toAbsolutePath(), SceneLibrary.userFolder(
                v -> v.equals("TRINN_HOME") ? Optional.of("/h") : Optional.empty(), "/u"));
        assertEquals(Path.of("/u/.trinn/scenes").toAbsolutePath(),
                SceneLibrary.userFolder(v -> Optional.empty(), "/u"));
    }

    @Test
    void propIsDrawnWhereItProjects() {
        FrameRenderer r = renderer();
        TestModels.cube(dir.resolve("crate.glb"), 0.25, 1, 0, 0, 1);
        Scene scene = userCafe("props:\n  - { model: crate.glb, position: [0.35, 1.25, 0.6], rotationY: 20 }\n")
                .scene(SettingKind.CAFE);
        int[] at = project(scene.camera(), PROP_AT);
        BufferedImage with = r.render(Frame.of(scene, AVATAR, AvatarState.REST, Captions.none()), W, H);
        BufferedImage without = r.render(Frame.of(SceneLibrary.shipped().scene(SettingKind.CAFE), AVATAR,
                AvatarState.REST, Captions.none()), W, H);
        assertTrue(count(with, at, 6, RED) > 120, "red prop pixels at " + at[0] + "," + at[1]);
        assertEquals(0, count(without, at, 6, RED));
    }

    @Test
    void characterModelReplacesTheAvatarAndTurnsItsHead() {
        FrameRenderer r = renderer();
        TestModels.person(dir.resolve("barista.gltf"), 0, 0, 1, 1);
        SceneLibrary library = userCafe("characters:\n  barista: { model: barista.gltf }\n");
        Scene generated = library.scene(SettingKind.CAFE);
        Scene modelled = generated.withCharacterModel(library.characterModel(SettingKind.CAFE, "barista"));
        // the forehead of the generated avatar, which the model's head box covers
        int[] head = project(generated.camera(),
                AvatarModel.headCentre(AVATAR, Vec3.ZERO).plus(new Vec3(0, 0.05, 0.09)));
        BufferedImage avatar = r.render(Frame.of(generated, AVATAR, AvatarState.REST, Captions.none()), W, H);
        BufferedImage model = r.render(Frame.of(modelled, AVATAR, AvatarState.REST, Captions.none()), W, H);
        IntPredicate skin = rgb -> near(rgb, AVATAR.skin().r(), AVATAR.skin().g(), AVATAR.skin().b());
        assertTrue(count(avatar, head, 5, skin) > 10, "the generated face is skin-coloured");
        assertEquals(0, count(model, head, 5, skin), "no face pixels once the model stands in");
        assertTrue(count(model, head, 5, BLUE) > 100, "the model's head colour");
        AvatarState turned = new AvatarState(0.5, 0, 40, 0, 0, 0, 0, AvatarState.REST.expression(),
                AvatarState.REST.mouth());
        BufferedImage gaze = r.render(Frame.of(modelled, AVATAR, turned, Captions.none()), W, H);
        int changed = 0;
        for (int y = head[1] - 40; y <= head[1] + 40; y++) {
            for (int x = head[0] - 40; x <= head[0] + 40; x++) {
                changed += model.getRGB(x, y) != gaze.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(changed > 50, "the head node turns with the gaze: " + changed);
        assertFalse(modelled.characterModel().isEmpty());
    }

    private static int[] project(CameraPose camera, Vec3 p) {
        Mat4 vp = Mat4.perspective(camera.fovDegrees(), (double) W / H, 0.05, 80)
                .times(Mat4.lookAt(camera.eye(), camera.target(), new Vec3(0, 1, 0)));
        Vec3 ndc = vp.transformPoint(p);
        return new int[] {(int) Math.round((ndc.x() + 1) / 2 * W), (int) Math.round((1 - ndc.y()) / 2 * H)};
    }

    private static int count(BufferedImage img, int[] c, int radius, IntPredicate test) {
        int n = 0;
        for (int y = c[1] - radius; y <= c[1] + radius; y++) {
            for (int x = c[0] - radius; x <= c[0] + radius; x++) {
                n += test.test(img.getRGB(x, y)) ? 1 : 0;
            }
        }
        return n;
    }

    /** Within a lit range of a colour: the hue ratios hold and the brightness is between 45% and 120%. */
    private static boolean near(int rgb, double r, double g, double b) {
        double k = (r(rgb) + g(rgb) + b(rgb)) / (255.0 * (r + g + b));
        if (k < 0.45 || k > 1.2) {
            return false;
        }
        return Math.abs(r(rgb) / 255.0 - r * k) < 0.08 && Math.abs(g(rgb) / 255.0 - g * k) < 0.08
                && Math.abs(b(rgb) / 255.0 - b * k) < 0.08;
    }

    private static int r(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static int g(int rgb) {
        return (rgb >> 8) & 0xff;
    }

    private static int b(int rgb) {
        return rgb & 0xff;
    }
}
