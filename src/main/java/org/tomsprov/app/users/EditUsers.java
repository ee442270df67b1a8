package org.tomsprov.app.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.consumers.ConsumerDocuments;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.app.users.Commands.ProfilePatch;
import org.tomsprov.app.users.Views.UserView;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.persistence.UserRepository;

/**
 * Edits a user's profile or status ({@code PATCH /users/{id}}), which needs authority over every one of the
 * user's assignments. What consumers are served of them is settled when it commits.
 */
@ApplicationScoped
public class EditUsers {

    private final UserRepository users;
    private final RoleAssignmentRepository assignments;
    private final ConsumerDocuments documents;
    private final UserAccess access;
    private final HierarchyScopeAuthorizer authorizer;
    private final CallerContext caller;
    private final AuditLog audit;

    EditUsers(UserRepository users, RoleAssignmentRepository assignments, ConsumerDocuments documents,
            UserAccess access, HierarchyScopeAuthorizer authorizer, CallerContext caller, AuditLog audit) {
        this.users = users;
        this.assignments = assignments;
        this.documents = documents;
        this.access = access;
        this.authorizer = authorizer;
        this.caller = caller;
        this.audit = audit;
    }

    @Transactional
    public UserView patch(UUID id, Precondition precondition, ProfilePatch patch) {
        UserEntity user = access.visibleUser(id);
        precondition.check(user.version);
        ProblemException.check(authorizer.manageAll(caller.caller(), access.currentAssignments(user)));
        List<Violation> violations = new ArrayList<>();
        if (patch.email() != null) {
            violations.addAll(PersonRules.checkEmail("email", patch.email()));
        }
        if (patch.firstName() != null) {
            violations.addAll(PersonRules.checkName("firstName", "first name", PersonRules.normalizeName(patch.firstName())));
        }
        if (patch.lastName() != null) {
            violations.addAll(PersonRules.checkName("lastName", "last name", PersonRules.normalizeName(patch.lastName())));
        }
        if (patch.phoneSet()) {
            violations.addAll(PersonRules.checkPhone("phone", patch.phone()));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        Map<String, Object> before = UserAccess.profile(user);
        UserStatus oldStatus = user.status;
        if (patch.email() != null) {
            Email email = patch.email();
            users.claimEmail(email);
            users.findByEmail(email).filter(other -> !other.id.equals(user.id)).ifPresent(other -> {
                throw ProblemException.conflict("EMAIL_TAKEN", "another user has the email " + email);
            });
            user.email = email.value();
        }
        if (patch.firstName() != null) {
            user.firstName = PersonRules.normalizeName(patch.firstName());
        }
        if (patch.lastName() != null) {
            user.lastName = PersonRules.normalizeName(patch.lastName());
        }
        if (patch.phoneSet()) {
            user.phone = PersonRules.phone(patch.phone());
        }
        if (patch.status() != null) {
            user.status = patch.status();
        }
        Map<String, Object> after = UserAccess.profile(user);
        if (!before.equals(after)) {
            boolean statusChanged = oldStatus != user.status;
            audit.recordAboutUser(caller.name(), statusChanged && sameExceptStatus(before, after)
                    ? AuditLog.Action.STATUS_CHANGED : AuditLog.Action.PROFILE_EDITED, user.id,
                    assignments.placesOf(user.id), before, after);
            user.updatedAt = java.time.OffsetDateTime.now();
            users.flush();
            documents.changed(List.of(user.id));
        }
        return access.visibleView(user.id);
    }

    private static boolean sameExceptStatus(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> a = new HashMap<>(before);
        Map<String, Object> b = new HashMap<>(after);
        a.remove("status");
        b.remove("status");
        return a.equals(b);
    }
}
