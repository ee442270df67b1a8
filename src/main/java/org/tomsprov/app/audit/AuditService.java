package org.tomsprov.app.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tomsprov.authz.AdministrativeScope;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.persistence.AuditEventRepository;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.app.Cursors;
import org.tomsprov.app.Page;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.identity.CallerContext;

/** The audit trail, read within the caller's administrative scope. */
@ApplicationScoped
public class AuditService {

    /** One audit event as clients see it. */
    public record AuditEvent(long id, OffsetDateTime occurredAt, String requestId, String actor,
            AuditLog.Action action, UUID targetUserId, String orgCode, Map<String, Object> before, Map<String,
            Object> after) {
    }

    private final AuditEventRepository events;
    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final OrganizationRepository organizations;

    AuditService(AuditEventRepository events, CallerContext caller, HierarchyScopeAuthorizer authorizer,
            OrganizationRepository organizations) {
        this.organizations = organizations;
        this.events = events;
        this.caller = caller;
        this.authorizer = authorizer;
    }

    @Transactional
    public Page<AuditEvent> list(UUID userId, String orgCode, String cursor, Integer limit) {
        ProblemException.check(authorizer.administer(caller.caller()));
        int size = Cursors.limit(limit);
        long after = Cursors.decodeSequence(cursor, "audit:");
        AdministrativeScope scope = authorizer.scopeOf(caller.caller());
        List<AuditEventRepository.Row> rows = events.page(
                organizations.scopeIds(scope.statewide(), scope.leaCodes(), scope.schoolCodes()), after, userId, orgCode,
                size + 1);
        boolean more = rows.size() > size;
        List<AuditEvent> items = (more ? rows.subList(0, size) : rows).stream().map(this::event).toList();
        String next = more ? Cursors.encode("audit:" + items.get(items.size() - 1).id()) : null;
        return new Page<>(items, next);
    }

    private AuditEvent event(AuditEventRepository.Row row) {
        return new AuditEvent(row.id(), row.occurredAt(), row.requestId(), row.actor(), AuditLog.Action.valueOf(row.action()),
                row.targetUserId(), row.orgCode(), row.beforeState(), row.afterState());
    }
}
