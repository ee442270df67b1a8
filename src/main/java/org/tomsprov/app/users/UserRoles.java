package org.tomsprov.app.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.consumers.ConsumerDocuments;
import org.tomsprov.app.grants.GrantChecks;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.app.users.Commands.GrantRole;
import org.tomsprov.app.users.Views.AssignmentView;
import org.tomsprov.authz.Caller;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.RoleAssignmentEntity;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.persistence.UserEntity;

/** Grants one role to a user, and revokes one assignment ({@code /users/{id}/roles}). */
@ApplicationScoped
public class UserRoles {

    private final RoleAssignmentRepository assignments;
    private final UserAccess access;
    private final GrantLedger ledger;
    private final ConsumerDocuments documents;
    private final HierarchyScopeAuthorizer authorizer;
    private final CallerContext caller;
    private final Metrics metrics;

    UserRoles(RoleAssignmentRepository assignments, UserAccess access, GrantLedger ledger, ConsumerDocuments documents,
            HierarchyScopeAuthorizer authorizer, CallerContext caller, Metrics metrics) {
        this.assignments = assignments;
        this.access = access;
        this.ledger = ledger;
        this.documents = documents;
        this.authorizer = authorizer;
        this.caller = caller;
        this.metrics = metrics;
    }

    @Transactional
    public AssignmentView grant(UUID userId, Precondition precondition, GrantRole request) {
        UserEntity user = access.visibleUser(userId);
        precondition.check(user.version);
        AdministrationYear year = access.yearOf(request, "");
        GrantChecks.Checked grant = access.checkGrant(request, "", year);
        GrantLedger.Written written = ledger.grant(AuditLog.author(caller.name()), year.toString(),
                List.of(UserAccess.assignment(user.id, grant))).stream().findFirst()
                .orElseThrow(() -> ProblemException.conflict("ROLE_ALREADY_ASSIGNED", "the user already holds "
                        + grant.role().displayName() + " at " + grant.place().code() + " in " + year));
        metrics.granted(1);
        documents.rolesChanged(List.of(user.id));
        return access.assignmentView(written, grant.place().path().target().name());
    }

    @Transactional
    public void revoke(UUID userId, UUID assignmentId, Precondition precondition) {
        UserEntity user = access.visibleUser(userId);
        precondition.check(user.version);
        Caller c = caller.caller();
        RoleAssignmentEntity assignment = assignments.findByIdOptional(assignmentId)
                .filter(a -> a.user.id.equals(user.id))
                .filter(a -> HierarchyScopeAuthorizer.inScope(c.actor(), OrganizationRepository.pathOf(a.org)))
                .orElseThrow(() -> ProblemException.notFound("ASSIGNMENT_NOT_FOUND", "the user has no such role assignment"));
        ProblemException.check(authorizer.revoke(c, assignment.role,
                OrganizationRepository.pathOf(assignment.org)));
        metrics.revoked(ledger.revoke(AuditLog.author(caller.name()), List.of(assignment.id)).size());
        documents.rolesChanged(List.of(user.id));
    }
}
