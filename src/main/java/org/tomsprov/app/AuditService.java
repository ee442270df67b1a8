package org.tomsprov.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tomsprov.authz.AdministrativeScope;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.OrgType;
import org.tomsprov.persistence.OrganizationRepository;

/** The audit trail, read within the caller's administrative scope. */
@ApplicationScoped
public class AuditService {

    /** One audit event as clients see it. */
    public record AuditEvent(long id, OffsetDateTime occurredAt, @Schema(nullable = true) String requestId,
            @Schema(description = "Who acted: an email, or system:bootstrap") String actor,
            AuditLog.Action action,
            @Schema(nullable = true) UUID targetUserId, @Schema(nullable = true) String orgCode,
            @Schema(nullable = true, description = "State before the change") Map<String, Object> before,
            @Schema(nullable = true, description = "State after the change") Map<String, Object> after) {
    }

    /** The in-scope condition on an assignment row {@code ra} joined to {@code o} (org) and {@code lea}. */
    private static final String ASSIGNMENT_IN_SCOPE =
            "(:statewide or lea.code in (:scopeLeas) or (o.type = 'SCHOOL' and o.code in (:scopeSchools)))";

    private final EntityManager em;
    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final ObjectMapper json;
    private final OrganizationRepository organizations;

    AuditService(EntityManager em, CallerContext caller, HierarchyScopeAuthorizer authorizer, ObjectMapper json,
            OrganizationRepository organizations) {
        this.organizations = organizations;
        this.em = em;
        this.caller = caller;
        this.authorizer = authorizer;
        this.json = json;
    }

    @Transactional
    public Page<AuditEvent> list(UUID userId, String orgCode, String cursor, Integer limit) {
        ProblemException.check(authorizer.administer(caller.caller()));
        int size = Cursors.limit(limit);
        long after = Cursors.decodeSequence(cursor, "audit:");
        AdministrativeScope scope = authorizer.scopeOf(caller.caller());
        StringBuilder sql = new StringBuilder("""
                select e.id, e.occurred_at, e.request_id, e.actor_email, e.action, e.target_user_id, o.code,
                       cast(e.before_state as text), cast(e.after_state as text)
                from audit_event e
                left join organization o on o.id = e.org_id
                left join organization lea on lea.id = e.lea_id
                where e.id > :after and (""").append(ASSIGNMENT_IN_SCOPE).append("""
                 or (e.org_id is null and e.target_user_id is not null
                     and (e.scope_lea_ids && array[:scopeLeaIds]::bigint[]
                          or e.scope_org_ids && array[:scopeSchoolIds]::bigint[])))""");
        Map<String, Object> params = new HashMap<>(scopeParameters(scope));
        List<Long> leaIds = organizations.ids(OrgType.LEA, scope.leaCodes());
        List<Long> schoolIds = organizations.ids(OrgType.SCHOOL, scope.schoolCodes());
        params.put("scopeLeaIds", leaIds.isEmpty() ? List.of(-1L) : leaIds);
        params.put("scopeSchoolIds", schoolIds.isEmpty() ? List.of(-1L) : schoolIds);
        params.put("after", after);
        if (userId != null) {
            sql.append(" and e.target_user_id = :userId");
            params.put("userId", userId);
        }
        if (orgCode != null) {
            sql.append(" and (o.code = :orgCode or lea.code = :orgCode)");
            params.put("orgCode", orgCode);
        }
        sql.append(" order by e.id limit :limit");
        params.put("limit", size + 1);
        var query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        boolean more = rows.size() > size;
        List<AuditEvent> items = (more ? rows.subList(0, size) : rows).stream().map(this::event).toList();
        String next = more ? Cursors.encode("audit:" + items.get(items.size() - 1).id()) : null;
        return new Page<>(items, next);
    }

    /** Parameters of {@link #ASSIGNMENT_IN_SCOPE}. */
    private static Map<String, Object> scopeParameters(AdministrativeScope scope) {
        return Map.of(
                "statewide", scope.statewide(),
                "scopeLeas", scope.leaCodes().isEmpty() ? List.of("-") : List.copyOf(scope.leaCodes()),
                "scopeSchools", scope.schoolCodes().isEmpty() ? List.of("-") : List.copyOf(scope.schoolCodes()));
    }

    private AuditEvent event(Object[] row) {
        return new AuditEvent(((Number) row[0]).longValue(), time(row[1]), (String) row[2], (String) row[3],
                AuditLog.Action.valueOf((String) row[4]), (UUID) row[5], (String) row[6], state((String) row[7]),
                state((String) row[8]));
    }

    static OffsetDateTime time(Object value) {
        return value instanceof OffsetDateTime o ? o : ((Instant) value).atOffset(ZoneOffset.UTC);
    }

    private Map<String, Object> state(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit state is not JSON", e);
        }
    }
}
