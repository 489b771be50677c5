package no.trinn.vr.scene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import no.trinn.core.Require;
import no.trinn.scenarios.Scenario;
import no.trinn.vr.VrException;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.model.GltfReader;
import no.trinn.vr.model.Model;

/**
 * The shipped scenes, one per {@link SettingKind}, and the table that picks a scene for a scenario: first by the
 * scenario's id ({@code scenes/settings.yaml}, {@code scenarios:}), then by the first keyword group with a word that starts
 * a word of the scenario's setting text, then the table's default. Immutable and thread-safe once built.
 *
 * <p>A user scene folder ({@link #withUserScenes}) holds scene files ({@code *.yaml}) that replace the shipped scene
 * of their {@code kind}; they may also place glTF {@code props} and map character ids to glTF {@code characters}
 * (model paths relative to the folder). {@code characters.yaml} there maps character ids to models in every setting.
 */
public final class SceneLibrary {
    private static final String FOLDER = "/no/trinn/vr/scenes/";
    /** Where the character's face is, above its feet, when the camera looks at it. */
    private static final double LOOK_AT_HEIGHT = 1.45;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Environment variable naming the user's scene folder. */
    public static final String SCENES_VARIABLE = "TRINN_SCENES";
    /** The file in the user's scene folder mapping character ids to models in every setting. */
    public static final String CHARACTERS_FILE = "characters.yaml";

    private final Map<SettingKind, Scene> scenes;
    private final Map<String, SettingKind> byScenario;
    private final List<Map.Entry<SettingKind, List<String>>> keywords;
    private final SettingKind fallback;
    private final Map<SettingKind, Map<String, CharacterModel>> characters;
    private final Map<String, CharacterModel> everywhere;

    private SceneLibrary(Map<SettingKind, Scene> scenes, Map<String, SettingKind> byScenario,
            List<Map.Entry<SettingKind, List<String>>> keywords, SettingKind fallback,
            Map<SettingKind, Map<String, CharacterModel>> characters, Map<String, CharacterModel> everywhere) {
        this.scenes = scenes;
        this.byScenario = byScenario;
        this.keywords = keywords;
        this.fallback = fallback;
        this.characters = characters;
        this.everywhere = everywhere;
    }

    /**
     * The shipped scenes overridden by the user's scene folder: {@code TRINN_SCENES}, else {@code scenes/} in
     * {@code TRINN_HOME}, else {@code ~/.trinn/scenes}; the shipped scenes alone when that default folder does not
     * exist.
     *
     * @throws VrException naming the file when a user scene or model is wrong, or when {@code TRINN_SCENES} names a
     *     folder that does not exist
     */
    public static SceneLibrary installed() {
        Function<String, Optional<String>> env = name -> Optional.ofNullable(System.getenv(name))
                .filter(v -> !v.isBlank());
        Path folder = userFolder(env, System.getProperty("user.home"));
        if (!Files.isDirectory(folder)) {
            if (env.apply(SCENES_VARIABLE).isPresent()) {
                throw new VrException(SCENES_VARIABLE + " names " + folder + ", which is not a folder");
            }
            return shipped();
        }
        return withUserScenes(folder);
    }

    /** The user's scene folder from the environment {@code env} and the user's home folder, absolute. */
    public static Path userFolder(Function<String, Optional<String>> env, String userHome) {
        return env.apply(SCENES_VARIABLE).map(Path::of)
                .or(() -> env.apply("TRINN_HOME").map(h -> Path.of(h, "scenes")))
                .orElseGet(() -> Path.of(userHome, ".trinn", "scenes")).toAbsolutePath().normalize();
    }

