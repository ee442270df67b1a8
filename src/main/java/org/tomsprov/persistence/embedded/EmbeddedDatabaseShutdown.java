package org.tomsprov.persistence.embedded;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Stops the embedded PostgreSQL the application started with, last: after HTTP has drained its in-flight requests
 * and the upload jobs have stopped (their observers run earlier), so no acknowledged request loses its database.
 */
@ApplicationScoped
class EmbeddedDatabaseShutdown {

    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) ShutdownEvent event) {
        EmbeddedDatabase.applicationDatabase().ifPresent(EmbeddedDatabase::close);
    }
}
