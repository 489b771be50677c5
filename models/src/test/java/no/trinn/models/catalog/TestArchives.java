package no.trinn.models.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small archives in memory for tests: ustar tar (pax records for long names) in gzip, and zip. */
final class TestArchives {
    private TestArchives() {
    }

    /** A gzip-compressed tar of {@code files} (path to content), in iteration order. */
    static byte[] tgz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                String name = e.getKey();
                if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
                    String record = "path=" + name + "\n";
                    int length = record.length() + 3;
                    while (Integer.toString(length).length() + 1 + record.length() != length) {
                        length = Integer.toString(length).length() + 1 + record.length();
                    }
                    byte[] pax = (length + " " + record).getBytes(StandardCharsets.UTF_8);
                    entry(gz, "PaxHeader/long", 'x', pax);
                    name = "long-name-replaced-by-pax";
                }
                entry(gz, name, '0', e.getValue());
            }
            gz.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void entry(GZIPOutputStream out, String name, char type, byte[] data) throws IOException {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, String.format("%011o", 1_700_000_000L));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[155] = ' ';
        out.write(h);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] h, int offset, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    /** A zip of {@code files} (path to content; a path ending in '/' is a folder entry). */
    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
