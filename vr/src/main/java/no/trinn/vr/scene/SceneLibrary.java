package no.trinn.vr.scene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;
import no.trinn.vr.VrException;
import no.trinn.vr.math.Vec3;

/**
 * The shipped scenes, one per {@link SettingKind}, and the table that picks a scene for a scenario: first by the
 * scenario's id ({@code scenes/settings.yaml}, {@code scenarios:}), then by the first keyword group with a word that starts
 * a word of the scenario's setting text, then the table's default. Immutable and thread-safe once built.
 */
public final class SceneLibrary {
    private static final String FOLDER = "/no/trinn/vr/scenes/";
    /** Where the character's face is, above its feet, when the camera looks at it. */
    private static final double LOOK_AT_HEIGHT = 1.45;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<SettingKind, Scene> scenes;
    private final Map<String, SettingKind> byScenario;
    private final List<Map.Entry<SettingKind, List<String>>> keywords;
    private final SettingKind fallback;

    private SceneLibrary(Map<SettingKind, Scene> scenes, Map<String, SettingKind> byScenario,
            List<Map.Entry<SettingKind, List<String>>> keywords, SettingKind fallback) {
        this.scenes = scenes;
        this.byScenario = byScenario;
        this.keywords = keywords;
        this.fallback = fallback;
    }

    /** Reads every shipped scene and the settings table; throws a {@link VrException} naming file and field. */
    public static SceneLibrary shipped() {
        Map<SettingKind, Scene> scenes = new EnumMap<>(SettingKind.class);
        for (SettingKind kind : SettingKind.values()) {
            String name = kind.id() + ".yaml";
            Scene scene = parse(name, resource(name));
            if (scene.kind() != kind) {
                throw new VrException(name + ": kind: must be " + kind.id() + ", was " + scene.kind().id());
            }
            scenes.put(kind, scene);
        }
        String name = "settings.yaml";
        JsonNode root = tree(name, resource(name));
        Fields top = new Fields(name, "", root, Set.of("default", "scenarios", "keywords"));
        SettingKind fallback = top.kind("default");
        Map<String, SettingKind> byScenario = new LinkedHashMap<>();
        JsonNode table = top.require("scenarios");
        if (!table.isObject()) {
            throw new VrException(name + ": scenarios: must be a map from scenario id to setting kind");
        }
        for (Map.Entry<String, JsonNode> e : table.properties()) {
            byScenario.put(e.getKey(), new Fields(name, "scenarios", table, Set.of()).kindOf(e.getKey(), e.getValue()));
        }
        List<Map.Entry<SettingKind, List<String>>> keywords = new ArrayList<>();
        int i = 0;
        for (JsonNode group : top.list("keywords")) {
            Fields f = new Fields(name, "keywords[" + i++ + "]", group, Set.of("kind", "words"));
            List<String> words = new ArrayList<>();
            for (JsonNode w : f.list("words")) {
                words.add(w.asText().toLowerCase(Locale.ROOT));
            }
            keywords.add(Map.entry(f.kind("kind"), List.copyOf(words)));
        }
        return new SceneLibrary(Map.copyOf(scenes), Map.copyOf(byScenario), List.copyOf(keywords), fallback);
    }

    /** The scene of {@code kind}. */
    public Scene scene(SettingKind kind) {
        return scenes.get(Require.nonNull(kind, "kind"));
    }

    /** The scene for {@code scenario}: see {@link #kindFor(String, String)}. */
    public Scene sceneFor(Scenario scenario) {
        return scene(kindFor(scenario.id(), scenario.setting()));
    }

    /** The setting kind for a scenario: by id in the table, else by keyword in {@code settingText}, else default. */
    public SettingKind kindFor(String scenarioId, String settingText) {
        Require.nonNull(scenarioId, "scenarioId");
        Require.nonNull(settingText, "settingText");
        SettingKind byId = byScenario.get(scenarioId);
        if (byId != null) {
            return byId;
        }
        String text = settingText.toLowerCase(Locale.ROOT);
        for (Map.Entry<SettingKind, List<String>> group : keywords) {
            for (String word : group.getValue()) {
                if (startsAWord(text, word)) {
                    return group.getKey();
                }
            }
        }
        return fallback;
    }

