package org.tomsprov.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import org.jboss.logging.MDC;
import org.tomsprov.app.RequestIds;
import org.tomsprov.domain.Violation;

/** An RFC 9457 problem, the body of every error this service returns; its OpenAPI schema is {@link OpenApiContract}'s. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** One invalid field. */
    public record FieldError(String field, String code, String message) {
    }

    /** A problem of this code, its type URI derived from the code. */
    public static Problem of(int status, String code, String title, String detail, String requestId, List<FieldError> errors) {
        return new Problem("urn:tomsprov:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                title, status, detail, code, requestId, errors);
    }

    public static Response response(int status, String code, String title, String detail, List<Violation> errors) {
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        List<FieldError> fields = errors == null || errors.isEmpty() ? null
                : errors.stream().map(v -> new FieldError(v.field(), v.code(), v.message())).toList();
        Problem problem = of(status, code, title, detail, requestId == null ? null : requestId.toString(), fields);
        return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }

    public static Response response(int status, String code, String title, String detail) {
        return response(status, code, title, detail, List.of());
    }
}
