package org.tomsprov.domain;

import java.util.Objects;

/**
 * An email address, the username of a person: kept as written (trimmed), compared without regard to letter case.
 * {@link #key()} is the one comparison key everywhere in Java; the database compares {@code lower(email)}, and
 * its unique index is on that.
 */
public record Email(String value) {

    public Email {
        Objects.requireNonNull(value, "value");
    }

    /** The address as people write it, trimmed. */
    public static Email of(String raw) {
        return new Email(raw.trim());
    }

    /** The address as written, or null when none was given: how a request's optional field arrives. */
    public static Email ofNullable(String raw) {
        return raw == null ? null : of(raw);
    }

    /**
     * The comparison key: each character lower-cased on its own, as PostgreSQL's {@code lower()} does under a UTF-8
     * locale, so the key Java computes is the one the database's unique index holds. Java's
     * {@code String.toLowerCase} would not be: it writes {@code İ} as two characters and a word's last {@code Σ} as
     * {@code ς}, where the database writes {@code i} and {@code σ}.
     */
    public String key() {
        StringBuilder key = new StringBuilder(value.length());
        value.codePoints().map(Character::toLowerCase).forEach(key::appendCodePoint);
        return key.toString();
    }

    /** The comparison key of a written address (trimmed, lower case). */
    public static String keyOf(String raw) {
        return of(raw).key();
    }

    public boolean sameAs(Email other) {
        return key().equals(other.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
