package no.trinn.app.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.trinn.agents.generative.GenerativeOptions.LatencyMode;
import no.trinn.app.practice.EngineChoice;
import no.trinn.core.Require;
import no.trinn.core.Similarity;

/**
 * The settings of the configuration file {@code config.yaml} in the home folder. Every key is optional; a missing
 * file or key means the default, and options on the command line override the file:
 * <pre>
 * engine: local                      # scripted (default), local or server
 * model: qwen2.5-0.5b-instruct-q4    # local: a model id of the cache or a GGUF path; server: the model name
 * server:
 *   url: http://localhost:11434/v1   # the OpenAI-compatible API's base URL
 *   apiKeyEnv: TRINN_API_KEY         # the environment variable that holds the API key, if one is needed
 * threads: 2                         # CPU threads of a local model, 1..256 (default: all)
 * latency:
 *   mode: hybrid                     # filler, hybrid or off
 *   budgetMs: 1500                   # 100..30000
 * difficulty: 0.3                    # fixes the difficulty of every session, 0..1 (default: adapted)
 * adaptation:                        # the difficulty controller, for every client of this home folder
 *   bandLow: 0.70                    # the target band of the client's success, 0 &lt; bandLow &lt; bandHigh &lt; 1
 *   bandHigh: 0.85
 *   maxDifficulty: 0.6               # a cap on every client's difficulty (a client's own cap narrows it)
 * store:                             # a clinic's PostgreSQL database instead of trinn.db in the home folder
 *   url: jdbc:postgresql://db.clinic.local/trinn   # the JDBC URL, never with a password in it
 *   user: trinn                      # the database user (default: the driver's, the system user name)
 *   passwordEnv: TRINN_DB_PASSWORD   # the environment variable that holds the database password
 * </pre>
 * An unknown key, a value of the wrong type or out of range, a file that is not UTF-8 YAML: {@link #read} throws an
 * {@link InputException} whose message is {@code FILE:LINE: KEY: problem}. An API key itself never goes in the
 * file: a key under {@code apiKey} or a value of {@code apiKeyEnv} that is no variable name (a key pasted by
 * mistake) is refused without repeating it; the same holds for the database password ({@code store.password},
 * {@code store.passwordEnv}, a password in {@code store.url}).
 *
 * @param file the file the settings were read from (it need not exist)
 * @param engine {@code engine}
 * @param model {@code model}
 * @param serverUrl {@code server.url}
 * @param apiKeyEnv {@code server.apiKeyEnv}
 * @param threads {@code threads}
 * @param latencyMode {@code latency.mode}
 * @param latencyBudgetMs {@code latency.budgetMs}
 * @param difficulty {@code difficulty}
 * @param adaptation the {@code adaptation} map
 * @param store the {@code store} map; empty for the SQLite file in the home folder
 */
