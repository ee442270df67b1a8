package org.tomsprov.authz;

import java.util.Set;

/**
 * The organizations an actor administers, as codes a query can filter by: everything (statewide), whole LEAs
 * (the LEA and all its schools) and single schools.
 */
public record AdministrativeScope(boolean statewide, Set<String> leaCodes, Set<String> schoolCodes) {

    public AdministrativeScope {
        leaCodes = Set.copyOf(leaCodes);
        schoolCodes = Set.copyOf(schoolCodes);
    }

    public static AdministrativeScope empty() {
        return new AdministrativeScope(false, Set.of(), Set.of());
    }

    public boolean coversNothing() {
        return !statewide && leaCodes.isEmpty() && schoolCodes.isEmpty();
    }
}
