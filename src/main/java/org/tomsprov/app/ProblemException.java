package org.tomsprov.app;

import java.util.List;
import java.util.Optional;

import org.tomsprov.authz.Decision;
import org.tomsprov.domain.Violation;

/**
 * A failure the client should hear about: what kind of failure, a stable code, a detail for people and, for
 * validation, the broken fields; or an authorizer's denial as it was. The kind says what went wrong, not how HTTP
 * spells it: the api package alone maps kinds and denials to statuses. Resources never catch these.
 */
public class ProblemException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The request is malformed or breaks a field rule. */
        INVALID,
        /** The caller may not do this (a denial, or not registered). */
        FORBIDDEN,
        /** The thing does not exist, or not within the caller's reach. */
        NOT_FOUND,
        /** The request conflicts with the current state. */
        CONFLICT,
        /** The caller's condition on the current version does not hold. */
        STALE,
        /** The content is too large. */
        TOO_LARGE,
        /** Well-formed, but its content cannot be used. */
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String code;
    private final List<Violation> errors;
    private final Decision.Deny denial;

    private ProblemException(Kind kind, String code, String detail, List<Violation> errors, Decision.Deny denial) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.denial = denial;
    }

    public ProblemException(Kind kind, String code, String detail, List<Violation> errors) {
        this(kind, code, detail, errors, null);
    }

    public ProblemException(Kind kind, String code, String detail) {
        this(kind, code, detail, List.of(), null);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> errors() {
        return errors;
    }

    /** The authorizer's denial behind this problem, if it is one. */
    public Optional<Decision.Deny> denial() {
        return Optional.ofNullable(denial);
    }

    public static ProblemException validation(List<Violation> errors) {
        return new ProblemException(Kind.INVALID, "VALIDATION_FAILED",
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid", errors);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(Kind.NOT_FOUND, code, detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(Kind.CONFLICT, code, detail);
    }

    public static ProblemException unprocessable(String code, String detail) {
        return new ProblemException(Kind.UNPROCESSABLE, code, detail);
    }

    /** Throws the denial as a problem; does nothing when the decision allows. */
    public static void check(Decision decision) {
        if (decision instanceof Decision.Deny deny) {
            throw denied(deny);
        }
    }

    /** A denial, carried as it is: how a client hears it (403, or 404 where existence must not leak) is the api's. */
    public static ProblemException denied(Decision.Deny deny) {
        return new ProblemException(Kind.FORBIDDEN, deny.code().name(), deny.reason(), List.of(), deny);
    }
}
