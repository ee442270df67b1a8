package org.tomsprov.domain;

import java.util.List;

/**
 * Where an RDW reporting permission applies, as RDW holds it: statewide, and the CDS codes of the districts (LEAs)
 * and institutions (schools) of every chain that carried it, each kept as RDW keeps it (a school under a listed
 * district stays listed). This service has no district or school groups, so those lists are always empty.
 */
public record RdwScope(boolean statewide, List<String> districtIds, List<String> districtGroupIds,
        List<String> institutionIds, List<String> institutionGroupIds) {

    public RdwScope {
        districtIds = List.copyOf(districtIds);
        districtGroupIds = List.copyOf(districtGroupIds);
        institutionIds = List.copyOf(institutionIds);
        institutionGroupIds = List.copyOf(institutionGroupIds);
    }

    /** Only schools: not statewide, no districts, no groups, at least one school (RDW's teacher-group condition). */
    public boolean schoolLevelOnly() {
        return !statewide && districtIds.isEmpty() && districtGroupIds.isEmpty() && institutionGroupIds.isEmpty()
                && !institutionIds.isEmpty();
    }
}
