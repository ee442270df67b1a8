package org.tomsprov.app.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.MDC;
import org.tomsprov.persistence.AuditEventEntity;
import org.tomsprov.persistence.AuditEventRepository;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.app.RequestIds;

/**
 * Writes append-only audit events in the caller's transaction: who, what, to whom, where, before, after, when,
 * and the request id.
 */
@ApplicationScoped
public class AuditLog {

    /** What was done. {@link GrantLedger} writes the first three; this class the rest. */
    public enum Action {
        ROLE_GRANTED, ROLE_REVOKED, USER_CREATED, PROFILE_EDITED, STATUS_CHANGED, AGREEMENT_SIGNED,
        ORGANIZATION_CREATED, ORGANIZATIONS_IMPORTED, UPLOAD_COMMITTED, YEAR_TRANSITIONED,
        /** A district's identity provider provisioned the person into its LEA, or changed its externalId for them. */
        SCIM_LINKED,
        /** A district's identity provider deleted the person from its LEA. */
        SCIM_UNLINKED
    }

    private final AuditEventRepository events;
    private final ObjectMapper json;

    AuditLog(AuditEventRepository events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** The author of the events a request writes: the actor, and the request id of this thread's request. */
    public static GrantLedger.Author author(String actor) {
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        return new GrantLedger.Author(actor, requestId == null ? null : requestId.toString());
    }

    /**
     * Records an event about a user that belongs to no one organization (a profile created or edited, a status
     * changed, a form signed). {@code where} are the organizations of the user's roles at that moment: the event is
     * shown to administrators of those organizations, and to state administrators.
     */
    public void recordAboutUser(String actor, Action action, UUID targetUser, java.util.Collection<OrganizationEntity> where,
            Object before, Object after) {
        AuditEventEntity event = event(actor, action, targetUser, null, before, after);
        event.scopeOrgIds = where.stream().map(o -> o.id).distinct().toArray(Long[]::new);
        event.scopeLeaIds = where.stream().map(OrganizationRepository::leaIdOf).filter(java.util.Objects::nonNull)
                .distinct().toArray(Long[]::new);
        events.persist(event);
    }

    public void record(String actor, Action action, UUID targetUser, OrganizationEntity org, Object before, Object after) {
        events.persist(event(actor, action, targetUser, org, before, after));
    }

    private AuditEventEntity event(String actor, Action action, UUID targetUser, OrganizationEntity org, Object before,
            Object after) {
        AuditEventEntity event = new AuditEventEntity();
        event.occurredAt = OffsetDateTime.now();
        event.requestId = author(actor).requestId();
        event.actorEmail = actor;
        event.action = action.name();
        event.targetUserId = targetUser;
        event.org = org;
        event.leaId = org == null ? null : OrganizationRepository.leaIdOf(org);
        event.beforeState = state(before);
        event.afterState = state(after);
        return event;
    }

    /** A state as the JSON object its column keeps: a record or map, by its JSON properties. */
    private Map<String, Object> state(Object state) {
        return state == null ? null : json.convertValue(state, new TypeReference<Map<String, Object>>() { });
    }
}
