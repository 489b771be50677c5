package no.trinn.app.practice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import no.trinn.app.cli.AppException;
import no.trinn.core.Require;

/**
 * Client lines from a stream that is not a terminal (a pipe or a file on standard input): UTF-8, malformed bytes
 * replaced by U+FFFD (which the session drops), every line returned, blank ones included (silence). Lines are read
 * one by one as they arrive, so a client on the other end of a pipe can type as the conversation goes.
 */
public final class StreamInput implements ClientInput {
    private final BufferedReader reader;

    /** Reads from {@code in}, which is not closed by {@link #close()}. */
    public StreamInput(InputStream in) {
        Require.nonNull(in, "in");
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    @Override
    public Optional<String> next() {
        try {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            return Optional.ofNullable(line);
        } catch (IOException e) {
            throw new AppException("cannot read the standard input: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // the process's standard input stays open: it is not ours to close
    }
}
