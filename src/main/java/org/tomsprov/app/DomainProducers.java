package org.tomsprov.app;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.config.TomsConfig;
import org.tomsprov.domain.PermissionResolver;

/** Makes the plain-Java domain and authorization objects injectable. */
public class DomainProducers {

    @Produces
    @Singleton
    HierarchyScopeAuthorizer authorizer() {
        return new HierarchyScopeAuthorizer();
    }

    @Produces
    @Singleton
    PermissionResolver permissionResolver(TomsConfig config) {
        return new PermissionResolver(config.tenancy().clientId(), config.tenancy().clientName());
    }
}
