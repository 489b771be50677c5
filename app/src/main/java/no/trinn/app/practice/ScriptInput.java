package no.trinn.app.practice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import no.trinn.app.cli.AppException;
import no.trinn.app.cli.InputException;
import no.trinn.core.Require;

/**
 * The client lines of a script file: one line per client turn, UTF-8 (malformed bytes become U+FFFD, which the
 * session drops), lines starting with {@code #} and blank lines skipped, lines starting with {@code /} are commands.
 * The whole file is read when the input is made, so a missing or unreadable file is reported before the session.
 */
public final class ScriptInput implements ClientInput {
    /** The largest script file accepted. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Deque<String> lines = new ArrayDeque<>();

    /**
     * Reads {@code file}.
     *
     * @throws InputException if it does not exist, is a folder or is larger than {@link #MAX_BYTES}
     * @throws AppException if it cannot be read
     */
    public ScriptInput(Path file) {
        Require.nonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new InputException("script " + file + " is a folder, not a file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InputException("script " + file + " has " + size + " bytes; at most " + MAX_BYTES
                        + " are accepted");
            }
            String text = decode(Files.readAllBytes(file));
            for (String line : text.split("\\R", -1)) {
                String stripped = line.strip();
                if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException("script " + file + " does not exist", e);
        } catch (IOException e) {
            throw new AppException("cannot read script " + file + ": " + e.getMessage(), e);
        }
    }

    /** How many client lines and commands remain. */
    public int remaining() {
        return lines.size();
    }

    @Override
    public Optional<String> next() {
        return Optional.ofNullable(lines.pollFirst());
    }

    @Override
    public void close() {
        lines.clear();
    }

    /** UTF-8 with every malformed byte sequence replaced by U+FFFD; a leading byte-order mark is dropped. */
    static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing UTF-8 decoder reported " + e, e);
        }
    }
}
