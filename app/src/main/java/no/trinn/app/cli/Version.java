package no.trinn.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version lines of {@code trinn --version}: Trinn's version, then the Java runtime and the machine. */
public final class Version implements IVersionProvider {
    private static final String RESOURCE = "/no/trinn/app/version.properties";

    /** Trinn's version as built, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" if the build left no version. */
    public static String number() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new AppException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "trinn " + number(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