    private static boolean startsAWord(String text, String word) {
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            if (i == 0 || !java.lang.Character.isLetterOrDigit(text.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The scenario ids the table names. */
    public Set<String> mappedScenarioIds() {
        return byScenario.keySet();
    }

    /**
     * Parses one scene file. {@code source} names it in errors.
     *
     * @throws VrException naming {@code source} and the field when the text is not a valid scene
     */
    public static Scene parse(String source, String yamlText) {
        JsonNode root = tree(source, yamlText);
        Fields f = new Fields(source, "", root,
                Set.of("kind", "background", "ambient", "key-light", "camera", "character", "solids"));
        try {
            SettingKind kind = f.kind("kind");
            Fields light = f.child("key-light", Set.of("direction", "colour"));
            Vec3 character = f.vec3("character");
            Fields cam = f.child("camera", Set.of("eye-height", "distance", "side", "fov"));
            double eyeHeight = cam.number("eye-height", 0.5, 2.5);
            double distance = cam.number("distance", 0.5, 6);
            double side = cam.optionalNumber("side", -3, 3, 0);
            Vec3 eye = new Vec3(character.x() + side, eyeHeight, character.z() + distance);
            Vec3 target = character.plus(new Vec3(0, LOOK_AT_HEIGHT, 0));
            CameraPose camera = new CameraPose(eye, target, cam.number("fov", 20, 100));
            List<Solid> solids = new ArrayList<>();
            int i = 0;
            for (JsonNode s : f.list("solids")) {
                Fields sf = new Fields(source, "solids[" + i++ + "]", s,
                        Set.of("name", "shape", "at", "size", "yaw", "colour"));
                String shape = sf.text("shape");
                Solid.Shape sh = switch (shape) {
                    case "box" -> Solid.Shape.BOX;
                    case "cylinder" -> Solid.Shape.CYLINDER;
                    default -> throw sf.fail("shape", "must be box or cylinder, was " + shape);
                };
                solids.add(sf.build("size", () -> new Solid(sf.text("name"), sh, sf.vec3("at"), sf.vec3("size"),
                        sf.optionalNumber("yaw", -360, 360, 0), sf.colour("colour"))));
            }
            return new Scene(kind, f.colour("background"), f.colour("ambient"),
                    light.build("direction", () -> new KeyLight(light.vec3("direction"), light.colour("colour"))),
                    camera, character, solids);
        } catch (IllegalArgumentException e) {
            throw new VrException(source + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode tree(String source, String text) {
        try {
            JsonNode root = YAML.readTree(text);
            if (root == null || !root.isObject()) {
                throw new VrException(source + ": must be a YAML map");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new VrException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SceneLibrary.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new VrException("scene resource " + FOLDER + name + " is missing from the vr jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VrException("cannot read scene resource " + FOLDER + name, e);
        }
    }

    /** Field access on one YAML map; every failure names the file and the field's path. */
    private record Fields(String source, String path, JsonNode node, Set<String> allowed) {
        Fields {
            if (!node.isObject()) {
                throw new VrException(source + ": " + (path.isEmpty() ? "the document" : path) + " must be a map");
            }
            if (!allowed.isEmpty()) {
                for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                    String key = it.next();
                    if (!allowed.contains(key)) {
                        throw new VrException(source + ": " + where(path, key) + ": unknown field; expected one of "
                                + allowed.stream().sorted().toList());
                    }
                }
            }
        }

        private static String where(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        VrException fail(String key, String message) {
            return new VrException(source + ": " + where(path, key) + ": " + message);
        }

        <T> T build(String key, java.util.function.Supplier<T> make) {
            try {
                return make.get();
            } catch (IllegalArgumentException e) {
                throw new VrException(source + ": " + path + ": " + e.getMessage(), e);
            }
        }

        JsonNode require(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw fail(key, "is missing");
            }
            return v;
        }

        Fields child(String key, Set<String> keys) {
            return new Fields(source, where(path, key), require(key), keys);
        }

        String text(String key) {
            JsonNode v = require(key);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw fail(key, "must be non-blank text");
            }
            return v.asText();
        }

        double number(String key, double min, double max) {
            JsonNode v = require(key);
            if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
                throw fail(key, "must be a number in [" + min + ", " + max + "], was " + v);
            }
            return v.asDouble();
        }

        double optionalNumber(String key, double min, double max, double otherwise) {
            return node.has(key) ? number(key, min, max) : otherwise;
        }

        Vec3 vec3(String key) {
            JsonNode v = require(key);
            if (!v.isArray() || v.size() != 3 || !v.get(0).isNumber() || !v.get(1).isNumber()
                    || !v.get(2).isNumber()) {
                throw fail(key, "must be a list of three numbers [x, y, z], was " + v);
            }
            return new Vec3(v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble());
        }

        Rgb colour(String key) {
            try {
                return Rgb.hex(text(key));
            } catch (IllegalArgumentException e) {
                throw fail(key, e.getMessage());
            }
        }

        SettingKind kind(String key) {
            return kindOf(key, require(key));
        }

        SettingKind kindOf(String key, JsonNode v) {
            return SettingKind.byId(v.asText()).orElseThrow(() -> fail(key, "unknown setting kind \"" + v.asText()
                    + "\"; expected one of " + java.util.Arrays.stream(SettingKind.values()).map(SettingKind::id)
                            .toList()));
        }

        List<JsonNode> list(String key) {
            JsonNode v = require(key);
            if (!v.isArray()) {
                throw fail(key, "must be a list");
            }
            List<JsonNode> out = new ArrayList<>();
            v.forEach(out::add);
            return out;
        }
    }
}
