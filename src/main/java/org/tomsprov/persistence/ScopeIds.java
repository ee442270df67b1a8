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

    /**
     * The rows of {@link #rowCondition}, as one condition per LEA and per school ({@code leaColumn = :scopeLea0}, ...,
     * {@code orgColumn = :scopeSchool0}, ...), bound into {@code parameters}: for a query that reads each from its own
     * index range, in that index's order. Not for a statewide scope, which has no ids.
     */
    public List<String> conditionsPerId(String leaColumn, String orgColumn, Map<String, Object> parameters) {
        if (statewide) {
            throw new IllegalStateException("a statewide scope has no ids to read by");
        }
        List<String> conditions = new java.util.ArrayList<>();
        for (int i = 0; i < leaIds.size(); i++) {
            conditions.add(leaColumn + " = :scopeLea" + i);
            parameters.put("scopeLea" + i, leaIds.get(i));
        }
        for (int i = 0; i < schoolIds.size(); i++) {
            conditions.add(orgColumn + " = :scopeSchool" + i);
            parameters.put("scopeSchool" + i, schoolIds.get(i));
        }
        return conditions;
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