    /**
     * The shipped scenes with every {@code *.yaml} scene file in {@code folder} replacing the shipped one of its kind,
     * and {@code characters.yaml} there (if present) mapping character ids to models. All models are read now.
     *
     * @throws VrException naming the file and field of the first problem; nothing is half-loaded
     */
    public static SceneLibrary withUserScenes(Path folder) {
        Require.nonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new VrException("the scene folder " + folder + " does not exist");
        }
        SceneLibrary base = shipped();
        Map<SettingKind, Scene> scenes = new EnumMap<>(base.scenes);
        Map<SettingKind, Path> from = new EnumMap<>(SettingKind.class);
        Map<SettingKind, Map<String, CharacterModel>> characters = new EnumMap<>(SettingKind.class);
        Map<String, CharacterModel> everywhere = Map.of();
        Map<Path, Model> models = new java.util.HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new VrException("cannot list the scene folder " + folder + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            String text = read(file);
            if (file.getFileName().toString().equals(CHARACTERS_FILE)) {
                JsonNode root = tree(file.toString(), text);
                everywhere = characterMap(new Fields(file.toString(), "", root, Set.of()), root, Optional.of(folder),
                        models);
                continue;
            }
            Parsed parsed = parse(file.toString(), text, Optional.of(folder), models);
            SettingKind kind = parsed.scene().kind();
            if (from.containsKey(kind)) {
                throw new VrException(file + ": kind: " + kind.id() + " is already set by " + from.get(kind));
            }
            from.put(kind, file);
            scenes.put(kind, parsed.scene());
            characters.put(kind, parsed.characters());
        }
        return new SceneLibrary(Map.copyOf(scenes), base.byScenario, base.keywords, base.fallback,
                Map.copyOf(characters), everywhere);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new VrException("cannot read scene file " + file + ": " + e.getMessage(), e);
        }
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
        return new SceneLibrary(Map.copyOf(scenes), Map.copyOf(byScenario), List.copyOf(keywords), fallback, Map.of(),
                Map.of());
    }

    /** The scene of {@code kind}. */
    public Scene scene(SettingKind kind) {
        return scenes.get(Require.nonNull(kind, "kind"));
    }

    /**
     * The scene for {@code scenario} (see {@link #kindFor(String, String)}), with the model of its first character
     * when the user's scene file of that kind, or else {@code characters.yaml}, maps that character to one.
     */
    public Scene sceneFor(Scenario scenario) {
        SettingKind kind = kindFor(scenario.id(), scenario.setting());
        return scene(kind).withCharacterModel(characterModel(kind, scenario.characters().getFirst().id()));
    }

    /** The user-supplied model of character {@code characterId} in scenes of {@code kind}, if there is one. */
    public Optional<CharacterModel> characterModel(SettingKind kind, String characterId) {
        Require.nonNull(kind, "kind");
        Require.nonBlank(characterId, "characterId");
        return Optional.ofNullable(characters.getOrDefault(kind, Map.of()).get(characterId))
                .or(() -> Optional.ofNullable(everywhere.get(characterId)));
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
        return parse(source, yamlText, Optional.empty(), new java.util.HashMap<>()).scene();
    }

    /**
     * Parses one scene file whose model paths are relative to {@code folder}; the scene's {@code characters} map is
     * given back beside it. {@code models} caches models already read, by absolute path.
     */
    private record Parsed(Scene scene, Map<String, CharacterModel> characters) {
    }

    private static Parsed parse(String source, String yamlText, Optional<Path> folder, Map<Path, Model> models) {
        JsonNode root = tree(source, yamlText);
        Fields f = new Fields(source, "", root, Set.of("kind", "background", "ambient", "key-light", "camera",
                "character", "solids", "props", "characters"));
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
            List<Prop> props = new ArrayList<>();
            if (root.has("props")) {
                i = 0;
                for (JsonNode p : f.list("props")) {
                    Fields pf = new Fields(source, "props[" + i++ + "]", p,
                            Set.of("name", "model", "position", "rotationY", "scale"));
                    Model model = model(pf, folder, models);
                    String name = p.has("name") ? pf.text("name") : Path.of(pf.text("model")).getFileName().toString();
                    props.add(pf.build("scale", () -> new Prop(name, model, pf.vec3("position"),
                            pf.optionalNumber("rotationY", -360, 360, 0), pf.optionalNumber("scale", 0.001, 1000, 1))));
                }
            }
            Map<String, CharacterModel> characters = root.has("characters")
                    ? characterMap(f.child("characters", Set.of()), root.get("characters"), folder, models)
                    : Map.of();
            return new Parsed(new Scene(kind, f.colour("background"), f.colour("ambient"),
                    light.build("direction", () -> new KeyLight(light.vec3("direction"), light.colour("colour"))),
                    camera, character, solids, props, Optional.empty()), characters);
        } catch (IllegalArgumentException e) {
            throw new VrException(source + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, CharacterModel> characterMap(Fields parent, JsonNode map, Optional<Path> folder,
            Map<Path, Model> models) {
        Map<String, CharacterModel> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            Fields cf = new Fields(parent.source(), Fields.where(parent.path(), e.getKey()), e.getValue(),
                    Set.of("model", "scale", "rotationY"));
            Model model = model(cf, folder, models);
            out.put(e.getKey(), cf.build("scale", () -> new CharacterModel(e.getKey(), model,
                    cf.optionalNumber("scale", 0.001, 1000, 1), cf.optionalNumber("rotationY", -360, 360, 0))));
        }
        return Map.copyOf(out);
    }

    private static Model model(Fields f, Optional<Path> folder, Map<Path, Model> models) {
        String name = f.text("model");
        if (folder.isEmpty()) {
            throw f.fail("model", "models load only from a user scene folder");
        }
        Path file = folder.get().resolve(name).toAbsolutePath().normalize();
        Model model = models.get(file);
        if (model == null) {
            try {
                model = GltfReader.read(file);
            } catch (VrException e) {
                throw new VrException(f.source() + ": " + Fields.where(f.path(), "model") + ": " + e.getMessage(), e);
            }
            models.put(file, model);
        }
        return model;
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
