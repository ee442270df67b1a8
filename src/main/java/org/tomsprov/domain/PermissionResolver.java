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
 *   <li>Each assignment contributes every permission of its role, scoped to the assigned organization. The CERS
 *       permission scopes administrators read are normalized (statewide lists nothing else; a school under a listed
 *       LEA is dropped).</li>
 *   <li>Each distinct (permission, organization) grant yields one tenancy chain, and the RDW reporting
 *       permissions are what RDW derives from those chains ({@link RdwPermissions}).</li>
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
        Set<RdwPermissions.Chain> rdwChains = new java.util.LinkedHashSet<>();
        if (status == UserStatus.ACTIVE) {
            for (Grant grant : grants) {
                if (!grant.year().equals(year)) {
                    continue;
                }
                for (CersPermission permission : grant.role().permissions()) {
                    scopes.computeIfAbsent(permission, p -> new ScopeBuilder()).add(grant.org());
                    chains.computeIfAbsent(permission, p -> new TreeSet<>())
                            .add(TenancyChain.format(permission, grant.org(), clientId, clientName));
                    rdwChains.add(new RdwPermissions.Chain(permission.tenancyToken(), grant.org().level(),
                            grant.org().target().code()));
                }
            }
        }
        Map<CersPermission, PermissionScope> permissions = new EnumMap<>(CersPermission.class);
        scopes.forEach((permission, builder) -> permissions.put(permission, builder.build()));
        Map<CersPermission, List<String>> chainLists = new EnumMap<>(CersPermission.class);
        chains.forEach((permission, set) -> chainLists.put(permission, List.copyOf(set)));
        return new EffectivePermissions(status, year, permissions, RdwPermissions.derive(rdwChains), chainLists);
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
