package org.tomsprov.authz;

import java.util.Set;

/**
 * Who is calling: a person (identified by email, rights from their assignments), a service client, or a district's
 * identity provider provisioning through SCIM.
 */
public sealed interface Caller permits Caller.Person, Caller.Service, Caller.Provisioner {

    /** What the authorizer weighs of the caller's roles; a service client holds none. */
    Actor actor();

    /** A person, with the assignments and agreements this service holds for them. */
    record Person(String email, Actor actor) implements Caller {
    }

    /** A service client, known by the groups its token carries (cers-service, t4t-service). */
    record Service(String subject, Set<String> groups) implements Caller {
        public Service {
            groups = Set.copyOf(groups);
        }

        @Override
        public Actor actor() {
            return Actor.none();
        }
    }

    /**
     * A district's identity provider, a SCIM client bound to one LEA (its token's {@code lea} claim): it acts with
     * the rights of that LEA's primary LEA CAASPP coordinator, and only through the SCIM endpoints.
     */
    record Provisioner(String subject, String leaCode, Actor actor) implements Caller {
    }
}
