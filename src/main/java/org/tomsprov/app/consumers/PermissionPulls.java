package org.tomsprov.app.consumers;

import jakarta.enterprise.context.ApplicationScoped;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
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
        authorize(consumer);
        metrics.pulled(consumer.group());
        String key = email == null ? "" : email.trim();
        return cache.get(key, () -> {
            GrantQueries.UserGrants user = grantQueries.byEmail(key)
                    .orElseThrow(() -> ProblemException.notFound("USER_NOT_FOUND", "no user has that email"));
            return PermissionCache.Entry.of(user.userId(), user.email(),
                    resolver.resolve(user.status(), years.current(), user.grants()));
        });
    }
}
