package org.tomsprov.app;

import java.util.List;

import org.tomsprov.authz.Decision;
import org.tomsprov.authz.DenialCode;
import org.tomsprov.domain.Violation;

/**
 * A failure that reaches the client as an RFC 9457 problem: HTTP status, stable code, title, detail and, for
 * validation, the broken fields. The application layer decides the status; resources never catch these.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<Violation> errors;

    public ProblemException(int status, String code, String title, String detail, List<Violation> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> errors() {
        return errors;
    }

    public static ProblemException validation(List<Violation> errors) {
        return new ProblemException(400, "VALIDATION_FAILED", "Invalid request",
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid", errors);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, "Not found", detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict", detail);
    }

    public static ProblemException unprocessable(String code, String detail) {
        return new ProblemException(422, code, "Unprocessable request", detail);
    }

    /** Throws the HTTP form of a denial; does nothing when the decision allows. */
    public static void check(Decision decision) {
        if (decision instanceof Decision.Deny deny) {
            throw denied(deny);
        }
    }

    /** A denial as the client sees it: 404 where even existence must not leak, 409/422 for state and data. */
    public static ProblemException denied(Decision.Deny deny) {
        DenialCode code = deny.code();
        return switch (code) {
            case USER_OUTSIDE_SCOPE -> new ProblemException(404, code.name(), "Not found", deny.reason());
            case ASSIGNMENTS_OUTSIDE_SCOPE -> new ProblemException(409, code.name(), "Conflict", deny.reason());
            case ROLE_LEVEL_MISMATCH, ORG_CLOSED, PRIMARY_NOT_ALLOWED ->
                    new ProblemException(422, code.name(), "Unprocessable request", deny.reason());
            default -> new ProblemException(403, code.name(), "Forbidden", deny.reason());
        };
    }
}
