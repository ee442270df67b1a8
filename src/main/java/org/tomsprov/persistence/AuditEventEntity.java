package org.tomsprov.persistence;

import jakarta.persistence.*;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "audit_event")
public class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "actor_email", nullable = false)
    public String actorEmail;

    @Column(nullable = false)
    public String action;

    @Column(name = "target_user_id")
    public UUID targetUserId;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "org_id")
    public OrganizationEntity org;

    @Column(name = "lea_id")
    public Long leaId;

    /** For an event without an organization: the organizations of the target user's roles at the time. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "scope_org_ids")
    public Long[] scopeOrgIds;

    /** The LEAs of {@link #scopeOrgIds} (an LEA's own id for an LEA). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "scope_lea_ids")
    public Long[] scopeLeaIds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_state")
    public Map<String, Object> beforeState;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_state")
    public Map<String, Object> afterState;
}
