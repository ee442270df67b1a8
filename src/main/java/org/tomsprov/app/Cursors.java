package org.tomsprov.app;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.tomsprov.domain.Violation;

/** Opaque list cursors and page sizes: clients pass back what they got, never build one. */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position inside a cursor, or null for none; a cursor this service did not make is a 400. */
    public static String decode(String cursor, String prefix) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (position.startsWith(prefix) && org.tomsprov.domain.SafeText.isSafe(position)) {
                return position.substring(prefix.length());
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the problem below
        }
        throw invalid();
    }

    /** A numeric position inside a cursor, 0 for none. */
    public static long decodeSequence(String cursor, String prefix) {
        String position = decode(cursor, prefix);
        return position == null ? 0 : number(position);
    }

    /** A number a decoded cursor holds; anything else is a 400. */
    public static long number(String text) {
        if (!text.matches("\\d{1,18}")) {
            throw invalid();
        }
        return Long.parseLong(text);
    }

    private static ProblemException invalid() {
        return ProblemException.validation(List.of(new Violation("cursor", "INVALID_CURSOR",
                "the cursor is not one this list returned")));
    }

    public static int limit(Integer limit) {
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