public record ConfigFile(Path file, Optional<EngineChoice.Kind> engine, Optional<String> model,
        Optional<String> serverUrl, Optional<String> apiKeyEnv, Optional<Integer> threads,
        Optional<LatencyMode> latencyMode, Optional<Integer> latencyBudgetMs, Optional<Double> difficulty,
        Adaptation adaptation, Optional<Store> store) {
    /**
     * The {@code adaptation} settings; each empty means the built-in default.
     *
     * @param bandLow the low end of the target band of success
     * @param bandHigh the high end
     * @param maxDifficulty a cap on the difficulty of every client
     */
    public record Adaptation(Optional<Double> bandLow, Optional<Double> bandHigh, Optional<Double> maxDifficulty) {
        /** Every default. */
        public static final Adaptation DEFAULTS = new Adaptation(Optional.empty(), Optional.empty(),
                Optional.empty());

        public Adaptation {
            Require.nonNull(bandLow, "bandLow");
            Require.nonNull(bandHigh, "bandHigh");
            Require.nonNull(maxDifficulty, "maxDifficulty");
        }
    }

    /**
     * The {@code store} settings: a PostgreSQL database for the session records.
     *
     * @param url {@code store.url}, a {@code jdbc:postgresql:} URL without a password
     * @param user {@code store.user}
     * @param passwordEnv {@code store.passwordEnv}
     * @param where {@code FILE:LINE} of the {@code store} key, for messages about it
     */
    public record Store(String url, Optional<String> user, Optional<String> passwordEnv, String where) {
        public Store {
            Require.nonNull(url, "url");
            Require.nonNull(user, "user");
            Require.nonNull(passwordEnv, "passwordEnv");
            Require.nonNull(where, "where");
        }
    }

    /** The low end of the target band of success when the file gives none. */
    public static final double DEFAULT_BAND_LOW = 0.70;
    /** The high end of the target band when the file gives none. */
    public static final double DEFAULT_BAND_HIGH = 0.85;
    /** The largest configuration file read, in bytes. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The fewest threads {@code threads} may name. */
    public static final int MIN_THREADS = 1;
    /** The most threads {@code threads} may name. */
    public static final int MAX_THREADS = 256;
    /** The shortest latency budget, in milliseconds. */
    public static final int MIN_BUDGET_MS = 100;
    /** The longest latency budget, in milliseconds. */
    public static final int MAX_BUDGET_MS = 30_000;

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** The keys of each map of the file, by the dotted path of the map ("" for the top). */
    private static final Map<String, List<String>> KEYS = Map.of(
            "", List.of("engine", "model", "server", "threads", "latency", "difficulty", "adaptation", "store"),
            "server", List.of("url", "apiKeyEnv"),
            "latency", List.of("mode", "budgetMs"),
            "adaptation", List.of("bandLow", "bandHigh", "maxDifficulty"),
            "store", List.of("url", "user", "passwordEnv"));

    public ConfigFile {
        Require.nonNull(file, "file");
        Require.nonNull(engine, "engine");
        Require.nonNull(model, "model");
        Require.nonNull(serverUrl, "serverUrl");
        Require.nonNull(apiKeyEnv, "apiKeyEnv");
        Require.nonNull(threads, "threads");
        Require.nonNull(latencyMode, "latencyMode");
        Require.nonNull(latencyBudgetMs, "latencyBudgetMs");
        Require.nonNull(difficulty, "difficulty");
        Require.nonNull(adaptation, "adaptation");
        Require.nonNull(store, "store");
    }

    /** No settings: every default. */
    public static ConfigFile defaults(Path file) {
        return new ConfigFile(file, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Adaptation.DEFAULTS,
                Optional.empty());
    }

    /**
     * Reads {@code file}; a file that does not exist, is empty or holds only comments gives {@link #defaults}.
     *
     * @throws InputException naming the file, line and key of the first problem
     * @throws AppException if the file exists but cannot be read
     */
    public static ConfigFile read(Path file) {
        Path f = Require.nonNull(file, "file").toAbsolutePath().normalize();
        if (!Files.exists(f)) {
            return defaults(f);
        }
        Reader reader = new Reader(f);
        if (!Files.isRegularFile(f)) {
            throw reader.problem(0, "", "is not a file");
        }
        try {
            if (Files.size(f) > MAX_BYTES) {
                throw reader.problem(0, "", "is larger than " + MAX_BYTES / 1024 + " KB; a configuration file is a "
                        + "few lines");
            }
            return reader.read(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new AppException("cannot read the configuration file " + f + ": " + e.getMessage(), e);
        }
    }

    /** One pass over one file: the values found so far, and the file for messages. */
    private static final class Reader {
        private final Path file;
        private EngineChoice.Kind engine;
        private String model;
        private String serverUrl;
        private String apiKeyEnv;
        private Integer threads;
        private LatencyMode latencyMode;
        private Integer latencyBudgetMs;
        private Double difficulty;
        private Double bandLow;
        private Double bandHigh;
        private int bandLine;
        private Double maxDifficulty;
        private int storeLine;
        private String storeUrl;
        private String storeUser;
        private String storePasswordEnv;

        Reader(Path file) {
            this.file = file;
        }

        ConfigFile read(byte[] bytes) throws IOException {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw problem(0, "", "is not UTF-8 text; save it as UTF-8");
            }
            try (JsonParser p = YAML.createParser(text)) {
                JsonToken first = p.nextToken();
                if (first == null || first == JsonToken.VALUE_NULL) {
                    return defaults(file);
                }
                if (first != JsonToken.START_OBJECT) {
                    throw problem(line(p), "", "must be a map of settings, e.g. 'engine: local'");
                }
                map(p, "");
                if (p.nextToken() != null) {
                    throw problem(line(p), "", "holds more than one YAML document; keep one");
                }
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                throw problem(line, "", "is not valid YAML: " + e.getOriginalMessage());
            }
            return new ConfigFile(file, Optional.ofNullable(engine), Optional.ofNullable(model),
                    Optional.ofNullable(serverUrl), Optional.ofNullable(apiKeyEnv), Optional.ofNullable(threads),
                    Optional.ofNullable(latencyMode), Optional.ofNullable(latencyBudgetMs),
                    Optional.ofNullable(difficulty), adaptation(), store());
        }

        private Optional<Store> store() {
            if (storeLine == 0) {
                return Optional.empty();
            }
            if (storeUrl == null) {
                throw problem(storeLine, "store", "has no url; give the database's JDBC URL, e.g. "
                        + "'url: jdbc:postgresql://db.clinic.local/trinn'");
            }
            return Optional.of(new Store(storeUrl, Optional.ofNullable(storeUser),
                    Optional.ofNullable(storePasswordEnv), file + ":" + storeLine));
        }

        private Adaptation adaptation() {
            double low = bandLow == null ? DEFAULT_BAND_LOW : bandLow;
            double high = bandHigh == null ? DEFAULT_BAND_HIGH : bandHigh;
            if (!(low < high)) {
                throw problem(bandLine, "adaptation", "bandLow " + low + " must lie below bandHigh " + high);
            }
            return new Adaptation(Optional.ofNullable(bandLow), Optional.ofNullable(bandHigh),
                    Optional.ofNullable(maxDifficulty));
        }

        /** Reads the entries of the map at {@code path} up to its end. */
        private void map(JsonParser p, String path) throws IOException {
            List<String> known = KEYS.get(path);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String key = path.isEmpty() ? name : path + "." + name;
                int line = line(p);
                if (!known.contains(name)) {
                    throw unknown(line, key, name, known);
                }
                JsonToken value = p.nextToken();
                if (KEYS.containsKey(key)) {
                    if (key.equals("store")) {
                        storeLine = line;
                    }
                    if (value != JsonToken.START_OBJECT) {
                        throw problem(line, key, "must be a map with the keys " + String.join(", ", KEYS.get(key)));
                    }
                    map(p, key);
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw problem(line, key, "must be a single value, not a " + (value == JsonToken.START_OBJECT
                            ? "map" : "list"));
                } else {
                    value(p, key, line);
                }
            }
        }

        private InputException unknown(int line, String key, String name, List<String> known) {
            String folded = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            if (key.startsWith("store.") && folded.contains("password")) {
                return problem(line, key, "unknown key; the database password never goes in this file: put it in "
                        + "an environment variable and name the variable with store.passwordEnv");
            }
            if (folded.equals("apikey") || folded.equals("key") || folded.equals("token")) {
                return problem(line, key, "unknown key; the API key never goes in this file: put it in an "
                        + "environment variable and name the variable with server.apiKeyEnv");
            }
            return problem(line, key, "unknown key" + Similarity.closestName(name, known)
                    .map(c -> "; did you mean '" + c + "'?").orElse("") + " (keys here: "
                    + String.join(", ", known) + ")");
        }

        private void value(JsonParser p, String key, int line) throws IOException {
            switch (key) {
                case "engine" -> engine = EngineChoice.Kind.parse(text(p, key, line)).orElseThrow(() ->
                        problem(line, key, "must be " + EngineChoice.Kind.ids() + ", was '" + shown(p) + "'"));
                case "model" -> model = text(p, key, line);
                case "server.url" -> {
                    String url = text(p, key, line);
                    EngineSelection.urlProblem(url).ifPresent(m -> {
                        throw problem(line, key, m);
                    });
                    serverUrl = url;
                }
                case "server.apiKeyEnv" -> {
                    String name = text(p, key, line);
                    if (!VARIABLE.matcher(name).matches()) {
                        throw problem(line, key, "must be the name of an environment variable (letters, digits and "
                                + "'_', e.g. TRINN_API_KEY), not the key itself");
                    }
                    apiKeyEnv = name;
                }
                case "threads" -> threads = (int) whole(p, key, line, MIN_THREADS, MAX_THREADS);
                case "latency.mode" -> {
                    String mode = text(p, key, line);
                    latencyMode = Arrays.stream(LatencyMode.values()).filter(m -> m.name().equalsIgnoreCase(mode))
                            .findFirst().orElseThrow(() -> problem(line, key, "must be filler, hybrid or off, was '"
                                    + shown(p) + "'"));
                }
                case "latency.budgetMs" -> latencyBudgetMs = (int) whole(p, key, line, MIN_BUDGET_MS, MAX_BUDGET_MS);
                case "difficulty" -> difficulty = unit(p, key, line);
                case "adaptation.maxDifficulty" -> maxDifficulty = unit(p, key, line);
                case "store.url" -> {
                    String url = text(p, key, line);
                    if (!url.startsWith("jdbc:postgresql://")) {
                        throw problem(line, key, "must be a PostgreSQL JDBC URL, e.g. "
                                + "jdbc:postgresql://db.clinic.local/trinn (leave out 'store' for the file in the home "
                                + "folder)");
                    }
                    if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
                        throw problem(line, key, "holds a password; the password never goes in this file: put it in "
                                + "an environment variable and name the variable with store.passwordEnv");
                    }
                    storeUrl = url;
                }
                case "store.user" -> storeUser = text(p, key, line);
                case "store.passwordEnv" -> {
                    String name = text(p, key, line);
                    if (!VARIABLE.matcher(name).matches()) {
                        throw problem(line, key, "must be the name of an environment variable (letters, digits and "
                                + "'_', e.g. TRINN_DB_PASSWORD), not the password itself");
                    }
                    storePasswordEnv = name;
                }
                case "adaptation.bandLow", "adaptation.bandHigh" -> {
                    double v = unit(p, key, line);
                    if (v <= 0 || v >= 1) {
                        throw problem(line, key, "must lie strictly between 0 and 1, was " + p.getText());
                    }
                    if (key.endsWith("Low")) {
                        bandLow = v;
                    } else {
                        bandHigh = v;
                    }
                    bandLine = line;
                }
                default -> throw new IllegalStateException("no reader for key " + key);
            }
        }

        /** A number in [0, 1]. */
        private double unit(JsonParser p, String key, int line) throws IOException {
            if (!p.currentToken().isNumeric()) {
                throw problem(line, key, "must be a number from 0 to 1, was '" + shown(p) + "'");
            }
            double d = p.getDoubleValue();
            if (!(d >= 0.0 && d <= 1.0)) {
                throw problem(line, key, "must lie in [0, 1], was " + p.getText());
            }
            return d;
        }

        /** The scalar as text: a string or a number; blank, null and true/false are problems. */
        private String text(JsonParser p, String key, int line) {
            JsonToken t = p.currentToken();
            try {
                if (t == JsonToken.VALUE_STRING || t.isNumeric()) {
                    String s = p.getText().strip();
                    if (!s.isEmpty()) {
                        return s;
                    }
                }
            } catch (IOException e) {
                throw problem(line, key, "cannot be read: " + e.getMessage());
            }
            throw problem(line, key, t == JsonToken.VALUE_NULL || t == JsonToken.VALUE_STRING ? "has no value"
                    : "must be text, was " + t.asString());
        }

        private long whole(JsonParser p, String key, int line, int min, int max) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw problem(line, key, "must be a whole number from " + min + " to " + max + ", was '" + shown(p)
                        + "'");
            }
            long v = p.getLongValue();
            if (v < min || v > max) {
                throw problem(line, key, "must lie in [" + min + ", " + max + "], was " + p.getText());
            }
            return v;
        }

        /** The current value as written, shortened for a message. */
        private static String shown(JsonParser p) {
            String s;
            try {
                s = p.currentToken() == JsonToken.VALUE_NULL ? "" : p.getText();
            } catch (IOException e) {
                s = "?";
            }
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }

        private static int line(JsonParser p) {
            return p.currentTokenLocation().getLineNr();
        }

        InputException problem(int line, String key, String message) {
            return new InputException(file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ")
                    + message);
        }
    }
}
