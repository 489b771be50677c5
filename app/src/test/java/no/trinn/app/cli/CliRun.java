package no.trinn.app.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in this JVM with a given home folder and standard input, capturing both outputs. */
final class CliRun {
    /**
     * The outcome of one run.
     *
     * @param code the exit code
     * @param out what went to standard output
     * @param err what went to standard error
     */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private CliRun() {
    }

    /** Runs {@code trinn --home HOME args...} with empty standard input. */
    static Result run(Path home, String... args) {
        return run(home, new byte[0], args);
    }

    /** Runs {@code trinn --home HOME args...} with {@code stdin} as standard input. */
    static Result run(Path home, byte[] stdin, String... args) {
        List<String> all = new ArrayList<>();
        all.add("--home");
        all.add(home.toString());
        all.addAll(List.of(args));
        return runBare(Map.of(), stdin, all.toArray(String[]::new));
    }

    /** Runs {@code trinn args...} with the environment {@code env} and no other arguments added. */
    static Result runBare(Map<String, String> env, byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Io io = new Io(new ByteArrayInputStream(stdin), new PrintWriter(out, true), new PrintWriter(err, true), env,
                false);
        int code = Cli.run(io, args);
        return new Result(code, out.toString(), err.toString());
    }
}
