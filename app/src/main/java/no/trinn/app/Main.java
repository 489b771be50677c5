package no.trinn.app;

import no.trinn.app.cli.Cli;
import no.trinn.app.cli.Io;

/**
 * Entry point of the {@code trinn} command line: runs the command given by the arguments on the process's standard
 * streams and environment, then ends the process with the command's exit code (0 ok, 1 unexpected internal error,
 * 2 bad usage or bad input). The process is ended explicitly, since native libraries may leave threads running.
 */
public final class Main {
    private Main() {
    }

    /** Runs {@code trinn} with {@code args} and exits. */
    public static void main(String[] args) {
        int code = Cli.run(Io.system(), args);
        System.exit(code);
    }
}
