package org.tomsprov.app.consumers;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.PermissionResolver;
import org.tomsprov.persistence.GrantQueries;

/** What every consumer's pull shares: the client check, the metric, and a user's effective permissions, cached. */
@ApplicationScoped
class PermissionPulls {

    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final GrantQueries grantQueries;
    private final PermissionResolver resolver;
    private final AdministrationYears years;
    private final Metrics metrics;
    private final PermissionCache cache;

    PermissionPulls(CallerContext caller, HierarchyScopeAuthorizer authorizer, GrantQueries grantQueries,
            PermissionResolver resolver, AdministrationYears years, Metrics metrics, PermissionCache cache) {
        this.caller = caller;
        this.authorizer = authorizer;
        this.grantQueries = grantQueries;
        this.resolver = resolver;
        this.years = years;
        this.metrics = metrics;
        this.cache = cache;
    }

    /** Refuses any caller but the consumer's own service client. */
    void authorize(Consumer consumer) {
        ProblemException.check(authorizer.pullAsService(caller.caller(), consumer.group()));
    }

    /** A pull by the consumer: its client checked and counted, the user's permissions from the cache when current. */
    PermissionCache.Entry pull(Consumer consumer, String email) {
        Email address = Email.of(email == null ? "" : email);
        PermissionCache.Entry entry = pullAll(consumer, List.of(address)).get(address.key());
        if (entry == null) {
            throw ProblemException.notFound("USER_NOT_FOUND", "no user has that email");
        }
        return entry;
    }

    /**
     * Many users at once, by their email's key: what the cache holds, and the rest read in one query. Emails no
     * user has are absent.
     */
    Map<String, PermissionCache.Entry> pullAll(Consumer consumer, List<Email> emails) {
        authorize(consumer);
        metrics.pulled(consumer.group());
        return cache.getAll(emails, missing -> {
            Map<String, PermissionCache.Entry> loaded = new HashMap<>();
            grantQueries.byEmails(missing).forEach((key, user) -> loaded.put(key, PermissionCache.Entry.of(
                    user.userId(), user.email(), resolver.resolve(user.status(), years.current(), user.grants()))));
            return loaded;
        });
    }
}
