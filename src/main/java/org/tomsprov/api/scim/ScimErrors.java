package org.tomsprov.api.scim;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import org.tomsprov.api.Problem;

/**
 * Under {@code /scim/}, every error leaves as a SCIM error (RFC 7644 section 3.12) rather than a problem: the
 * same status and detail, the TOMS code in front of the detail, and the {@code scimType} its family maps to. The
 * exception mappers stay the only place errors are made; this only changes how they are written for SCIM clients.
 */
public class ScimErrors {

    static final MediaType SCIM_JSON = MediaType.valueOf(ScimJson.MEDIA_TYPE);

    /** TOMS codes (of a problem, or of its first invalid field) and the scimType each means. */
    private static final Map<String, String> SCIM_TYPES = Map.ofEntries(
            Map.entry("INVALID_FILTER", "invalidFilter"),
            Map.entry("INVALID_SYNTAX", "invalidSyntax"),
            Map.entry("MALFORMED_JSON", "invalidSyntax"),
            Map.entry("INVALID_BODY", "invalidSyntax"),
            Map.entry("REPEATED_FIELD", "invalidSyntax"),
            Map.entry("NO_TARGET", "noTarget"),
            Map.entry("INVALID_PATH", "invalidPath"),
            Map.entry("MUTABILITY", "mutability"),
            Map.entry("USER_EXISTS", "uniqueness"),
            Map.entry("EXTERNAL_ID_TAKEN", "uniqueness"),
            Map.entry("EMAIL_TAKEN", "uniqueness"),
            Map.entry("ROLE_ALREADY_ASSIGNED", "uniqueness"),
            Map.entry("PRIMARY_EXISTS", "uniqueness"));

    @ServerResponseFilter
    public void rewrite(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && request.getUriInfo().getPath().startsWith("/scim/")) {
            response.setEntity(of(problem), null, SCIM_JSON);
        }
    }

    public static ScimJson.Error of(Problem problem) {
        String fieldCode = problem.errors() == null || problem.errors().isEmpty() ? null : problem.errors().get(0).code();
        String type = fieldCode != null && SCIM_TYPES.containsKey(fieldCode) ? SCIM_TYPES.get(fieldCode)
                : SCIM_TYPES.get(problem.code());
        if (type == null && problem.status() == 400) {
            type = "invalidValue";
        }
        StringBuilder detail = new StringBuilder(problem.code()).append(": ").append(problem.detail());
        if (problem.errors() != null && !problem.errors().isEmpty()) {
            detail.setLength(0);
            detail.append(problem.code());
            problem.errors().forEach(e -> detail.append("; ").append(e.field()).append(": ").append(e.message()));
        }
        return new ScimJson.Error(List.of(ScimJson.ERROR_SCHEMA), String.valueOf(problem.status()), type,
                detail.toString());
    }
}
