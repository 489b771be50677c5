package no.trinn.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.trinn.core.Require;
import no.trinn.models.catalog.CatalogException;
import no.trinn.models.catalog.DownloadListener;
import no.trinn.models.catalog.DownloadProgress;
import no.trinn.models.catalog.FileCheck;
import no.trinn.models.catalog.InstalledFile;
import no.trinn.models.catalog.InstalledModel;
import no.trinn.models.catalog.ModelCache;
import no.trinn.models.catalog.ModelCatalog;
import no.trinn.models.catalog.ModelDownloader;
import no.trinn.models.catalog.ModelEntry;
import no.trinn.models.catalog.ModelFile;
import no.trinn.models.catalog.ModelInputException;
import no.trinn.models.catalog.ModelKind;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code trinn models}: the model catalog and the local model cache (list, show, pull, verify, add). The cache is
 * {@code --cache}, else {@code $TRINN_MODELS}, else {@code models/} in the home folder; the catalog is the shipped one
 * unless {@code --catalog} names another (e.g. a clinic's mirror). Unknown ids, unusable files and failed checks
 * end with exit code 2; download failures with exit code 1 and one line naming the model and URL. Without a
 * subcommand it prints its usage (exit 2).
 */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "List, download, verify and add models: chat models (GGUF), speech recognition, voices and "
                + "voice activity. None is needed for text practice with scripted characters.",
        commandListHeading = "%nCommands:%n")
