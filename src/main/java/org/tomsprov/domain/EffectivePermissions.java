package org.tomsprov.domain;

import java.util.List;
import java.util.Map;

/**
 * What one user may do in CERS and Tools for Teachers in one administration year: each CERS permission with
 * its normalized scope, the RDW reporting permissions as RDW derives them from the user's chains, and the tenancy
 * chains of each permission.
 */
public record EffectivePermissions(
        UserStatus status,
        AdministrationYear year,
        Map<CersPermission, PermissionScope> permissions,
        Map<ReportingPermission, RdwScope> reportingPermissions,
        Map<CersPermission, List<String>> chainsByPermission) {

    public EffectivePermissions {
        permissions = Map.copyOf(permissions);
        reportingPermissions = Map.copyOf(reportingPermissions);
        chainsByPermission = Map.copyOf(chainsByPermission);
    }

    public boolean has(CersPermission permission) {
        return permissions.containsKey(permission);
    }

    /** Every tenancy chain joined the way RDW's {@code sbacTenancyChain} attribute holds them: by commas. */
    public String sbacTenancyChain() {
        return String.join(",", tenancyChains());
    }

    /** Every tenancy chain, sorted. */
    public List<String> tenancyChains() {
        return chainsByPermission.values().stream().flatMap(List::stream).sorted().toList();
    }

    /** The tenancy chains of one permission, sorted; empty when the user lacks it. */
    public List<String> tenancyChains(CersPermission permission) {
        return chainsByPermission.getOrDefault(permission, List.of());
    }
}
