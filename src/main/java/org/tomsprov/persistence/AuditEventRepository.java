package org.tomsprov.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEventEntity, Long> {

    /** One event as read for the trail; states are the JSON objects their columns keep. */
    public record Row(long id, OffsetDateTime occurredAt, String requestId, String actor, String action,
            UUID targetUserId, String orgCode, Map<String, Object> beforeState, Map<String, Object> afterState) {
    }

    private final ObjectMapper json;

    AuditEventRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Events after a position, oldest first, that lie in the scope: an event at an organization when that
     * organization is in scope; an event about a user without an organization when one of the places the user held
     * roles at the time is in scope. Optionally about one user, or at one organization or below it.
     */
    public List<Row> page(ScopeIds scope, long after, UUID userId, String orgCode, int limit) {
        StringBuilder sql = new StringBuilder("""
                select e.id, e.occurred_at, e.request_id, e.actor_email, e.action, e.target_user_id, o.code,
                       cast(e.before_state as text), cast(e.after_state as text)
                from audit_event e
                left join organization o on o.id = e.org_id
                left join organization lea on lea.id = e.lea_id
                where e.id > :after and (""")
                .append(scope.rowCondition("e.lea_id", "e.org_id"))
                .append(" or (e.org_id is null and e.target_user_id is not null and ")
                .append(scope.arrayCondition("e.scope_lea_ids", "e.scope_org_ids")).append("))");
        Map<String, Object> params = new HashMap<>();
        scope.bind(params);
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
        params.put("limit", limit);
        var query = getEntityManager().createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Row(((Number) r[0]).longValue(), Rows.time(r[1]), (String) r[2], (String) r[3],
                (String) r[4], (UUID) r[5], (String) r[6], state((String) r[7]), state((String) r[8]))).toList();
    }

    private Map<String, Object> state(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit state is not JSON", e);
        }
    }
}
