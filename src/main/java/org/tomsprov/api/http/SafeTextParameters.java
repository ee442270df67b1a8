package org.tomsprov.api.http;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tomsprov.app.ProblemException;
import org.tomsprov.domain.SafeText;
import org.tomsprov.domain.Violation;

/**
 * Every path and query parameter passes {@link SafeText} before a resource sees it; a query parameter comes at
 * most once (no parameter of this API takes several values: given twice, which one counts would be a guess); and
 * under {@code /api/} a query parameter the request does not take is refused, as an unknown JSON field is (a
 * misspelt filter, {@code stauts=INACTIVE}, would otherwise list everyone). The problem names each one. SCIM
 * clients send standard parameters this service does not offer, which RFC 7644 lets a server ignore, with or without
 * a value. A parameter the request takes, given without a value ({@code ?status=}), is refused too, rather than read
 * as absent, unless its declaration allows an empty value.
 */
public class SafeTextParameters {

    /** A method's query parameters, and those whose declaration allows an empty value. */
    private record Declared(Set<String> names, Set<String> mayBeEmpty) {
    }

    private static final Declared NONE = new Declared(Set.of(), Set.of());

    private final Map<Method, Declared> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void rejectUnsafeParameters(UriInfo uri, ResourceInfo resource) {
        List<Violation> errors = new ArrayList<>();
        uri.getPathParameters().forEach((name, values) -> values.forEach(v -> SafeText.check(name, v).ifPresent(errors::add)));
        Method method = resource.getResourceMethod();
        Declared parameters = method == null ? NONE : declared.computeIfAbsent(method, SafeTextParameters::queryParameters);
        Set<String> known = uri.getPath().startsWith("/api/") && method != null ? parameters.names() : null;
        uri.getQueryParameters().forEach((name, values) -> {
            values.forEach(v -> SafeText.check(name, v).ifPresent(errors::add));
            if (values.stream().anyMatch(String::isEmpty) && parameters.names().contains(name)
                    && !parameters.mayBeEmpty().contains(name)) {
                errors.add(new Violation(name, "EMPTY_PARAMETER", name + " is given without a value; give one, or"
                        + " leave the parameter out"));
            }
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

    /**
     * The query parameters the method takes, and those whose OpenAPI declaration allows an empty value
     * ({@code allowEmptyValue}): the one place that says so for clients and for this check.
     */
    private static Declared queryParameters(Method method) {
        SortedSet<String> names = new TreeSet<>();
        Set<String> mayBeEmpty = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            Arrays.stream(annotations).filter(QueryParam.class::isInstance)
                    .map(query -> ((QueryParam) query).value()).findFirst().ifPresent(name -> {
                        names.add(name);
                        if (Arrays.stream(annotations)
                                .anyMatch(a -> a instanceof Parameter declaration && declaration.allowEmptyValue())) {
                            mayBeEmpty.add(name);
                        }
                    });
        }
        return new Declared(Collections.unmodifiableSortedSet(names), Set.copyOf(mayBeEmpty));
    }
}
