package no.trinn.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import no.trinn.core.Require;
import no.trinn.core.Similarity;
import no.trinn.scenarios.ScenarioException.Problem;

/**
 * The scenarios a client can practise: every {@code *.yaml} file of the shipped library (classpath folder
 * {@value ScenarioLoader#LIBRARY_FOLDER}, read from a class folder or a jar), plus the {@code *.yaml} files of an
 * optional user folder, which add scenarios and replace shipped ones with the same id. The library is read once, when
 * it is made. A file with problems is left out and its problems are kept in {@link #problems()}, so one broken file
 * never hides the others; {@link #problems()} also reports duplicate ids within the shipped files or within the user
 * folder (the file read first, by name, wins) and {@code translationOf} ids that name no scenario of another
 * language. Immutable and thread-safe.
 */
public final class ScenarioLibrary {
    /** A resource next to the library folder; its URL tells where the shipped library lives. */
    static final String MARKER = "no/trinn/scenarios/scenario.schema.json";

    private static final String SHIPPED = "classpath:" + ScenarioLoader.LIBRARY_FOLDER;
    private static final int SUGGESTIONS = 3;

    private final List<Scenario> scenarios;
    private final Map<String, Scenario> byId;
    private final List<Problem> problems;
    private final List<String> shippedFiles;

    private ScenarioLibrary(List<Scenario> scenarios, List<Problem> problems, List<String> shippedFiles) {
        this.scenarios = scenarios.stream()
                .sorted(Comparator.comparingInt(Scenario::tier).thenComparing(Scenario::id)).toList();
        Map<String, Scenario> index = new LinkedHashMap<>();
        this.scenarios.forEach(s -> index.put(s.id(), s));
        this.byId = index;
        this.problems = List.copyOf(problems);
        this.shippedFiles = List.copyOf(shippedFiles);
    }

    /** The shipped library alone. */
    public static ScenarioLibrary shipped() {
        return load(ScenarioLibrary.class.getClassLoader(), Optional.empty(), new ScenarioLoader());
    }

    /**
     * The shipped library with the {@code *.yaml} files directly inside {@code folder} added; a folder that does not
     * exist or cannot be listed is reported in {@link #problems()}.
     */
    public static ScenarioLibrary withUserFolder(Path folder) {
        Require.nonNull(folder, "folder");
        return load(ScenarioLibrary.class.getClassLoader(), Optional.of(folder), new ScenarioLoader());
    }

