package no.trinn.app.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * The streams and environment one run of the command line works with. {@link #system()} gives the process's own
 * (output always UTF-8); tests give their own streams and variables, and {@code terminal} false.
 *
 * @param in the client's input (standard input)
 * @param out where results go (standard output)
 * @param err where warnings and errors go (standard error)
 * @param env the environment variables ({@code TRINN_HOME}, {@code TRINN_SCENARIOS}, {@code NO_COLOR}, ...)
 * @param terminal whether standard input and output are an interactive terminal (line editing and colours)
 */
public record Io(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {
    public Io {
        Require.nonNull(in, "in");
        Require.nonNull(out, "out");
        Require.nonNull(err, "err");
        env = Map.copyOf(Require.nonNull(env, "env"));
    }

    /** The process's standard streams and environment; {@code terminal} as {@link Terminals#interactive()} says. */
    public static Io system() {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        return new Io(System.in, out, err, System.getenv(), Terminals.interactive());
    }

    /** The value of environment variable {@code name}, if it is set and not blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
