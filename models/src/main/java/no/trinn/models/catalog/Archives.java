package no.trinn.models.catalog;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Takes files out of downloaded archives (gzip-compressed tar, zip), hashing what it writes. Only regular files are
 * taken; directories are made as needed, and links and special entries are skipped. An entry whose path would leave
 * the target folder is refused. Problems with the archive itself throw {@link ArchiveProblem}; failures to write
 * throw {@link IOException}.
 */
final class Archives {
    private static final int BLOCK = 512;
    private static final int BUFFER = 1 << 16;

    private Archives() {
    }

    /**
     * A file written from an archive.
     *
     * @param path its path below the target folder ('/'-separated), or the target's file name for a member
     * @param size its size in bytes
     * @param sha256 its SHA-256, lower-case hexadecimal
     */
    record Extracted(String path, long size, String sha256) {
    }

    /** The archive is not readable as the expected format, lacks the member, or holds an unsafe path. */
    static final class ArchiveProblem extends Exception {
        ArchiveProblem(String message) {
            super(message);
        }

        ArchiveProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Writes the member {@code member} of {@code archive} to {@code target}. */
    static Extracted extractMember(ArchiveType type, Path archive, String member, Path target, FileOutput output)
            throws IOException, ArchiveProblem {
        List<String> seen = new ArrayList<>();
        Optional<Extracted> found = switch (type) {
            case TGZ -> {
                Extracted[] hit = new Extracted[1];
                readTar(archive, (name, content) -> {
                    if (hit[0] == null && name.equals(member)) {
                        hit[0] = write(content, target, target.getFileName().toString(), output);
                    } else if (seen.size() < 12) {
                        seen.add(name);
                    }
                });
                yield Optional.ofNullable(hit[0]);
            }
            case ZIP -> {
                try (ZipFile zip = openZip(archive)) {
                    ZipEntry entry = zip.getEntry(member);
                    if (entry == null || entry.isDirectory()) {
                        Enumeration<? extends ZipEntry> all = zip.entries();
                        while (all.hasMoreElements() && seen.size() < 12) {
                            ZipEntry e = all.nextElement();
                            if (!e.isDirectory()) {
                                seen.add(e.getName());
                            }
                        }
                        yield Optional.empty();
                    }
                    try (InputStream in = zipStream(zip, entry)) {
                        yield Optional.of(write(in, target, target.getFileName().toString(), output));
                    }
                }
            }
        };
        return found.orElseThrow(() -> new ArchiveProblem("the archive has no file '" + member + "'"
                + (seen.isEmpty() ? " (it holds no files)" : "; it holds " + String.join(", ", seen)
                        + (seen.size() == 12 ? ", ..." : ""))));
    }

    /**
     * Unpacks every regular file of {@code archive} into {@code folder} (created), dropping {@code strip} leading
     * folders from each path; returns the files written, paths relative to {@code folder}.
     */
    static List<Extracted> unpack(ArchiveType type, Path archive, Path folder, int strip, FileOutput output)
            throws IOException, ArchiveProblem {
        Files.createDirectories(folder);
        Map<String, Extracted> written = new LinkedHashMap<>();
        EntrySink sink = (name, content) -> {
            Optional<String> relative = stripped(name, strip);
            if (relative.isEmpty()) {
                return;
            }
            if (!ModelFile.safeRelative(relative.get())) {
                throw new ArchiveProblem("the archive holds the unsafe path '" + name + "'; nothing was unpacked");
            }
            Path target = folder.resolve(relative.get()).normalize();
            if (!target.startsWith(folder)) {
                throw new ArchiveProblem("the archive holds the unsafe path '" + name + "'; nothing was unpacked");
            }
            Files.createDirectories(target.getParent());
            written.put(relative.get(), write(content, target, relative.get(), output));
        };
        switch (type) {
            case TGZ -> readTar(archive, sink);
            case ZIP -> {
                try (ZipFile zip = openZip(archive)) {
                    Enumeration<? extends ZipEntry> all = zip.entries();
                    while (all.hasMoreElements()) {
                        ZipEntry e = all.nextElement();
                        if (e.isDirectory()) {
                            continue;
                        }
                        try (InputStream in = zipStream(zip, e)) {
                            sink.accept(e.getName(), in);
                        }
                    }
                }
            }
        }
        if (written.isEmpty()) {
            throw new ArchiveProblem("the archive holds no files" + (strip > 0 ? " below its top " + strip
                    + " folder level(s)" : ""));
        }
        return List.copyOf(written.values());
    }

    /** The path without its first {@code strip} segments and a leading "./"; empty if nothing is left. */
    private static Optional<String> stripped(String name, int strip) {
        String path = name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        String[] segments = path.split("/");
        if (segments.length <= strip) {
            return Optional.empty();
        }
        return Optional.of(String.join("/", java.util.Arrays.copyOfRange(segments, strip, segments.length)));
    }

    /** Receives one regular file of an archive. */
    @FunctionalInterface
    private interface EntrySink {
        void accept(String name, InputStream content) throws IOException, ArchiveProblem;
    }

