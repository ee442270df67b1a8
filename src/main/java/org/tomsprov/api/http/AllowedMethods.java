package org.tomsprov.api.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Which methods each path serves, read once from the resources' own annotations, so that a 405 names them in
 * {@code Allow} (RFC 9110 section 15.5.6) and {@code OPTIONS} answers exactly them, rather than every method of the
 * class that serves the path.
 */
@ApplicationScoped
public class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w+\\s*(?::\\s*([^}]+))?}");

    private final List<Route> routes = new ArrayList<>();

    AllowedMethods(BeanManager beans) {
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().map(Bean::getBeanClass).distinct()
                .filter(type -> type.isAnnotationPresent(Path.class)).forEach(this::add);
    }

    private void add(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        for (Method method : resource.getMethods()) {
            String http = httpMethod(method);
            if (http != null) {
                Path sub = method.getAnnotation(Path.class);
                routes.add(new Route(pattern(base + "/" + (sub == null ? "" : sub.value())), http));
            }
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** A path template as a pattern of whole paths: each parameter one segment, or its own expression. */
    private static Pattern pattern(String template) {
        String path = ("/" + template).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(path);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(last, parameter.start())))
                    .append(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1).trim() + ")");
            last = parameter.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        return Pattern.compile(regex + "/?");
    }

    /** The methods this path serves (with HEAD where GET is, and OPTIONS), or none when no resource serves it. */
    Set<String> of(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                allowed.add(route.method());
            }
        }
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        if (!allowed.isEmpty()) {
            allowed.add(HttpMethod.OPTIONS);
        }
        return allowed;
    }

    /** The {@code Allow} header's value for this path, or null when no resource serves it. */
    public String header(String path) {
        Set<String> allowed = of(path);
        return allowed.isEmpty() ? null : String.join(", ", allowed);
    }

    /** {@code OPTIONS} on a path a resource serves: 204 with the methods it serves. */
    @ServerRequestFilter(preMatching = true)
    public Response options(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return null;
        }
        String allow = header(request.getUriInfo().getPath());
        return allow == null ? null : Response.noContent().header(HttpHeaders.ALLOW, allow).build();
    }
}
