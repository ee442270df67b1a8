package org.tomsprov.domain;

import java.util.Objects;

/**
 * An email address, the username of a person: kept as written (without spaces around it), compared without regard
 * to letter case.
 * {@link #key()} is the one comparison key everywhere in Java; the database compares {@code lower(email)}, and
 * its unique index is on that.
 */
public record Email(String value) {

    public Email {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The address as people write it, without what surrounds it unseen: spaces of any kind (a no-break space pasted
     * from a web page or a spreadsheet) and invisible format characters (a zero-width space, a byte-order mark).
     */
    public static Email of(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && unseen(raw.codePointAt(start))) {
            start += Character.charCount(raw.codePointAt(start));
        }
        while (end > start && unseen(raw.codePointBefore(end))) {
            end -= Character.charCount(raw.codePointBefore(end));
        }
        return new Email(raw.substring(start, end));
    }

    /** A character that shows nothing: a control, a space of any kind, or an invisible format character. */
    private static boolean unseen(int c) {
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    /**
     * The first character inside the address that shows nothing (a space of any kind, a zero-width or other invisible
     * format character), written {@code U+200B}, if any: two addresses that look the same must be the same.
     */
    public java.util.Optional<String> unseenCharacter() {
        return value.codePoints().filter(Email::unseen).boxed().findFirst().map(c -> String.format("U+%04X", c));
    }

    /** The address as written, or null when none was given: how a request's optional field arrives. */
    public static Email ofNullable(String raw) {
        return raw == null ? null : of(raw);
    }

    /**
     * The comparison key: the address lower-cased as the database's {@code lower()} does ({@link CaseFolding}), so
     * the key Java computes is the one the database's unique index holds.
     */
    public String key() {
        return CaseFolding.lower(value);
    }

    /** The comparison key of a written address (trimmed, lower case). */
    public static String keyOf(String raw) {
        return of(raw).key();
    }

    /**
     * The first character of the address that is not an ASCII letter but lower-cases to one, written for people
     * ({@code "K (U+212A)"}), if any: the Kelvin sign lower-cases to {@code k} and the dotted capital I to
     * {@code i}. Compared by its key, such an address is someone else's plain one ({@code \u212Aate@x.org} is
     * {@code kate@x.org}), so it names nobody: no record takes it, and no token bearing it is anyone.
     */
    public java.util.Optional<String> disguisedLetter() {
        return value.codePoints().filter(c -> c > 127 && Character.toLowerCase(c) < 128).boxed().findFirst()
                .map(c -> Character.toString(c) + " (U+" + String.format("%04X", c) + ")");
    }

    public boolean sameAs(Email other) {
        return key().equals(other.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
