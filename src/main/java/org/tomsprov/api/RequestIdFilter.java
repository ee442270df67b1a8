package org.tomsprov.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.tomsprov.app.RequestIds;

/** Gives every request an id (the caller's X-Request-Id when it is sane), logged and echoed in the response. */
public class RequestIdFilter {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(RequestIds.HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setProperty(RequestIds.MDC_KEY, id);
        MDC.put(RequestIds.MDC_KEY, id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(RequestIds.MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(RequestIds.HEADER, id);
        }
    }
}
