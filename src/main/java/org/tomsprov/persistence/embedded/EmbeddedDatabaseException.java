package org.tomsprov.persistence.embedded;

/** The embedded PostgreSQL cannot start or run; the message says why and what to do, in one line. */
public class EmbeddedDatabaseException extends RuntimeException {

    public EmbeddedDatabaseException(String message) {
        super(message);
    }

    public EmbeddedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
