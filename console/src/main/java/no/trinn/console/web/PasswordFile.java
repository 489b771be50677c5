package no.trinn.console.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import no.trinn.core.Require;

/**
 * The console's one password, kept hashed in a file of the home folder: one line
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in Base64), PBKDF2WithHmacSHA256 with a random 16-byte
 * salt and a 32-byte hash. The file is written atomically and, where the file system has POSIX permissions, readable
 * by its owner only. A password is checked in constant time; a file in any other form counts as no password set
 * and is reported by {@link #isSet()} as false only if absent, else as a {@link ConsoleException} on check.
 * Thread-safe.
 */
public final class PasswordFile {
    /** Iterations for new hashes, as OWASP recommends for PBKDF2-HMAC-SHA256 (2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The fewest iterations accepted, for new hashes and in a file. */
    public static final int MIN_ITERATIONS = 210_000;
    /** Shortest password accepted, in characters. */
    public static final int MIN_LENGTH = 12;
    /** Longest password accepted, in characters (PBKDF2 hashes long inputs slowly). */
    public static final int MAX_LENGTH = 256;

    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final int iterations;

    /** The password kept in {@code file}, new ones hashed with {@code iterations} (at least {@link #MIN_ITERATIONS}). */
    public PasswordFile(Path file, int iterations) {
        this.file = Require.nonNull(file, "file");
        Require.inRange(iterations, MIN_ITERATIONS, 10_000_000, "iterations");
        this.iterations = iterations;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Whether a password has been set (the file exists). */
    public boolean isSet() {
        return Files.exists(file);
    }

    /**
     * Hashes and stores {@code password}, replacing any set before.
     *
     * @throws IllegalArgumentException if it is shorter than {@link #MIN_LENGTH} or longer than {@link #MAX_LENGTH}
     * @throws ConsoleException if the file cannot be written
     */
    public synchronized void set(char[] password) {
        Optional<String> problem = problem(password);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = hash(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        String line = PREFIX + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash)
                + "\n";
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, ".console-password", ".tmp");
            try {
                restrict(temp);
                Files.writeString(temp, line, StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ConsoleException("console password file " + file + ": cannot write it: " + e, e);
        }
    }

    /** Why {@code password} cannot be used, if it cannot. */
    public static Optional<String> problem(char[] password) {
        Require.nonNull(password, "password");
        if (password.length < MIN_LENGTH) {
            return Optional.of("the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length > MAX_LENGTH) {
            return Optional.of("the password must have at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code password} is the one set; false if none is set. Takes the time of one PBKDF2 hash whenever a
     * password is set, and compares in constant time.
     *
     * @throws ConsoleException if the file cannot be read or is not in the form above
     */
    public boolean matches(char[] password) {
        Require.nonNull(password, "password");
        if (!isSet()) {
            return false;
        }
        String line;
        try {
            line = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new ConsoleException("console password file " + file + ": cannot read it: " + e, e);
        }
        String[] parts = line.split(":");
        int stored;
        byte[] salt;
        byte[] expected;
        try {
            if (parts.length != 4 || !parts[0].equals(PREFIX)) {
                throw new IllegalArgumentException("not " + PREFIX + ":ITERATIONS:SALT:HASH");
            }
            stored = Integer.parseInt(parts[1]);
            if (stored < MIN_ITERATIONS) {
                throw new IllegalArgumentException("fewer than " + MIN_ITERATIONS + " iterations");
            }
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("console password file " + file + ": malformed (" + e.getMessage()
                    + "); delete it and start 'trinn console' to set a new password", e);
        }
        if (password.length > MAX_LENGTH) {
            return false;
        }
        byte[] actual = hash(password, salt, stored);
        boolean equal = MessageDigest.isEqual(actual, expected);
        Arrays.fill(actual, (byte) 0);
        return equal;
    }

    /**
     * Removes the password, so that the next start of the console asks for a new one.
     *
     * @return whether one was set
     */
    public synchronized boolean clear() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ConsoleException("console password file " + file + ": cannot delete it: " + e, e);
        }
    }

    private static byte[] hash(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new ConsoleException("this Java has no PBKDF2WithHmacSHA256: " + e, e);
        } finally {
            spec.clearPassword();
        }
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file keeps the folder's access rules.
        }
    }
}