public final class ModelsCommand implements Callable<Integer> {
    private final TrinnCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--catalog", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Use this model catalog (YAML) instead of the shipped one, e.g. one that points at a "
                    + "clinic's own copies of the files.")
    private Optional<Path> catalogFile = Optional.empty();

    @Option(names = "--cache", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of downloaded models. Default: $TRINN_MODELS, else models/ in the home folder.")
    private Optional<Path> cacheFolder = Optional.empty();

    /** The command under {@code root}. */
    public ModelsCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() {
        return Cli.missingSubcommand(spec, root.io().err());
    }

    /** The catalog: {@code --catalog} (whose problems are bad input, exit 2), else the shipped one. */
    ModelCatalog catalog() {
        if (catalogFile.isEmpty()) {
            return ModelCatalog.shipped();
        }
        try {
            return ModelCatalog.load(catalogFile.get());
        } catch (CatalogException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** The model cache: {@code --cache}, else {@code $TRINN_MODELS}, else {@code models/} in the home folder. */
    ModelCache cache() {
        return new ModelCache(root.home().models(cacheFolder, root.io()));
    }

    /** The catalog entry {@code id}; an unknown id is bad input (exit 2) with the closest ids. */
    ModelEntry entry(String id) {
        try {
            return catalog().require(id);
        } catch (ModelInputException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /**
     * {@code trinn models list}: every catalogued model with its kind, size and whether it is installed, then the
     * models added from files.
     */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "List the models Trinn knows: id, kind, download size, whether it is installed, name. "
                    + "Models you added from files are listed after them.")
    public static final class ListCommand implements Callable<Integer> {
        private final ModelsCommand models;

        @Spec
        private CommandSpec spec;

        @Option(names = "--kind", paramLabel = "KIND",
                description = "Only this kind: chat, speech-recognition, voice, voice-activity, embedding.")
        private Optional<String> kind = Optional.empty();

        @Option(names = "--installed", description = "Only installed models.")
        private boolean installedOnly;

        /** The command under {@code models}. */
        public ListCommand(ModelsCommand models) {
            this.models = Require.nonNull(models, "models");
        }

        @Override
        public Integer call() {
            Optional<ModelKind> only = kind.map(k -> ModelKind.parse(k).orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "--kind must be one of " + ModelKind.ids() + ", was '" + k + "'")));
            ModelCatalog catalog = models.catalog();
            ModelCache cache = models.cache();
            Map<String, InstalledModel> installed = cache.installed().stream()
                    .collect(Collectors.toMap(InstalledModel::id, Function.identity()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "KIND", "SIZE", "INSTALLED", "NAME"});
            boolean unknownSize = false;
            boolean unchecked = false;
            for (ModelEntry e : catalog.entries()) {
                Optional<InstalledModel> m = Optional.ofNullable(installed.get(e.id()));
                if (only.isPresent() && e.kind() != only.get() || installedOnly && m.isEmpty()) {
                    continue;
                }
                String size = m.map(x -> human(x.size()))
                        .or(() -> e.downloadSize().map(ModelsCommand::human)).orElse("?");
                unknownSize |= size.equals("?");
                unchecked |= m.isPresent() && !m.get().checked();
                rows.add(new String[] {e.id(), e.kind().id(), size,
                    m.map(x -> x.checked() ? "yes" : "yes*").orElse("-"), e.name()});
            }
            for (InstalledModel m : installed.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
                if (catalog.find(m.id()).isPresent() || only.isPresent() && m.kind() != only.get()) {
                    continue;
                }
                unchecked |= !m.checked();
                rows.add(new String[] {m.id(), m.kind().id(), human(m.size()), m.checked() ? "yes" : "yes*",
                    m.source()});
            }
            PrintWriter out = models.root.io().out();
            if (rows.size() == 1) {
                out.println(installedOnly ? "No models are installed in " + cache.root() + "."
                        : "No models of that kind.");
                return Cli.OK;
            }
            Table.print(out, rows);
            out.println();
            if (unknownSize) {
                out.println("? size and SHA-256 not known in advance: the download is recorded but cannot be "
                        + "checked.");
            }
            if (unchecked) {
                out.println("* installed without a known SHA-256 to check it against.");
            }
            out.println("Models are kept in " + cache.root() + ". 'trinn models show ID' tells more; "
                    + "'trinn models pull ID' downloads one.");
            return Cli.OK;
        }
    }

    /** {@code trinn models show ID}: one catalogued (or added) model in words. */
    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Show a model: kind, size, licence, what it is good for, languages, its files and where "
                    + "they come from, and whether it is installed.")
    public static final class ShowCommand implements Callable<Integer> {
        private final ModelsCommand models;

        @Parameters(paramLabel = "ID", description = "The model's id, as 'trinn models list' shows it.")
        private String id;

        /** The command under {@code models}. */
        public ShowCommand(ModelsCommand models) {
            this.models = Require.nonNull(models, "models");
        }

        @Override
        public Integer call() {
            PrintWriter out = models.root.io().out();
            Optional<InstalledModel> installed = installed(models.cache(), id);
            Optional<ModelEntry> entry = models.catalog().find(id);
            if (entry.isEmpty() && installed.isEmpty()) {
                models.entry(id); // unknown everywhere: throws, naming the closest catalogued ids
            }
            entry.ifPresent(e -> {
                out.println(e.name() + "  (" + e.id() + ")");
                out.println("Kind: " + e.kind().id() + e.parameters().map(p -> ", " + p + " parameters").orElse("")
                        + e.quantisation().map(q -> ", " + q).orElse(""));
                out.println("Licence: " + e.licence());
                out.println("Good for: " + e.goodFor());
                out.println("Languages: " + String.join(", ", e.languages()));
                out.println("Download: " + e.downloadSize().map(ModelsCommand::human)
                        .orElse("size not known in advance"));
                for (ModelFile f : e.files()) {
                    out.println("  " + f.name() + ": " + f.url()
                            + f.member().map(m -> " (" + m + " inside the archive)").orElse("")
                            + (f.unpacked() ? " (unpacked)" : ""));
                    out.println("    " + f.checksum().map(c -> c.size() + " bytes, SHA-256 " + c.sha256())
                            .orElse("SHA-256 not known: the download is recorded but cannot be checked"));
                }
            });
            if (installed.isPresent()) {
                InstalledModel m = installed.get();
                out.println((entry.isPresent() ? "Installed" : m.id() + ": installed") + " in " + m.folder() + " ("
                        + human(m.size()) + ", " + m.installed() + ")");
                if (entry.isEmpty()) {
                    out.println("Kind: " + m.kind().id() + "; " + m.source());
                }
                for (InstalledFile f : m.files()) {
                    out.println("  " + f.path() + "  SHA-256 " + f.sha256() + (f.checked() ? "" : " (unchecked)"));
                }
            } else {
                out.println("Not installed: 'trinn models pull " + id + "' downloads it.");
            }
            return Cli.OK;
        }
    }

    /**
     * {@code trinn models pull ID}: downloads and installs a model, with a progress bar on standard error when it is a
     * terminal (otherwise a line per 10 %).
     */
    @Command(name = "pull", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {
                "Download a model into the model folder: resumes an interrupted download, checks the SHA-256 when "
                        + "the catalog knows it, and installs the model only when it is complete.",
                "Progress goes to standard error."
            })
    public static final class PullCommand implements Callable<Integer> {
        private final ModelsCommand models;

        @Parameters(paramLabel = "ID", description = "The model's id, as 'trinn models list' shows it.")
        private String id;

        /** The command under {@code models}. */
        public PullCommand(ModelsCommand models) {
            this.models = Require.nonNull(models, "models");
        }

        @Override
        public Integer call() {
            ModelEntry entry = models.entry(id);
            ModelCache cache = models.cache();
            Io io = models.root.io();
            Optional<InstalledModel> already = installed(cache, id);
            if (already.isPresent()) {
                io.out().println(id + " is installed already in " + already.get().folder());
                return Cli.OK;
            }
            io.err().println("Downloading " + entry.name() + " (" + entry.licence() + ")"
                    + entry.downloadSize().map(s -> ", " + human(s)).orElse(""));
            Progress progress = new Progress(io.err(), io.terminal() && stderrIsTerminal());
            InstalledModel model;
            try (ModelDownloader downloader = new ModelDownloader(cache)) {
                model = downloader.pull(entry, progress);
            } finally {
                progress.end();
            }
            io.out().println("installed " + model.id() + " in " + model.folder() + " (" + human(model.size()) + ")");
            if (!model.checked()) {
                io.err().println("warning: the catalog has no SHA-256 for " + model.id() + ", so the download "
                        + "could not be checked against a known value; its SHA-256 was recorded, and "
                        + "'trinn models verify' will notice later changes.");
            }
            return Cli.OK;
        }
    }

    /** {@code trinn models verify [ID...]}: recomputes the SHA-256 of every installed file. */
    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Check installed models: recompute the size and SHA-256 of every file and compare them "
                    + "with what was recorded when it was installed. Exit code 2 if a file differs or is missing.")
    public static final class VerifyCommand implements Callable<Integer> {
        private final ModelsCommand models;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Only these models (default: all installed).")
        private List<String> ids = List.of();

        /** The command under {@code models}. */
        public VerifyCommand(ModelsCommand models) {
            this.models = Require.nonNull(models, "models");
        }

        @Override
        public Integer call() {
            ModelCache cache = models.cache();
            PrintWriter out = models.root.io().out();
            List<InstalledModel> chosen = new ArrayList<>();
            if (ids.isEmpty()) {
                chosen.addAll(cache.installed());
            } else {
                for (String id : ids) {
                    chosen.add(installed(cache, id).orElseThrow(() -> new InputException("the model '" + id
                            + "' is not installed in " + cache.root())));
                }
            }
            if (chosen.isEmpty()) {
                out.println("No models are installed in " + cache.root() + ".");
                return Cli.OK;
            }
            int files = 0;
            int bad = 0;
            for (InstalledModel model : chosen) {
                for (FileCheck check : cache.verify(model, c -> print(out, c))) {
                    files++;
                    bad += check.ok() ? 0 : 1;
                }
            }
            if (bad > 0) {
                models.root.io().err().println("trinn: " + bad + " of " + files + " file(s) differ from what was "
                        + "installed or are missing; delete the model's folder and pull or add it again");
                return Cli.USAGE;
            }
            out.println("All " + files + " file(s) of " + chosen.size() + " model(s) are as installed.");
            return Cli.OK;
        }

        private static void print(PrintWriter out, FileCheck c) {
            String status = switch (c.status()) {
                case OK -> "ok      ";
                case MISMATCH -> "CHANGED ";
                case MISSING -> "MISSING ";
            };
            out.println(status + c.modelId() + "  " + c.file().path() + (c.detail().isEmpty() ? "" : "  (" + c.detail()
                    + ")"));
            out.flush();
        }
    }

    /** {@code trinn models add --file PATH [--id ID] [--link]}: registers a GGUF chat model the user already has. */
    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Add a GGUF chat model you already have (downloaded yourself, or copied from another "
                    + "computer): checks that it is a GGUF file, records its SHA-256 and copies it into the model "
                    + "folder (or links to it with --link).")
    public static final class AddCommand implements Callable<Integer> {
        private final ModelsCommand models;

        @Option(names = "--file", paramLabel = "PATH", required = true, description = "The .gguf file.")
        private Path file;

        @Option(names = "--id", paramLabel = "ID",
                description = "The id to give it (lower-case letters, digits, '.', '_', '-'). Default: from the "
                        + "file name.")
        private Optional<String> id = Optional.empty();

        @Option(names = "--link", description = "Link to the file instead of copying it; the file must then stay "
                + "where it is.")
        private boolean link;

        /** The command under {@code models}. */
        public AddCommand(ModelsCommand models) {
            this.models = Require.nonNull(models, "models");
        }

        @Override
        public Integer call() {
            InstalledModel model;
            try {
                model = models.cache().add(file, id, link ? ModelCache.AddMode.LINK : ModelCache.AddMode.COPY);
            } catch (ModelInputException e) {
                throw new InputException(e.getMessage(), e);
            }
            InstalledFile f = model.files().getFirst();
            models.root.io().out().println("added " + model.id() + " (" + human(f.size()) + ", SHA-256 " + f.sha256()
                    + ") in " + model.folder());
            return Cli.OK;
        }
    }

    private static Optional<InstalledModel> installed(ModelCache cache, String id) {
        try {
            return cache.installed(id);
        } catch (ModelInputException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** A byte count for people, in powers of 1000: {@code 512 B}, {@code 2.33 MB}, {@code 1.45 GB}. */
    static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String format = v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, format, v, units[u]);
    }

    /**
     * Shows download progress on standard error: on a terminal one line redrawn in place (bar, percentage, bytes,
     * rate, time left); otherwise a line each time another 10 % is done (or every 100 MB when the size is not
     * known). Notices from the downloader get a line of their own.
     */
    static final class Progress implements DownloadListener {
        private static final int WIDTH = 30;
        private static final long UNKNOWN_STEP = 100_000_000L;

        private final PrintWriter err;
        private final boolean bar;
        private int drawn;
        private long lastStep = -1;
        private String lastFile = "";

        Progress(PrintWriter err, boolean bar) {
            this.err = err;
            this.bar = bar;
        }

        @Override
        public void progress(DownloadProgress p) {
            if (!p.file().equals(lastFile)) {
                lastFile = p.file();
                lastStep = -1;
            }
            String amount = p.total().isPresent() ? human(p.bytes()) + " of " + human(p.total().getAsLong())
                    : human(p.bytes());
            String rate = p.bytesPerSecond() > 0 ? "  " + human((long) p.bytesPerSecond()) + "/s" : "";
            if (bar) {
                StringBuilder line = new StringBuilder("\r");
                if (p.fraction().isPresent()) {
                    double f = p.fraction().getAsDouble();
                    int filled = (int) Math.round(f * WIDTH);
                    line.append(String.format(Locale.ROOT, "%3d%% [", (int) Math.floor(f * 100)))
                            .append("=".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
                    if (p.bytesPerSecond() > 0 && f < 1) {
                        long seconds = (long) ((p.total().getAsLong() - p.bytes()) / p.bytesPerSecond());
                        rate += String.format(Locale.ROOT, "  %d:%02d left", seconds / 60, seconds % 60);
                    }
                }
                line.append(amount).append(rate);
                int length = line.length() - 1;
                line.append(" ".repeat(Math.max(0, drawn - length)));
                drawn = length;
                err.print(line);
                err.flush();
                return;
            }
            long step = p.fraction().isPresent() ? (long) Math.floor(p.fraction().getAsDouble() * 10)
                    : p.bytes() / UNKNOWN_STEP;
            if (step > lastStep) {
                lastStep = step;
                err.println((p.fraction().isPresent() ? String.format(Locale.ROOT, "%3d%%  ", step * 10) : "")
                        + amount + rate);
                err.flush();
            }
        }

        @Override
        public void notice(String message) {
            end();
            err.println(message);
            err.flush();
        }

        /** Ends a line drawn in place, so that what follows starts on a fresh line. */
        void end() {
            if (bar && drawn > 0) {
                err.println();
                err.flush();
                drawn = 0;
            }
        }
    }

    /** Whether standard error is a terminal, asking JLine's native providers; false when none can tell. */
    private static boolean stderrIsTerminal() {
        String[] providers = Runtime.version().feature() >= 22 ? new String[] {"ffm", "jni", "exec"}
                : new String[] {"jni", "exec"};
        for (String name : providers) {
            try {
                return TerminalProvider.load(name).isSystemStream(SystemStream.Error);
            } catch (IOException | RuntimeException | LinkageError e) {
                continue; // this provider does not work on this JDK or platform: ask the next one
            }
        }
        return false;
    }
}
