package no.trinn.app.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.trinn.agents.AgentException;
import no.trinn.agents.generative.GenerativeEngines;
import no.trinn.agents.generative.GenerativeOptions;
import no.trinn.agents.generative.GenerativeOptions.LatencyMode;
import no.trinn.app.practice.EngineChoice;
import no.trinn.core.Require;
import no.trinn.core.Similarity;
import no.trinn.models.ModelsException;
import no.trinn.models.catalog.InstalledModel;
import no.trinn.models.catalog.ModelCache;
import no.trinn.models.catalog.ModelCatalog;
import no.trinn.models.catalog.ModelEntry;
import no.trinn.models.catalog.ModelInputException;
import no.trinn.models.catalog.ModelKind;
import no.trinn.models.gguf.GgufReader;
import no.trinn.models.llama.LlamaRuntime;

/**
 * Chooses the dialogue engine of {@code trinn practice} from its options and the configuration file (an option
 * overrides the file), and checks it before anything is shown: a local model must be an installed chat model of the
 * cache or a readable GGUF file; an inference server must answer its model list. Bad choices are
 * {@link InputException}s (exit 2) naming the option or key, model id or file; a server that cannot be reached is an
 * {@link AppException} (exit 1) naming its URL. In text mode the latency guard is off unless the file asks for
 * {@code hybrid} (a filler needs a streamed reply to go before).
 */
final class EngineSelection {
    /** The server URL used when neither {@code --url} nor {@code server.url} gives one: Ollama on this machine. */
    static final String DEFAULT_URL = "http://localhost:11434/v1";
    /** How long the check of a server may take. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What the command line said about the engine.
     *
     * @param engine {@code --engine}
     * @param model {@code --model}
     * @param url {@code --url}
     * @param threads {@code --threads}
     */
    record Options(Optional<EngineChoice.Kind> engine, Optional<String> model, Optional<String> url,
            Optional<Integer> threads) {
        Options {
            Require.nonNull(engine, "engine");
            Require.nonNull(model, "model");
            Require.nonNull(url, "url");
            Require.nonNull(threads, "threads");
        }
    }

    private final Options options;
    private final ConfigFile config;
    private final Home home;
    private final Io io;

    private EngineSelection(Options options, ConfigFile config, Home home, Io io) {
        this.options = Require.nonNull(options, "options");
        this.config = Require.nonNull(config, "config");
        this.home = Require.nonNull(home, "home");
        this.io = Require.nonNull(io, "io");
    }

    /** The kind of engine: {@code --engine}, else {@code engine:} in the file, else scripted. */
    static EngineChoice.Kind kind(Options options, ConfigFile config) {
        return options.engine().or(config::engine).orElse(EngineChoice.Kind.SCRIPTED);
    }

    /** The checked engine choice; warnings (a model the server does not list) go to standard error. */
    static EngineChoice resolve(Options options, ConfigFile config, Home home, Io io) {
        EngineSelection s = new EngineSelection(options, config, home, io);
        EngineChoice.Kind kind = kind(options, config);
        s.requireApplicable(kind);
        return switch (kind) {
            case SCRIPTED -> new EngineChoice.Scripted();
            case LOCAL -> s.local();
            case SERVER -> s.server();
        };
    }

