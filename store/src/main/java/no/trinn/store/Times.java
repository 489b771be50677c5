package no.trinn.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How instants are stored: UTC text with exactly nine fraction digits ({@code 2025-03-01T09:30:00.000000000Z}), so
 * that text order is time order, values read back equal the values written, and the database stays readable with
 * the {@code sqlite3} tool.
 */
final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Times() {
    }

    /** The stored form of {@code at}; throws naming {@code field} outside the years 1 to 9999. */
    static String format(Instant at, String field) {
        if (at.isBefore(MIN) || at.isAfter(MAX)) {
            throw new IllegalArgumentException(field + " must lie in the years 1 to 9999, was " + at);
        }
        return FORMAT.format(at);
    }

    /** The instant stored as {@code text}; throws naming {@code field} if it is not one. */
    static Instant parse(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a UTC timestamp: " + text, e);
        }
    }
}
