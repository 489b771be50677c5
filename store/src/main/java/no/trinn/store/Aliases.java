package no.trinn.store;

import java.util.regex.Pattern;

/**
 * Rules for client aliases. An alias is the only thing the store keeps about who a client is, so it must be a
 * pseudonym chosen by the clinic (for example {@code p-017} or {@code ravn.3}), never a name, birth date, national
 * identity number, phone number or anything else that identifies a person. The store cannot check that; it checks
 * the form: 1 to 64 characters, each a letter, a digit, {@code '-'}, {@code '_'} or {@code '.'}. Aliases are
 * case-sensitive. Error messages never repeat the alias itself, since it may be a real name typed by mistake.
 */
public final class Aliases {
    /** Longest alias, in characters (Unicode code points). */
    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{Nd}._-]{1," + MAX_LENGTH + "}");

    private Aliases() {
    }

    /** Whether {@code alias} is a well-formed alias (false for null). */
    public static boolean isValid(String alias) {
        return alias != null && VALID.matcher(alias).matches();
    }

    /**
     * Returns {@code alias}, or throws a {@link StoreException} saying what is wrong with its form (without
     * repeating it) if it is null, empty, longer than {@link #MAX_LENGTH} or has a character that is not allowed.
     */
    public static String requireValid(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw new StoreException("client alias must not be empty: give a pseudonym of 1-" + MAX_LENGTH
                    + " letters, digits, '-', '_' or '.'");
        }
        int length = alias.codePointCount(0, alias.length());
        if (length > MAX_LENGTH) {
            throw new StoreException("client alias is " + length + " characters long, at most " + MAX_LENGTH
                    + " are allowed");
        }
        if (!VALID.matcher(alias).matches()) {
            int position = 1;
            for (int i = 0; i < alias.length(); i += Character.charCount(alias.codePointAt(i)), position++) {
                int c = alias.codePointAt(i);
                if (!(Character.isLetter(c) || Character.isDigit(c) || c == '-' || c == '_' || c == '.')) {
                    break;
                }
            }
            throw new StoreException("client alias has a character that is not allowed at position " + position
                    + ": use only letters, digits, '-', '_' or '.' (a pseudonym, never a real name)");
        }
        return alias;
    }
}
