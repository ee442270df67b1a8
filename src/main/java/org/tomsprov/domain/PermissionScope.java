package org.tomsprov.domain;

import java.util.List;

/**
 * Where one permission applies: statewide, or in listed districts (LEAs) and institutions (schools), by CDS code.
 * Normalized: a statewide scope lists nothing else, and no school is listed whose LEA is already listed.
 */
public record PermissionScope(boolean statewide, List<String> districtIds, List<String> institutionIds) {

    public PermissionScope {
        districtIds = List.copyOf(districtIds);
        institutionIds = List.copyOf(institutionIds);
    }
}
