package org.tomsprov.app.startup;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;

import java.util.function.UnaryOperator;

import org.tomsprov.domain.Email;
import org.tomsprov.persistence.UserRepository;

/**
 * Refuses to start on a database that folds letter case differently from {@link Email#key()}: under a non-UTF-8
 * {@code LC_CTYPE} PostgreSQL's {@code lower()} folds ASCII only, so its unique index would hold {@code É@x.org}
 * and {@code é@x.org} as two people while the service looks both up as one.
 */
@ApplicationScoped
class DatabaseCaseFolding {

    static final String PROBE = "Élodie.İnce.ΣΟΦΙΑΣ@Example.ORG";

    private final UserRepository users;

    DatabaseCaseFolding(UserRepository users) {
        this.users = users;
    }

    @Transactional
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        verify(users::lowerInDatabase);
    }

    static void verify(UnaryOperator<String> databaseLower) {
        String database = databaseLower.apply(PROBE);
        String service = Email.keyOf(PROBE);
        if (!service.equals(database)) {
            throw new IllegalStateException("the database folds letter case differently from the service: lower('"
                    + PROBE + "') is '" + database + "' there and '" + service + "' here, so email addresses beyond"
                    + " ASCII would not compare alike; create the database with a UTF-8 LC_CTYPE, e.g. CREATE DATABASE"
                    + " toms LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' TEMPLATE template0 (deploy/README.md)");
        }
    }
}