    /** The library whose shipped part is found through {@code classLoader}. */
    static ScenarioLibrary load(ClassLoader classLoader, Optional<Path> userFolder, ScenarioLoader loader) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Scenario> merged = new LinkedHashMap<>();
        List<String> shippedFiles = new ArrayList<>();
        addAll(readShipped(classLoader, loader, problems, shippedFiles), merged, problems, true);
        userFolder.ifPresent(folder -> {
            Map<String, Scenario> user = new LinkedHashMap<>();
            addAll(readFolder(folder, loader, problems), user, problems, false);
            merged.putAll(user);
        });
        checkTranslations(merged, problems);
        return new ScenarioLibrary(new ArrayList<>(merged.values()), problems, shippedFiles);
    }

    /** Every scenario, by tier and then id. */
    public List<Scenario> all() {
        return scenarios;
    }

    /** The scenario with {@code id}, if there is one. */
    public Optional<Scenario> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The scenario with {@code id}.
     *
     * @throws ScenarioException naming the unknown id and up to three similar ids
     */
    public Scenario require(String id) {
        Require.nonNull(id, "id");
        Scenario found = byId.get(id);
        if (found != null) {
            return found;
        }
        List<String> close = closestIds(id);
        throw new ScenarioException("no scenario has id '" + id + "'" + (close.isEmpty()
                ? "; none of the " + scenarios.size() + " scenarios has a similar id"
                : "; did you mean " + String.join(", ", close) + "?"));
    }

    /**
     * Up to three ids of this library like {@code id}, best first: ids sharing more of its hyphen-separated words
     * first, then those fewer edits away; ids with nothing in common are left out.
     */
    public List<String> closestIds(String id) {
        return Similarity.closestIds(Require.nonNull(id, "id"), byId.keySet(), SUGGESTIONS);
    }

    /** What went wrong while reading the library, in the order found; empty when every file was fine. */
    public List<Problem> problems() {
        return problems;
    }

    /** The names of the shipped files found, sorted. */
    List<String> shippedFiles() {
        return shippedFiles;
    }

    /** Adds scenarios by id; a second scenario with an id already added is reported and left out. */
    private static void addAll(List<Scenario> read, Map<String, Scenario> into, List<Problem> problems,
            boolean shipped) {
        for (Scenario s : read) {
            Scenario first = into.putIfAbsent(s.id(), s);
            if (first != null) {
                problems.add(new Problem(s.source(), 0, "id", "scenario id '" + s.id() + "' is already used by "
                        + first.source() + (shipped ? "" : " in the same folder") + "; this file is left out"));
            }
        }
    }

    private static void checkTranslations(Map<String, Scenario> scenarios, List<Problem> problems) {
        for (Scenario s : scenarios.values()) {
            s.translationOf().ifPresent(original -> {
                Scenario o = scenarios.get(original);
                if (o == null) {
                    problems.add(new Problem(s.source(), 0, "translationOf", "no scenario has id '" + original + "'"
                            + Similarity.closestIds(original, scenarios.keySet(), 1).stream()
                                    .map(c -> "; did you mean '" + c + "'?").findFirst().orElse("")));
                } else if (o.language().equals(s.language())) {
                    problems.add(new Problem(s.source(), 0, "translationOf", "'" + original + "' is in the same"
                            + " language (" + s.language() + "); a translation must be in another language"));
                }
            });
        }
    }

    private static List<Scenario> readShipped(ClassLoader classLoader, ScenarioLoader loader, List<Problem> problems,
            List<String> names) {
        URL marker = classLoader.getResource(MARKER);
        if (marker == null) {
            problems.add(new Problem(SHIPPED, 0, "", "the shipped library is missing: no " + MARKER
                    + " on the classpath"));
            return List.of();
        }
        List<Supplier<Outcome>> tasks = new ArrayList<>();
        try {
            switch (marker.getProtocol()) {
                case "file" -> {
                    Path folder = Path.of(marker.toURI()).resolveSibling("library");
                    for (Path file : yamlFiles(folder)) {
                        String name = file.getFileName().toString();
                        names.add(name);
                        tasks.add(parse(loader, "library:" + name, () -> ScenarioLoader.readLimited(file)));
                    }
                }
                case "jar" -> {
                    URLConnection connection = marker.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
                        for (JarEntry entry : jarYamlEntries(jar)) {
                            String name = entry.getName().substring(ScenarioLoader.LIBRARY_FOLDER.length());
                            names.add(name);
                            String source = "library:" + name;
                            // read now, while the jar is open; parse later
                            try (InputStream in = jar.getInputStream(entry)) {
                                byte[] content = ScenarioLoader.readLimited(in);
                                tasks.add(parse(loader, source, () -> content));
                            } catch (IOException e) {
                                Outcome unreadable = Outcome.unreadable(source, e);
                                tasks.add(() -> unreadable);
                            }
                        }
                    }
                }
                default -> problems.add(new Problem(SHIPPED, 0, "", "cannot list the shipped library at "
                        + marker + " (only class folders and jars are supported)"));
            }
        } catch (IOException | URISyntaxException | UncheckedIOException | ClassCastException e) {
            problems.add(new Problem(SHIPPED, 0, "", "cannot list the shipped library at " + marker + ": " + e));
        }
        return run(tasks, problems);
    }

    private static List<JarEntry> jarYamlEntries(JarFile jar) {
        List<JarEntry> entries = new ArrayList<>();
        Enumeration<JarEntry> all = jar.entries();
        while (all.hasMoreElements()) {
            JarEntry e = all.nextElement();
            String name = e.getName();
            if (!e.isDirectory() && name.startsWith(ScenarioLoader.LIBRARY_FOLDER) && name.endsWith(".yaml")
                    && name.indexOf('/', ScenarioLoader.LIBRARY_FOLDER.length()) < 0) {
                entries.add(e);
            }
        }
        entries.sort(Comparator.comparing(JarEntry::getName));
        return entries;
    }

    private static List<Scenario> readFolder(Path folder, ScenarioLoader loader, List<Problem> problems) {
        String name = folder.toString();
        if (!Files.isDirectory(folder)) {
            problems.add(new Problem(name, 0, "", Files.exists(folder) ? "is not a folder"
                    : "the scenario folder does not exist"));
            return List.of();
        }
        List<Supplier<Outcome>> tasks = new ArrayList<>();
        try {
            for (Path file : yamlFiles(folder)) {
                tasks.add(() -> Outcome.of(file.toString(), () -> loader.load(file)));
            }
        } catch (IOException | UncheckedIOException e) {
            problems.add(new Problem(name, 0, "", "the scenario folder cannot be listed: " + e));
        }
        return run(tasks, problems);
    }

    /** The regular {@code *.yaml} files directly in {@code folder}, except hidden ones, sorted by name. */
    private static List<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") && !n.startsWith(".") && Files.isRegularFile(p);
            }).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** Reads the bytes of one file. */
    @FunctionalInterface
    private interface Content {
        byte[] read() throws IOException;
    }

    /** Loads one scenario. */
    @FunctionalInterface
    private interface Load {
        Scenario load() throws IOException;
    }

    /** What reading one file gave: a scenario, or the problems that kept it out. */
    private record Outcome(Optional<Scenario> scenario, List<Problem> problems) {
        static Outcome of(String source, Load load) {
            try {
                return new Outcome(Optional.of(load.load()), List.of());
            } catch (ScenarioException e) {
                return new Outcome(Optional.empty(), e.problems().isEmpty()
                        ? List.of(new Problem(source, 0, "", e.getMessage())) : e.problems());
            } catch (IOException e) {
                return unreadable(source, e);
            }
        }

        static Outcome unreadable(String source, IOException e) {
            return new Outcome(Optional.empty(), List.of(new Problem(source, 0, "", "the file cannot be read: " + e)));
        }
    }

    private static Supplier<Outcome> parse(ScenarioLoader loader, String source, Content content) {
        return () -> Outcome.of(source, () -> loader.parse(source, content.read()));
    }

    /**
     * Runs the reading tasks, in parallel when there are several (this runs at every CLI start, and files are
     * independent), and keeps their results in task order.
     */
    private static List<Scenario> run(List<Supplier<Outcome>> tasks, List<Problem> problems) {
        Stream<Supplier<Outcome>> stream = tasks.size() > 1 ? tasks.parallelStream() : tasks.stream();
        List<Scenario> out = new ArrayList<>();
        for (Outcome o : stream.map(Supplier::get).toList()) {
            o.scenario().ifPresent(out::add);
            problems.addAll(o.problems());
        }
        return out;
    }
}
