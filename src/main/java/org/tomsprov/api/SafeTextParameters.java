package org.tomsprov.api;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tomsprov.app.ProblemException;
import org.tomsprov.domain.SafeText;
import org.tomsprov.domain.Violation;

/**
 * Every path and query parameter passes {@link SafeText} before a resource sees it; a query parameter comes at
 * most once (no parameter of this API takes several values: given twice, which one counts would be a guess); and
 * under {@code /api/} a query parameter the request does not take is refused, as an unknown JSON field is (a
 * misspelt filter, {@code stauts=INACTIVE}, would otherwise list everyone). The problem names each one. SCIM
 * clients send standard parameters this service does not offer, which RFC 7644 lets a server ignore.
 */
public class SafeTextParameters {

    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void rejectUnsafeParameters(UriInfo uri, ResourceInfo resource) {
        List<Violation> errors = new ArrayList<>();
        uri.getPathParameters().forEach((name, values) -> values.forEach(v -> SafeText.check(name, v).ifPresent(errors::add)));
        Set<String> known = uri.getPath().startsWith("/api/") && resource.getResourceMethod() != null
                ? declared.computeIfAbsent(resource.getResourceMethod(), SafeTextParameters::queryParameters) : null;
        uri.getQueryParameters().forEach((name, values) -> {
            values.forEach(v -> SafeText.check(name, v).ifPresent(errors::add));
            if (values.size() > 1) {
                errors.add(new Violation(name, "REPEATED_PARAMETER", name + " is given " + values.size()
                        + " times; give it once"));
            }
            if (known != null && !known.contains(name)) {
                errors.add(new Violation(name, "UNKNOWN_PARAMETER", name + " is not a parameter of this request; "
                        + (known.isEmpty() ? "it takes none" : "it takes " + String.join(", ", known))));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private static Set<String> queryParameters(Method method) {
        java.util.SortedSet<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        return java.util.Collections.unmodifiableSortedSet(names);
    }
}
