package org.tomsprov.domain;

import java.util.Objects;

/** One role assignment as the resolver sees it: the role, where it is held (with ancestry), and for which year. */
public record Grant(Role role, OrgPath org, AdministrationYear year) {

    public Grant {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(year, "year");
    }
}
