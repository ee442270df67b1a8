package org.tomsprov.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a user's role assignments into effective permissions for one administration year.
 *
 * <ul>
 *   <li>Only an ACTIVE user holds permissions; an INACTIVE one resolves to none.</li>
 *   <li>Only assignments of the given administration year count.</li>
 *   <li>Each assignment contributes every permission of its role, scoped to the assigned organization;
 *       scopes are unions, normalized (statewide lists nothing else; a school under a listed LEA is dropped).</li>
 *   <li>Each distinct (permission, organization) grant yields one tenancy chain.</li>
 * </ul>
 */
public final class PermissionResolver {

    private final String clientId;
    private final String clientName;

    public PermissionResolver(String clientId, String clientName) {
        this.clientId = clientId;
        this.clientName = clientName;
    }

    public EffectivePermissions resolve(UserStatus status, AdministrationYear year, List<Grant> grants) {
        Map<CersPermission, ScopeBuilder> scopes = new EnumMap<>(CersPermission.class);
        Map<CersPermission, Set<String>> chains = new EnumMap<>(CersPermission.class);
        if (status == UserStatus.ACTIVE) {
            for (Grant grant : grants) {
                if (!grant.year().equals(year)) {
                    continue;
                }
                for (CersPermission permission : grant.role().permissions()) {
                    scopes.computeIfAbsent(permission, p -> new ScopeBuilder()).add(grant.org());
                    chains.computeIfAbsent(permission, p -> new TreeSet<>())
                            .add(TenancyChain.format(permission, grant.org(), clientId, clientName));
                }
            }
        }
        Map<CersPermission, PermissionScope> permissions = new EnumMap<>(CersPermission.class);
        Map<ReportingPermission, ScopeBuilder> reporting = new EnumMap<>(ReportingPermission.class);
        scopes.forEach((permission, builder) -> {
            permissions.put(permission, builder.build());
            for (ReportingPermission rp : permission.reportingPermissions()) {
                reporting.computeIfAbsent(rp, r -> new ScopeBuilder()).addAll(builder);
            }
        });
        Map<ReportingPermission, PermissionScope> reportingScopes = new EnumMap<>(ReportingPermission.class);
        reporting.forEach((rp, builder) -> reportingScopes.put(rp, builder.build()));
        Map<CersPermission, List<String>> chainLists = new EnumMap<>(CersPermission.class);
        chains.forEach((permission, set) -> chainLists.put(permission, List.copyOf(set)));
        return new EffectivePermissions(status, year, permissions, reportingScopes, chainLists);
    }

    /** Accumulates the organizations of one permission, remembering each school's LEA for normalization. */
    private static final class ScopeBuilder {
        private boolean statewide;
        private final Set<String> districts = new TreeSet<>();
        private final Map<String, String> schoolToLea = new java.util.TreeMap<>();

        void add(OrgPath org) {
            switch (org.level()) {
                case STATE -> statewide = true;
                case LEA -> districts.add(org.lea().code());
                case SCHOOL -> schoolToLea.put(org.school().code(), org.lea().code());
            }
        }

        void addAll(ScopeBuilder other) {
            statewide |= other.statewide;
            districts.addAll(other.districts);
            schoolToLea.putAll(other.schoolToLea);
        }

        PermissionScope build() {
            if (statewide) {
                return new PermissionScope(true, List.of(), List.of());
            }
            List<String> schools = schoolToLea.entrySet().stream()
                    .filter(e -> !districts.contains(e.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            return new PermissionScope(false, List.copyOf(districts), schools);
        }
    }
}
