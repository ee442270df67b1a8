package org.tomsprov.domain;

/**
 * Letter case folded as PostgreSQL's {@code lower()} folds it under a UTF-8 locale: each character on its own, so
 * a text folded here and the same text folded by the database compare equal. Java's {@code String.toLowerCase}
 * would not: it writes {@code İ} as two characters and a word's last {@code Σ} as {@code ς}, where the database
 * writes {@code i} and {@code σ}.
 */
public final class CaseFolding {

    private CaseFolding() {
    }

    public static String lower(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().map(Character::toLowerCase).forEach(folded::appendCodePoint);
        return folded.toString();
    }
}