    /** Copies {@code content} to {@code target}; read failures are problems of the archive, write failures not. */
    private static Extracted write(InputStream content, Path target, String path, FileOutput output)
            throws IOException, ArchiveProblem {
        MessageDigest digest = Hashing.sha256();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = output.open(target, false)) {
            while (true) {
                int n;
                try {
                    n = content.read(buffer);
                } catch (IOException e) {
                    throw new ArchiveProblem("the archive is damaged at '" + path + "': " + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new Extracted(path, size, Hashing.hex(digest));
    }

    private static ZipFile openZip(Path archive) throws ArchiveProblem {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new ArchiveProblem("not a zip archive, or a damaged one: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ArchiveProblem("cannot open the zip archive: " + e, e);
        }
    }

    private static InputStream zipStream(ZipFile zip, ZipEntry entry) throws ArchiveProblem {
        try {
            return zip.getInputStream(entry);
        } catch (IOException e) {
            throw new ArchiveProblem("the zip archive is damaged at '" + entry.getName() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads a gzip-compressed tar archive (POSIX ustar with GNU long names and pax path/size records) and hands
     * each regular file to {@code sink}.
     */
    private static void readTar(Path archive, EntrySink sink) throws IOException, ArchiveProblem {
        try (InputStream file = Files.newInputStream(archive)) {
            InputStream in;
            try {
                in = new GZIPInputStream(new BufferedInputStream(file, BUFFER), BUFFER);
            } catch (IOException e) {
                throw new ArchiveProblem("not a gzip-compressed tar archive: " + e.getMessage(), e);
            }
            readTarEntries(in, sink);
        }
    }

    private static void readTarEntries(InputStream in, EntrySink sink) throws IOException, ArchiveProblem {
        byte[] header = new byte[BLOCK];
        String longName = null;
        String paxPath = null;
        long paxSize = -1;
        while (true) {
            int got = readFully(in, header, "a tar header");
            if (got == 0) {
                return; // the archive ends without the two zero blocks; some writers leave them out
            }
            if (got < BLOCK) {
                throw new ArchiveProblem("the tar archive ends in the middle of a header");
            }
            if (allZero(header)) {
                return;
            }
            if (!checksumOk(header)) {
                throw new ArchiveProblem("not a tar archive, or a damaged one (a header's checksum is wrong)");
            }
            char type = (char) header[156];
            long size = paxSize >= 0 ? paxSize : number(header, 124, 12);
            String name = paxPath != null ? paxPath : longName != null ? longName : headerName(header);
            if (type == 'L' || type == 'x') {
                if (size > 1 << 20) {
                    throw new ArchiveProblem("the tar archive has an oversized " + (type == 'L' ? "long name" : "pax")
                            + " record");
                }
                byte[] data = new byte[(int) size];
                if (readFully(in, data, "a tar record") < size) {
                    throw new ArchiveProblem("the tar archive ends in the middle of a record");
                }
                skip(in, padding(size));
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                } else {
                    Map<String, String> pax = pax(data);
                    paxPath = pax.getOrDefault("path", paxPath);
                    if (pax.containsKey("size")) {
                        try {
                            paxSize = Long.parseLong(pax.get("size"));
                        } catch (NumberFormatException e) {
                            throw new ArchiveProblem("the tar archive has a bad pax size '" + pax.get("size") + "'",
                                    e);
                        }
                    }
                }
                continue;
            }
            longName = null;
            paxPath = null;
            paxSize = -1;
            BoundedStream content = new BoundedStream(in, size);
            if ((type == '0' || type == '\0' || type == '7') && !name.endsWith("/")) {
                sink.accept(name, content);
            }
            content.drain();
            skip(in, padding(size));
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static String headerName(byte[] header) throws ArchiveProblem {
        String name = cString(header, 0, 100);
        if (cString(header, 257, 5).equals("ustar")) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        if (name.isEmpty()) {
            throw new ArchiveProblem("the tar archive has an entry without a name");
        }
        return name;
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** An octal number field, or a base-256 one (first byte's high bit set) as GNU tar writes for big sizes. */
    private static long number(byte[] b, int offset, int length) throws ArchiveProblem {
        if ((b[offset] & 0x80) != 0) {
            long v = b[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw new ArchiveProblem("the tar archive has an impossible entry size");
                }
                v = (v << 8) | (b[i] & 0xff);
            }
            return v;
        }
        String text = cString(b, offset, length).trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new ArchiveProblem("the tar archive has a bad number field '" + text + "'", e);
        }
    }

    private static boolean checksumOk(byte[] header) throws ArchiveProblem {
        long stored = number(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        return sum == stored;
    }

    private static Map<String, String> pax(byte[] data) throws ArchiveProblem {
        Map<String, String> values = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new ArchiveProblem("the tar archive has a malformed pax record", e);
            }
            if (length <= 0 || pos + length > data.length || space >= pos + length) {
                throw new ArchiveProblem("the tar archive has a malformed pax record");
            }
            String record = new String(data, space + 1, pos + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                values.put(record.substring(0, eq), record.substring(eq + 1));
            }
            pos += length;
        }
        return values;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads until {@code buffer} is full or the stream ends; returns the count read. */
    private static int readFully(InputStream in, byte[] buffer, String what) throws ArchiveProblem {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new ArchiveProblem("the archive is damaged (reading " + what + "): " + e.getMessage(), e);
        }
    }

    private static void skip(InputStream in, long n) throws ArchiveProblem {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new ArchiveProblem("the tar archive ends in the middle of an entry", e);
        } catch (IOException e) {
            throw new ArchiveProblem("the archive is damaged: " + e.getMessage(), e);
        }
    }

    /** The next {@code size} bytes of a tar stream; reading past them gives end of stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the archive ends " + remaining + " bytes before the end of an entry");
            }
            remaining -= n;
            return n;
        }

        void drain() throws ArchiveProblem {
            Archives.skip(in, remaining);
            remaining = 0;
        }
    }
}
