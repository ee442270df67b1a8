package org.tomsprov.authz;

import java.util.List;

import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.Role;

/**
 * A person acting as an administrator: the roles they hold in the current administration year and whether they
 * have signed both security forms for that year.
 */
public record Actor(List<Held> roles, boolean agreementsSigned) {

    public Actor {
        roles = List.copyOf(roles);
    }

    /** One role the actor holds, where, and whether it is the primary coordinator designation. */
    public record Held(Role role, OrgPath org, boolean primary) {
    }

    public static Actor none() {
        return new Actor(List.of(), false);
    }
}
