package org.tomsprov.domain;

import java.util.Optional;

/**
 * The one rule for text that reaches this service, from any door (JSON bodies, path and query parameters,
 * spreadsheet cells): no NUL or other control character of the C0 range or DEL (no field here takes them), and
 * no half of a UTF-16 surrogate pair without its other half. PostgreSQL would refuse the first and store the
 * second corrupted; people never mean either.
 */
public final class SafeText {

    /** The rule in words for integrators, where a schema cannot state it. */
    public static final String RULE = "Text anywhere in a request (a JSON string, a path or query parameter) carries no"
            + " control character (U+0000-U+001F, U+007F) and no half of a UTF-16 surrogate pair; such text is a 400"
            + " with the field error INVALID_TEXT naming where it was.";

    private SafeText() {
    }

    /** Why the text is refused, or empty when it is acceptable (null is acceptable: absence is another rule). */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return Optional.of(String.format("contains the control character U+%04X", (int) c));
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("contains an unpaired UTF-16 surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains an unpaired UTF-16 surrogate");
            }
        }
        return Optional.empty();
    }

    /** The text with every refused character replaced by U+FFFD, to show people what was sent without storing it. */
    public static String visible(String text) {
        if (text == null || isSafe(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static boolean isSafe(String text) {
        return problem(text).isEmpty();
    }

    /** The violation for a field holding unsafe text, or empty. */
    public static Optional<Violation> check(String field, String text) {
        return problem(text).map(why -> new Violation(field, "INVALID_TEXT", field + " " + why));
    }
}
