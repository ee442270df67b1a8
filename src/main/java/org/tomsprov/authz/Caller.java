package org.tomsprov.authz;

import java.util.Set;

/** Who is calling: a person (identified by email, rights from their assignments) or a service client. */
public sealed interface Caller permits Caller.Person, Caller.Service {

    /** A person, with the assignments and agreements this service holds for them. */
    record Person(String email, Actor actor) implements Caller {
    }

    /** A service client, known by the groups its token carries (cers-service, t4t-service). */
    record Service(String subject, Set<String> groups) implements Caller {
        public Service {
            groups = Set.copyOf(groups);
        }
    }
}
