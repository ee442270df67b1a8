package org.tomsprov.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.stream.Collectors;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.tomsprov.api.http.AllowedMethods;
import org.tomsprov.api.http.StrictJson;
import org.tomsprov.api.http.StrictParameters;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.authz.DenialCode;
import org.tomsprov.domain.Violation;

/**
 * The exception mappers, one per error family, all answering with {@link Problem}. Resources never catch.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Metrics metrics;
    private final AllowedMethods allowedMethods;

    ProblemMappers(Metrics metrics, AllowedMethods allowedMethods) {
        this.metrics = metrics;
        this.allowedMethods = allowedMethods;
    }

    /** Problems the application raised: validation, authorization denials, conflicts, not found. */
    @ServerExceptionMapper
    public Response application(ProblemException e) {
        e.denial().ifPresent(deny -> metrics.denied(deny.code().name()));
        int status = e.denial().map(deny -> status(deny.code())).orElseGet(() -> status(e.kind()));
        return Problem.response(status, e.code(), title(status), e.detail(), e.errors());
    }

    /** How a client hears a denial: 404 where even existence must not leak, 409/422 for state and data, else 403. */
    static int status(DenialCode code) {
        return switch (code) {
            case USER_OUTSIDE_SCOPE -> 404;
            case ASSIGNMENTS_OUTSIDE_SCOPE -> 409;
            case ROLE_LEVEL_MISMATCH, ORG_CLOSED, PRIMARY_NOT_ALLOWED -> 422;
            default -> 403;
        };
    }

    static int status(ProblemException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case STALE -> 412;
            case TOO_LARGE -> 413;
            case UNPROCESSABLE -> 422;
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Payload too large";
            default -> "Unprocessable request";
        };
    }

    /** Bean Validation on request parameters. */
    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e) {
        List<Violation> errors = e.getConstraintViolations().stream()
                .map(v -> new Violation(field(v.getPropertyPath()), code(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Violation::field))
                .toList();
        return Problem.response(400, "VALIDATION_FAILED", "Invalid request",
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid", errors);
    }

    /** The stable code of a broken constraint: too many items, out of range, or any other invalid value. */
    private static String code(jakarta.validation.ConstraintViolation<?> violation) {
        Class<? extends java.lang.annotation.Annotation> constraint =
                violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (constraint == jakarta.validation.constraints.Size.class && violation.getInvalidValue() instanceof java.util.Collection) {
            return "TOO_MANY_ITEMS";
        }
        if (constraint == jakarta.validation.constraints.NotNull.class
                || constraint == jakarta.validation.constraints.NotBlank.class) {
            return "REQUIRED";
        }
        if (constraint == PageLimit.class || constraint == jakarta.validation.constraints.Min.class
                || constraint == jakarta.validation.constraints.Max.class) {
            return "OUT_OF_RANGE";
        }
        return "INVALID_VALUE";
    }

    /** JSON of the wrong shape: unknown fields, wrong types (more specific than Quarkus' own mapper). */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    /** Request bodies that are not the JSON this API takes. */
    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        var repeated = StrictJson.repeatedField(e);
        if (repeated.isPresent()) {
            String why = repeated.get() + " is given twice; give it once";
            return Problem.response(400, "VALIDATION_FAILED", "Invalid request", why,
                    List.of(new Violation(repeated.get(), "REPEATED_FIELD", why)));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = unknown.getPropertyName();
            return Problem.response(400, "UNKNOWN_FIELD", "Invalid request", "unknown field: " + field,
                    List.of(new Violation(field, "UNKNOWN_FIELD", "this field is not part of the request")));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String field = StrictJson.path(((MismatchedInputException) e).getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]").toList());
            if (e instanceof StrictJson.UnsafeTextException) {
                String why = field + " " + e.getOriginalMessage();
                return Problem.response(400, "VALIDATION_FAILED", "Invalid request", why,
                        List.of(new Violation(field, "INVALID_TEXT", why)));
            }
            String expected = expected(((MismatchedInputException) e).getTargetType());
            return Problem.response(400, "INVALID_VALUE", "Invalid request",
                    field.isEmpty() ? "the body does not have the expected shape"
                            : "invalid value for " + field + (expected == null ? "" : ": it must be " + expected),
                    field.isEmpty() ? List.of() : List.of(new Violation(field, "INVALID_VALUE",
                            expected == null ? "not a valid value here" : "must be " + expected)));
        }
        if (e instanceof JsonParseException) {
            return Problem.response(400, "MALFORMED_JSON", "Invalid request", "the body is not well-formed JSON");
        }
        return Problem.response(400, "INVALID_BODY", "Invalid request", "the body could not be read");
    }

    /** What a JSON value of this type is, in a client's words; null when there is nothing simple to say. */
    static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return null;
    }

    /** No valid token. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(Problem.response(401, "UNAUTHENTICATED", "Unauthorized",
                "a valid bearer token is required")).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "FORBIDDEN", "Forbidden", "you may not do this");
    }

    /** A path or query parameter whose value does not fit its type. */
    @ServerExceptionMapper
    public Response invalidParameter(StrictParameters.InvalidParameterException e) {
        String detail = e.parameter + " must be " + e.expected;
        return Problem.response(400, "VALIDATION_FAILED", "Invalid request", detail,
                List.of(new Violation(e.parameter, e.code, detail)));
    }

    /** JAX-RS routing and content negotiation: unknown path, wrong method, unsupported media type. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            default -> "BAD_REQUEST";
        };
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        Response problem = Problem.response(status, code, title, title.toLowerCase(java.util.Locale.ROOT));
        String allow = status == 405 ? allowedMethods.header(uri.getPath()) : null;
        return allow == null ? problem : Response.fromResponse(problem).header(HttpHeaders.ALLOW, allow).build();
    }

    /**
     * Anything else: an unreachable database is a 503 the client may retry, concurrent writes become 409 (412 when
     * the request named the version it read in {@code If-Match}: that version is stale now); the rest a 500 that
     * says nothing about internals.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders request) {
        return unexpected(e, request.getHeaderString(HttpHeaders.IF_MATCH) != null);
    }

    Response unexpected(Throwable e) {
        return unexpected(e, false);
    }

    private Response unexpected(Throwable e, boolean versionNamed) {
        if (databaseUnavailable(e)) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return unavailable();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return application(problem);
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return versionNamed ? Problem.response(412, "PRECONDITION_FAILED", "Precondition failed",
                        "it changed since you read it; read it again and retry with the new ETag")
                        : Problem.response(409, "CONCURRENT_MODIFICATION", "Conflict",
                                "someone else changed this at the same time; read it again and retry");
            }
            if (malformedMultipart(t)) {
                return Problem.response(400, "BAD_REQUEST", "Bad Request", "the multipart/form-data body is"
                        + " malformed or ends early; send the file as one complete part named file");
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return Problem.response(409, "CONFLICT", "Conflict",
                        "the change conflicts with one made at the same time; read again and retry");
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.transaction.RollbackException) {
                LOG.warnf(e, "transaction rolled back at commit");
                return unavailable();
            }
        }
        LOG.error("unexpected failure", e);
        return Problem.response(500, "INTERNAL_ERROR", "Internal Server Error",
                "something went wrong on our side; quote the request id when reporting it");
    }

    /**
     * A multipart body the parser could not read to its end: malformed, or cut off before its closing boundary (the
     * parser's own exception, or an I/O failure it raises while parsing).
     */
    private static boolean malformedMultipart(Throwable t) {
        StackTraceElement[] at = t.getStackTrace();
        return t.getClass().getName().endsWith("MultipartParser$MalformedMessageException")
                || t instanceof java.io.IOException && at.length > 0
                        && at[0].getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart.");
    }

    /**
     * Whether the failure is the database being away (refused or broken connections, a server shutting down or
     * starting up, no connection to be had from the pool) rather than a fault of the request or of this service.
     */
    /** The database is away, or it rolled the transaction back at commit: nothing was changed, a retry may succeed. */
    private static Response unavailable() {
        return Response.fromResponse(Problem.response(503, "SERVICE_UNAVAILABLE", "Service Unavailable",
                "the database is not reachable right now; nothing was changed; retry shortly"))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    static boolean databaseUnavailable(Throwable e) {
        return databaseUnavailable(e, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    /** A lost or refused connection anywhere in the causes, or in the suppressed exceptions a commit attaches. */
    private static boolean databaseUnavailable(Throwable e, java.util.Set<Throwable> seen) {
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql instanceof java.sql.SQLTransientConnectionException
                        || (sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout"))) {
                    return true;
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (databaseUnavailable(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The field a violation is about, as a client names it: a parameter by its name, a body's field by its path in
     * the body ({@code roles[0].orgCode}, {@code emails[1]}).
     */
    static String field(jakarta.validation.Path path) {
        String parameter = "";
        StringBuilder field = new StringBuilder();
        for (jakarta.validation.Path.Node node : path) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT -> {
                    if (node.isInIterable()) {
                        field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                    }
                    if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
                default -> { }
            }
        }
        return field.isEmpty() ? parameter : field.toString();
    }
}
