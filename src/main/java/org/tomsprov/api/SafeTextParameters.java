package org.tomsprov.api;

import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tomsprov.app.ProblemException;
import org.tomsprov.domain.SafeText;
import org.tomsprov.domain.Violation;

/**
 * Every path and query parameter passes {@link SafeText} before a resource sees it, and a query parameter comes at
 * most once (no parameter of this API takes several values: given twice, which one counts would be a guess); the
 * problem names each one.
 */
public class SafeTextParameters {

    @ServerRequestFilter
    public void rejectUnsafeParameters(UriInfo uri) {
        List<Violation> errors = new ArrayList<>();
        uri.getPathParameters().forEach((name, values) -> values.forEach(v -> SafeText.check(name, v).ifPresent(errors::add)));
        uri.getQueryParameters().forEach((name, values) -> {
            values.forEach(v -> SafeText.check(name, v).ifPresent(errors::add));
            if (values.size() > 1) {
                errors.add(new Violation(name, "REPEATED_PARAMETER", name + " is given " + values.size()
                        + " times; give it once"));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
