package no.trinn.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.scenarios.ScenarioException.Problem;

/**
 * Reads one scenario YAML file into a {@link Scenario} and validates it. The format is described by
 * {@code scenario.schema.json} next to this class; {@code library/coffee-order.yaml} is an example.
 *
 * <p>Validation collects every problem it can find, not only the first, and throws them together as a
 * {@link ScenarioException} whose {@link ScenarioException#problems() problems} each name the file, the 1-based line
 * and the field path (e.g. {@code states[2].intents[0].next}); problems are sorted by line. Nothing about bad input
 * escapes as another exception: unreadable, oversized (over 1 MB), non-UTF-8, binary or empty files, YAML syntax
 * errors, unknown or missing fields, wrong types, bad ids or values, broken references and unreachable states all
 * become problems. A loaded scenario's {@link Scenario#source()} is the file path as given, or {@code library:<name>}
 * for a file of the shipped library. Immutable and thread-safe.
 */
public final class ScenarioLoader {
    /** The classpath folder of the shipped library, with a trailing slash. */
    public static final String LIBRARY_FOLDER = "no/trinn/scenarios/library/";

    private final BehaviourParameters parameters;

    /** A loader whose {@code when} conditions may name the standard {@link BehaviourParameters#standard()}. */
    public ScenarioLoader() {
        this(BehaviourParameters.standard());
    }

    /** A loader whose {@code when} conditions may name {@code parameters} (besides temperaments and difficulty). */
    public ScenarioLoader(BehaviourParameters parameters) {
        this.parameters = Require.nonNull(parameters, "parameters");
    }

    /**
     * Loads the scenario file at {@code file}.
     *
     * @throws ScenarioException listing every problem with the file
     */
    public Scenario load(Path file) {
        Require.nonNull(file, "file");
        String source = file.toString();
        try {
            return parse(source, readLimited(file));
        } catch (NoSuchFileException e) {
            throw single(source, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw single(source, "the file cannot be read: permission denied");
        } catch (IOException e) {
            throw single(source, "the file cannot be read: " + e);
        }
    }

    /**
     * Loads the file called {@code name} (e.g. {@code coffee-order.yaml}) from the shipped library on the classpath;
     * its source is {@code library:<name>}.
     *
     * @throws ScenarioException if there is no such file or it has problems
     */
    public Scenario loadLibrary(String name) {
        Require.nonBlank(name, "name");
        String source = "library:" + name;
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(LIBRARY_FOLDER + name)) {
            if (in == null) {
                throw single(source, "the shipped library has no file called '" + name + "'");
            }
            return parse(source, readLimited(in));
        } catch (IOException e) {
            throw single(source, "the file cannot be read: " + e);
        }
    }

    /**
     * Reads a scenario from the bytes of a YAML file; {@code source} names the file in problems and becomes the
     * scenario's {@link Scenario#source()}.
     *
     * @throws ScenarioException listing every problem with the content
     */
    public Scenario parse(String source, byte[] content) {
        Require.nonBlank(source, "source");
        Require.nonNull(content, "content");
        Problems problems = new Problems(source);
        Optional<YamlNode> root = YamlTree.parse(content, problems);
        Optional<Scenario> scenario = root.flatMap(r -> new ScenarioReader(problems).scenario(r, source));
        root.ifPresent(r -> new ScenarioChecks(problems, parameters.names()).check(r));
        problems.throwIfAny();
        return scenario.orElseThrow(() -> single(source, "the scenario could not be read"));
    }

    /** Reads at most one byte more than the size limit, so that an oversized stream is reported, not buffered. */
    static byte[] readLimited(InputStream in) throws IOException {
        return in.readNBytes(YamlTree.MAX_BYTES + 1);
    }

    /**
     * Reads a regular file as {@link #readLimited(InputStream)} does.
     *
     * @throws ScenarioException if {@code file} is a folder or not a regular file (a device or pipe could be endless)
     */
    static byte[] readLimited(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw single(file.toString(), "is a folder, not a scenario file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw single(file.toString(), "is not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readLimited(in);
        }
    }

    private static ScenarioException single(String source, String message) {
        return new ScenarioException(List.of(new Problem(source, 0, "", message)));
    }
}
