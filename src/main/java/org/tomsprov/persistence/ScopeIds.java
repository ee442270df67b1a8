package org.tomsprov.persistence;

import java.util.List;
import java.util.Map;

/**
 * An administrative scope (see {@code HierarchyScopeAuthorizer#scopeOf}) as the ids a query filters by: everything,
 * whole LEAs (an LEA and all its schools) and single schools. The one place the scope becomes SQL: listings and
 * the audit trail use these conditions, so a change to the rule has one SQL twin, here.
 */
public record ScopeIds(boolean statewide, List<Long> leaIds, List<Long> schoolIds) {

    public ScopeIds {
        leaIds = List.copyOf(leaIds);
        schoolIds = List.copyOf(schoolIds);
    }

    /** A row whose LEA column and organization column lie in scope (an LEA row's LEA column is itself). */
    public String rowCondition(String leaColumn, String orgColumn) {
        return statewide ? "true" : "(" + leaColumn + " in (:scopeLeaIds) or " + orgColumn + " in (:scopeSchoolIds))";
    }

    /** A row whose arrays of LEA ids and organization ids share one with the scope. */
    public String arrayCondition(String leaArrayColumn, String orgArrayColumn) {
        return statewide ? "true" : "(" + leaArrayColumn + " && array[:scopeLeaIds]::bigint[] or " + orgArrayColumn
                + " && array[:scopeSchoolIds]::bigint[])";
    }

    /** The parameters of the conditions (none when statewide); an empty list becomes one id that no row has. */
    public void bind(Map<String, Object> parameters) {
        if (statewide) {
            return;
        }
        parameters.put("scopeLeaIds", leaIds.isEmpty() ? List.of(-1L) : leaIds);
        parameters.put("scopeSchoolIds", schoolIds.isEmpty() ? List.of(-1L) : schoolIds);
    }

    /** Whether the scope is only single schools, which a query can drive from those schools' rows. */
    public boolean schoolsOnly() {
        return !statewide && leaIds.isEmpty();
    }
}
