package no.trinn.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.trinn.console.web.ConsoleOptions;
import no.trinn.console.web.ConsoleServer;
import no.trinn.console.web.PasswordFile;
import no.trinn.core.Clock;
import no.trinn.core.Require;
import no.trinn.store.SessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trinn console}: serves the therapist's web console on this machine until stopped (Ctrl-C). At the first
 * start (no password file in the home folder) it prints a one-time setup URL for choosing the password.
 */
@Command(name = "console", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serve the therapist's web console (clients, sessions, settings, export, delete) until "
                + "stopped with Ctrl-C. It listens on 127.0.0.1 unless told otherwise.",
            "At the first start it prints a one-time URL to set the console password."})
public final class ConsoleCommand implements Callable<Integer> {
    /** File name of the console password's hash inside the home folder. */
    public static final String PASSWORD_FILE = "console-password";

    private final TrinnCommand root;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any "
            + "free port).")
    private int port = ConsoleOptions.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: "
            + "${DEFAULT-VALUE}). Anything but a loopback address needs a TLS reverse proxy in front.")
    private String bind = ConsoleOptions.DEFAULT_BIND;

    @Option(names = "--reset-password", description = "Forget the console password and end; the next start "
            + "prints a new setup URL.")
    private boolean resetPassword;

    /** The command under {@code root}. */
    public ConsoleCommand(TrinnCommand root) {
        this.root = Require.nonNull(root, "root");
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = root.io().out();
        PrintWriter err = root.io().err();
        if (port < 0 || port > 65535) {
            throw new InputException("--port " + port + ": must lie in 0..65535");
        }
        Path passwordFile = root.home().folder().resolve(PASSWORD_FILE);
        if (resetPassword) {
            boolean had = new PasswordFile(passwordFile, PasswordFile.DEFAULT_ITERATIONS).clear();
            out.println(had ? "The console password is forgotten; the next 'trinn console' prints a setup URL."
                    : "No console password was set.");
            return Cli.OK;
        }
        ConsoleOptions options = ConsoleOptions.defaults(bind, port, passwordFile);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (SessionStore store = root.home().openStore(root.io())) {
            store.recoverInterrupted();
            try (ConsoleServer server = ConsoleServer.start(options, store, root.home().library(), Clock.system(),
                    out, err)) {
                out.println("Serving on port " + server.port() + ". Press Ctrl-C to stop.");
                out.flush();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stopped.countDown();
                    try {
                        // Lets the command close the server and the store before the JVM ends.
                        closed.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "trinn-console-stop"));
                stopped.await();
            }
        } finally {
            closed.countDown();
        }
        return Cli.OK;
    }
}