    /** What is wrong with {@code url} as the base URL of an inference server, if anything. */
    static Optional<String> urlProblem(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                return Optional.of("must be an http or https URL such as " + DEFAULT_URL + ", was '" + url + "'");
            }
            if (uri.getRawUserInfo() != null) {
                return Optional.of("must not hold a user name or password; name an environment variable holding "
                        + "the API key with server.apiKeyEnv in " + Home.CONFIG + " instead");
            }
            if (uri.getHost() == null) {
                return Optional.of("has no host name: '" + url + "'");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getMessage());
        }
    }

    private void requireApplicable(EngineChoice.Kind kind) {
        List<String> wrong = new ArrayList<>();
        if (kind == EngineChoice.Kind.SCRIPTED && options.model().isPresent()) {
            wrong.add("--model applies to --engine local or server");
        }
        if (kind != EngineChoice.Kind.SERVER && options.url().isPresent()) {
            wrong.add("--url applies to --engine server");
        }
        if (kind != EngineChoice.Kind.LOCAL && options.threads().isPresent()) {
            wrong.add("--threads applies to --engine local");
        }
        if (!wrong.isEmpty()) {
            throw new InputException(String.join("; ", wrong) + ", and the engine is " + kind.id()
                    + (options.engine().isPresent() ? "" : " (give --engine, or set engine: in " + config.file()
                            + ")"));
        }
    }

    private EngineChoice.Local local() {
        String model = options.model().or(config::model).orElseThrow(() -> new InputException("--engine local "
                + "needs a model: give --model ID|PATH or set model: in " + config.file() + installedChatModels()));
        boolean fromFile = options.model().isEmpty();
        Path gguf;
        String label;
        if (isPath(model)) {
            gguf = checkedFile(path(model, fromFile));
            label = gguf.getFileName().toString();
        } else {
            gguf = installedFile(model);
            label = model;
        }
        int threads = options.threads().or(config::threads).orElseGet(() -> LlamaRuntime.Options.defaults()
                .threads());
        return new EngineChoice.Local(label, gguf, threads, generativeOptions());
    }

    private EngineChoice.Server server() {
        String url = options.url().map(u -> {
            urlProblem(u).ifPresent(m -> {
                throw new InputException("--url " + m);
            });
            return u;
        }).or(config::serverUrl).orElse(DEFAULT_URL).strip().replaceFirst("/+$", "");
        Optional<String> key = config.apiKeyEnv().map(name -> io.variable(name).orElseThrow(() ->
                new InputException(config.file() + ": server.apiKeyEnv: the environment variable " + name
                        + " is not set; it should hold the API key of " + url)));
        List<String> offered;
        try {
            offered = GenerativeEngines.serverModels(url, key, PROBE_TIMEOUT);
        } catch (AgentException e) {
            throw new AppException(e.getMessage() + "; is the server running? Give its address with --url or "
                    + "server.url in " + config.file(), e);
        }
        String list = offered.isEmpty() ? "no models" : String.join(", ", offered.subList(0, Math.min(10,
                offered.size()))) + (offered.size() > 10 ? ", ..." : "");
        String model = options.model().or(config::model)
                .or(() -> offered.size() == 1 ? Optional.of(offered.getFirst()) : Optional.empty())
                .orElseThrow(() -> new InputException("--engine server needs a model name: give --model NAME or "
                        + "set model: in " + config.file() + "; the server at " + url + " offers " + list));
        if (!offered.isEmpty() && !offered.contains(model)) {
            io.err().println("trinn: the server at " + url + " does not list the model '" + model + "' (it offers "
                    + list + "); trying it anyway");
        }
        return new EngineChoice.Server(url, model, key, generativeOptions());
    }

    /** The engine's options in text mode: latency guard off, or hybrid if the file asks for it; the budget. */
    private GenerativeOptions generativeOptions() {
        GenerativeOptions o = GenerativeOptions.defaults().withLatencyMode(config.latencyMode()
                .filter(m -> m == LatencyMode.HYBRID).orElse(LatencyMode.OFF));
        return config.latencyBudgetMs().map(ms -> o.withLatencyBudget(Duration.ofMillis(ms))).orElse(o);
    }

    /** Whether {@code model} names a file rather than a model id: a path, or a name ending in {@code .gguf}. */
    private static boolean isPath(String model) {
        return model.toLowerCase(Locale.ROOT).endsWith(".gguf") || model.contains("/") || model.contains("\\")
                || model.startsWith("~") || !ModelEntry.validId(model);
    }

    /** {@code model} as a path: {@code ~/} is the user's home; a relative path in the file is in the home folder. */
    private Path path(String model, boolean fromFile) {
        String expanded = model.equals("~") || model.startsWith("~/")
                ? System.getProperty("user.home") + model.substring(1) : model;
        try {
            Path p = Path.of(expanded);
            return (fromFile && !p.isAbsolute() ? home.folder().resolve(p) : p).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InputException((fromFile ? config.file() + ": model" : "--model") + ": '" + model
                    + "' is neither a model id nor a valid path: " + e.getReason(), e);
        }
    }

    /** {@code file} if it is a readable GGUF model file. */
    private static Path checkedFile(Path file) {
        if (!Files.exists(file)) {
            throw new InputException("model file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException("model file " + file + " is not a file");
        }
        try {
            GgufReader.read(file);
        } catch (ModelsException e) {
            throw new InputException(e.getMessage() + " (a chat model must be a GGUF file made for llama.cpp)", e);
        }
        return file;
    }

    /** The GGUF file of the installed chat model {@code id}. */
    private Path installedFile(String id) {
        ModelCache cache = new ModelCache(home.models(Optional.empty(), io));
        Optional<InstalledModel> installed;
        try {
            installed = cache.installed(id);
        } catch (ModelInputException e) {
            throw new InputException(e.getMessage(), e);
        }
        ModelCatalog catalog = ModelCatalog.shipped();
        ModelKind kind = installed.map(InstalledModel::kind).or(() -> catalog.find(id).map(ModelEntry::kind))
                .orElse(ModelKind.CHAT);
        if (kind != ModelKind.CHAT) {
            throw new InputException("model " + id + " is a " + kind.id() + " model, not a chat model; "
                    + "'trinn models list --kind chat' shows the chat models");
        }
        if (installed.isPresent()) {
            return checkedFile(installed.get().gguf().orElseThrow(() -> new InputException("model " + id
                    + " in " + cache.root() + " has no .gguf file; add the file again with trinn models add")));
        }
        if (catalog.find(id).isPresent()) {
            throw new InputException("model " + id + " is not installed; run trinn models pull " + id
                    + " (model folder: " + cache.root() + ")");
        }
        List<String> known = new ArrayList<>(catalog.entries().stream().map(ModelEntry::id).toList());
        cache.installed().forEach(m -> known.add(m.id()));
        throw new InputException("model '" + id + "' is not installed and not in the catalog"
                + Similarity.closestName(id, known).map(c -> "; did you mean " + c + "?").orElse("")
                + " ('trinn models list' shows the models; give the path of a GGUF file to use a file)");
    }

    /** {@code ; installed chat models: a, b}, or a hint where none is installed. */
    private String installedChatModels() {
        List<String> ids = new ModelCache(home.models(Optional.empty(), io)).installed().stream()
                .filter(m -> m.kind() == ModelKind.CHAT).map(InstalledModel::id).toList();
        return ids.isEmpty() ? "; no chat model is installed ('trinn models list --kind chat' shows the catalog)"
                : "; installed chat models: " + String.join(", ", ids);
    }
}
