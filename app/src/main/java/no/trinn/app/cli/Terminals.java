package no.trinn.app.cli;

import java.io.IOException;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Tells whether the process talks to an interactive terminal, asking JLine's native terminal providers whether
 * standard input and output are a terminal device. Nothing is read from or written to the streams.
 */
public final class Terminals {
    private Terminals() {
    }

    /**
     * Whether standard input and standard output are both a terminal. False when either is redirected, and when no
     * JLine provider can tell (then the plain line reader is used, which always works).
     */
    public static boolean interactive() {
        String[] providers = Runtime.version().feature() >= 22 ? new String[] {"ffm", "jni", "exec"}
                : new String[] {"jni", "exec"};
        for (String name : providers) {
            TerminalProvider provider;
            try {
                provider = TerminalProvider.load(name);
            } catch (IOException | RuntimeException | LinkageError e) {
                continue; // this provider does not work on this JDK or platform: ask the next one
            }
            try {
                return provider.isSystemStream(SystemStream.Input) && provider.isSystemStream(SystemStream.Output);
            } catch (RuntimeException | LinkageError e) {
                continue; // same: the provider loaded but cannot query the streams here
            }
        }
        return false;
    }
}
