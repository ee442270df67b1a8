package org.tomsprov.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * RDW's own derivation of a user's reporting permissions from their tenancy chains, restated so that what CERS
 * reads in {@code permissionsById} is field for field what RDW would derive from the same chains.
 *
 * <ol>
 *   <li>A chain counts only when its role token is one of RDW's reporting roles ({@link #RDW_ROLE_TOKENS}, matched
 *       exactly); RDW drops every other token, the Digital Library's {@code DL_EndUser} on purpose.</li>
 *   <li>The token expands to its reporting permissions; each permission's scope is the union over its chains: a STATE
 *       chain makes it statewide, a DISTRICT chain adds the LEA's code, an INSTITUTION chain the school's code,
 *       nothing folded away.</li>
 *   <li>Teacher groups: every GROUP_PII_READ or INDIVIDUAL_PII_READ whose scope is school-level only gives its
 *       schools to one merged scope; when that is not empty the user also gets TEACHER_GROUP_READ and
 *       TEACHER_GROUP_WRITE with it.</li>
 * </ol>
 */
public final class RdwPermissions {

    /** RDW's {@code ReportingRole} tokens, exactly as RDW matches them (case and spaces count). */
    public static final Set<String> RDW_ROLE_TOKENS =
            Set.of("PII", "PII_GROUP", "GROUP_ADMIN", "CUSTOM_AGGREGATE_REPORTER", "Instructional Resource Admin");

    /** One tenancy chain as RDW reads it: the permission's token, the chain's level and the id at that level. */
    public record Chain(String roleToken, OrgType level, String entityId) {
    }

    private RdwPermissions() {
    }

    public static Map<ReportingPermission, RdwScope> derive(Collection<Chain> chains) {
        Map<ReportingPermission, Builder> scopes = new EnumMap<>(ReportingPermission.class);
        for (Chain chain : chains) {
            if (!RDW_ROLE_TOKENS.contains(chain.roleToken())) {
                continue;
            }
            for (ReportingPermission permission : byToken(chain.roleToken()).reportingPermissions()) {
                scopes.computeIfAbsent(permission, p -> new Builder()).add(chain);
            }
        }
        Map<ReportingPermission, RdwScope> result = new EnumMap<>(ReportingPermission.class);
        scopes.forEach((permission, builder) -> result.put(permission, builder.build()));
        Set<String> teacherGroupSchools = new TreeSet<>();
        for (ReportingPermission pii : List.of(ReportingPermission.GROUP_PII_READ, ReportingPermission.INDIVIDUAL_PII_READ)) {
            RdwScope scope = result.get(pii);
            if (scope != null && scope.schoolLevelOnly()) {
                teacherGroupSchools.addAll(scope.institutionIds());
            }
        }
        if (!teacherGroupSchools.isEmpty()) {
            RdwScope merged = new RdwScope(false, List.of(), List.of(), new ArrayList<>(teacherGroupSchools), List.of());
            result.put(ReportingPermission.TEACHER_GROUP_READ, merged);
            result.put(ReportingPermission.TEACHER_GROUP_WRITE, merged);
        }
        return result;
    }

    private static CersPermission byToken(String token) {
        for (CersPermission permission : CersPermission.values()) {
            if (permission.tenancyToken().equals(token)) {
                return permission;
            }
        }
        throw new IllegalArgumentException("no permission has the token " + token);
    }

    private static final class Builder {
        private boolean statewide;
        private final Set<String> districts = new TreeSet<>();
        private final Set<String> schools = new TreeSet<>();

        void add(Chain chain) {
            switch (chain.level()) {
                case STATE -> statewide = true;
                case LEA -> districts.add(chain.entityId());
                case SCHOOL -> schools.add(chain.entityId());
            }
        }

        RdwScope build() {
            return new RdwScope(statewide, new ArrayList<>(districts), List.of(), new ArrayList<>(schools), List.of());
        }
    }
}
