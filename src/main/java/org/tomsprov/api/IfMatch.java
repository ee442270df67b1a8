package org.tomsprov.api;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

import org.tomsprov.app.ProblemException;
import org.tomsprov.app.users.Precondition;

/**
 * An {@code If-Match} header as a condition on a user's version, for the REST API (strong ETags, {@code "3"}) and
 * SCIM (weak ones, {@code W/"3"}) alike: absent or {@code *} always holds; otherwise one of its tags, weak or
 * strong, must name the version, or the change is a 412 that says how to recover.
 */
public final class IfMatch {

    private IfMatch() {
    }

    public static Precondition of(String header, LongFunction<String> stale) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return Precondition.NONE;
        }
        List<String> tags = Arrays.stream(header.split(",")).map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t).map(t -> t.replace("\"", "")).toList();
        return version -> {
            if (!tags.contains(String.valueOf(version))) {
                throw new ProblemException(ProblemException.Kind.STALE, "PRECONDITION_FAILED", stale.apply(version));
            }
        };
    }
}
