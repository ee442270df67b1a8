package org.tomsprov.app.users;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tomsprov.domain.Role;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.PermissionChangeRepository;
import org.tomsprov.persistence.RoleAssignmentEntity;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.audit.AuditLog;

/**
 * Writes and removes role assignments together with their audit event and permission-change feed entry, in the
 * caller's transaction. Rights are checked before; this only records.
 */
@ApplicationScoped
public class AssignmentWriter {

    private final RoleAssignmentRepository assignments;
    private final PermissionChangeRepository changes;
    private final AuditLog audit;
    private final AdministrationYears years;
    private final Metrics metrics;

    AssignmentWriter(RoleAssignmentRepository assignments, PermissionChangeRepository changes, AuditLog audit,
            AdministrationYears years, Metrics metrics) {
        this.assignments = assignments;
        this.changes = changes;
        this.audit = audit;
        this.years = years;
        this.metrics = metrics;
    }

    /** Grants the role this administration year unless the user holds it there already; returns the assignment. */
    public RoleAssignmentEntity add(String actor, UserEntity user, Role role, OrganizationEntity org, boolean primary) {
        String year = years.current().toString();
        var existing = assignments.find(user.id, role.id(), org.id, year);
        if (existing.isPresent()) {
            return existing.get();
        }
        RoleAssignmentEntity assignment = new RoleAssignmentEntity();
        assignment.id = UUID.randomUUID();
        assignment.user = user;
        assignment.roleId = role.id();
        assignment.org = org;
        assignment.leaId = OrganizationRepository.leaIdOf(org);
        assignment.administrationYear = year;
        assignment.primary = primary;
        assignment.createdAt = OffsetDateTime.now();
        assignments.persist(assignment);
        audit.record(actor, AuditLog.Action.ROLE_GRANTED, user.id, org, null, UserService.assignmentView(assignment));
        changes.append(user.id, user.email);
        metrics.granted(1);
        return assignment;
    }

    public void remove(String actor, UserEntity user, RoleAssignmentEntity assignment) {
        audit.record(actor, AuditLog.Action.ROLE_REVOKED, user.id, assignment.org, UserService.assignmentView(assignment), null);
        assignments.delete(assignment);
        changes.append(user.id, user.email);
        metrics.revoked(1);
    }
}
