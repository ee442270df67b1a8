package org.tomsprov.app.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.app.users.Views.AssignmentView;
import org.tomsprov.app.users.Views.UserView;
import org.tomsprov.authz.Actor;
import org.tomsprov.authz.AdministrativeScope;
import org.tomsprov.authz.Caller;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.authz.HierarchyScopeAuthorizer.Assignment;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.EffectivePermissions;
import org.tomsprov.domain.Grant;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.PermissionResolver;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.PermissionChangeRepository;
import org.tomsprov.persistence.RoleAssignmentEntity;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.persistence.UserRepository;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Cursors;
import org.tomsprov.app.IdempotencyService;
import org.tomsprov.app.Outcome;
import org.tomsprov.app.Page;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.app.organizations.OrganizationService;

/**
 * Users and their role assignments. Every path asks the {@link HierarchyScopeAuthorizer}; every change is
 * audited and lands in the permission-change feed in the same transaction.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final RoleAssignmentRepository assignments;
    private final OrganizationService organizationService;
    private final OrganizationRepository organizations;
    private final PermissionChangeRepository changes;
    private final HierarchyScopeAuthorizer authorizer;
    private final PermissionResolver resolver;
    private final CallerContext caller;
    private final AuditLog audit;
    private final AdministrationYears years;
    private final IdempotencyService idempotency;
    private final EntityManager em;
    private final AssignmentWriter writer;

    UserService(UserRepository users, RoleAssignmentRepository assignments, OrganizationService organizationService,
            OrganizationRepository organizations,
            PermissionChangeRepository changes, HierarchyScopeAuthorizer authorizer, PermissionResolver resolver,
            CallerContext caller, AuditLog audit, AdministrationYears years, IdempotencyService idempotency,
            EntityManager em, AssignmentWriter writer) {
        this.users = users;
        this.assignments = assignments;
        this.organizationService = organizationService;
        this.organizations = organizations;
        this.changes = changes;
        this.authorizer = authorizer;
        this.resolver = resolver;
        this.caller = caller;
        this.audit = audit;
        this.years = years;
        this.idempotency = idempotency;
        this.em = em;
        this.writer = writer;
    }

    /** One role to grant: role id or display name, organization code, and the primary-coordinator mark. */
    public record GrantRole(String roleId, String orgCode, Boolean primary) {
    }

    /** A person to create, or to add roles to when the email exists. */
    public record CreateUser(String email, String firstName, String lastName, String phone, List<GrantRole> roles) {
    }


    /** Changes to a user's profile or status; null fields stay as they are. */
    public record ProfilePatch(String email, String firstName, String lastName, String phone, boolean phoneSet,
            UserStatus status) {
    }

    /** A role grant that passed every check, ready to apply. */
    record CheckedGrant(Role role, OrganizationEntity org, boolean primary) {
    }

    // ---------------------------------------------------------------- create

    @Transactional
    /** 201 with Location for a new user, 200 when the email existed and the roles were added. */
    public Outcome create(CreateUser command, String idempotencyKey) {
        return idempotency.once(caller.name(), idempotencyKey, "POST /api/v1/users", command,
                () -> createOrAddRoles(command));
    }

    private Outcome createOrAddRoles(CreateUser command) {
        ProblemException.check(authorizer.administer(caller.caller()));
        List<Violation> violations = new ArrayList<>(PersonRules.checkProfile(
                PersonRules.normalizeEmail(command.email()), PersonRules.normalizeName(command.firstName()),
                PersonRules.normalizeName(command.lastName()), command.phone()));
        if (command.roles() == null || command.roles().isEmpty()) {
            violations.add(new Violation("roles", "REQUIRED", "at least one role is required"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        List<CheckedGrant> grants = new ArrayList<>();
        for (int i = 0; i < command.roles().size(); i++) {
            grants.add(checkGrant(command.roles().get(i), "roles[" + i + "]."));
        }
        String email = PersonRules.normalizeEmail(command.email());
        Optional<UserEntity> existing = users.findByEmail(email);
        UserEntity user;
        boolean created = existing.isEmpty();
        OffsetDateTime now = OffsetDateTime.now();
        if (created) {
            user = new UserEntity();
            user.id = UUID.randomUUID();
            user.email = email;
            user.firstName = PersonRules.normalizeName(command.firstName());
            user.lastName = PersonRules.normalizeName(command.lastName());
            user.phone = PersonRules.blankToNull(command.phone());
            user.createdAt = now;
            user.updatedAt = now;
            users.persist(user);
            audit.recordAboutUser(caller.name(), AuditLog.Action.USER_CREATED, user.id,
                    grants.stream().map(CheckedGrant::org).toList(), null, profile(user));
        } else {
            user = existing.get();
            if (authorizer.manageAll(caller.caller(), currentAssignments(user)).allowed()) {
                Map<String, Object> before = profile(user);
                user.firstName = PersonRules.normalizeName(command.firstName());
                user.lastName = PersonRules.normalizeName(command.lastName());
                if (command.phone() != null) {
                    user.phone = PersonRules.blankToNull(command.phone());
                }
                if (!before.equals(profile(user))) {
                    audit.recordAboutUser(caller.name(), AuditLog.Action.PROFILE_EDITED, user.id, assignments.placesOf(user.id),
                            before, profile(user));
                }
            }
        }
        List<RoleAssignmentEntity> added = new ArrayList<>();
        for (CheckedGrant grant : grants) {
            if (assignments.find(user.id, grant.role().id(), grant.org().id, years.current().toString()).isEmpty()) {
                added.add(writer.add(caller.name(), user, grant.role(), grant.org(), grant.primary()));
            }
        }
        if (created || !added.isEmpty()) {
            touch(user);
        }
        UserView view = visibleView(user);
        return new Outcome(created ? 201 : 200, created ? "/api/v1/users/" + user.id : null, view, view.etag());
    }

    // ---------------------------------------------------------------- read

    @Transactional
    public UserView get(UUID id) {
        Visible visible = visible(id);
        return view(visible.user(), visibleOnly(visible.assignments()));
    }

    /** A user the caller may see, or 404: existence outside the caller's scope never leaks. */
    public UserEntity visibleUser(UUID id) {
        return visible(id).user();
    }

    /** A visible user with all their assignments, read once. */
    private record Visible(UserEntity user, List<RoleAssignmentEntity> assignments) {
    }

    private Visible visible(UUID id) {
        ProblemException.check(authorizer.administer(caller.caller()));
        UserEntity user = users.findByIdOptional(id).orElseThrow(UserService::userNotFound);
        List<RoleAssignmentEntity> all = assignments.forUser(id);
        List<OrgPath> orgs = all.stream().map(a -> OrganizationRepository.pathOf(a.org)).toList();
        if (!authorizer.see(caller.caller(), orgs).allowed()) {
            throw userNotFound();
        }
        return new Visible(user, all);
    }

    @Transactional
    public Page<UserView> list(String orgCode, String roleId, UserStatus status, String q, String email, String cursor,
            Integer limit) {
        ProblemException.check(authorizer.administer(caller.caller()));
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "user:");
        AdministrativeScope scope = authorizer.scopeOf(caller.caller());
        Role role = null;
        if (roleId != null) {
            role = Role.parse(roleId).orElseThrow(() -> ProblemException.validation(List.of(
                    new Violation("roleId", "UNKNOWN_ROLE", "no role is called " + roleId))));
        }
        List<Long> orgIds = orgCode != null && !orgCode.equals(CdsCodes.STATE_CODE) ? organizations.idsOf(orgCode) : null;
        List<UUID> ids = users.page(new UserRepository.Listing(
                organizations.scopeIds(scope.statewide(), scope.leaCodes(), scope.schoolCodes()), orgIds,
                role == null ? null : role.id(), status, q, email, after), size + 1);
        boolean more = ids.size() > size;
        List<UUID> pageIds = more ? ids.subList(0, size) : ids;
        Map<UUID, UserEntity> byId = new HashMap<>();
        users.list("id in ?1", pageIds).forEach(u -> byId.put(u.id, u));
        Map<UUID, List<RoleAssignmentEntity>> roles = new HashMap<>();
        if (!pageIds.isEmpty()) {
            assignments.forUsers(pageIds)
                    .forEach(a -> roles.computeIfAbsent(a.user.id, k -> new ArrayList<>()).add(a));
        }
        List<UserView> items = pageIds.stream()
                .map(id -> view(byId.get(id), visibleOnly(roles.getOrDefault(id, List.of()))))
                .toList();
        String next = more ? Cursors.encode("user:" + Email.keyOf(items.get(items.size() - 1).email())) : null;
        return new Page<>(items, next);
    }

    // ---------------------------------------------------------------- change

    @Transactional
    public UserView patch(UUID id, String ifMatch, ProfilePatch patch) {
        UserEntity user = visibleUser(id);
        checkIfMatch(user, ifMatch);
        ProblemException.check(authorizer.manageAll(caller.caller(), currentAssignments(user)));
        List<Violation> violations = new ArrayList<>();
        if (patch.email() != null) {
            violations.addAll(PersonRules.checkEmail("email", PersonRules.normalizeEmail(patch.email())));
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
        Map<String, Object> before = profile(user);
        String oldEmail = user.email;
        UserStatus oldStatus = user.status;
        if (patch.email() != null) {
            String email = PersonRules.normalizeEmail(patch.email());
            users.findByEmail(email).filter(other -> !other.id.equals(user.id)).ifPresent(other -> {
                throw ProblemException.conflict("EMAIL_TAKEN", "another user has the email " + email);
            });
            user.email = email;
        }
        if (patch.firstName() != null) {
            user.firstName = PersonRules.normalizeName(patch.firstName());
        }
        if (patch.lastName() != null) {
            user.lastName = PersonRules.normalizeName(patch.lastName());
        }
        if (patch.phoneSet()) {
            user.phone = PersonRules.blankToNull(patch.phone());
        }
        if (patch.status() != null) {
            user.status = patch.status();
        }
        Map<String, Object> after = profile(user);
        if (!before.equals(after)) {
            boolean statusChanged = oldStatus != user.status;
            audit.recordAboutUser(caller.name(), statusChanged && sameExceptStatus(before, after)
                    ? AuditLog.Action.STATUS_CHANGED : AuditLog.Action.PROFILE_EDITED, user.id, assignments.placesOf(user.id),
                    before, after);
            if (statusChanged || !Email.of(oldEmail).sameAs(Email.of(user.email))) {
                changes.append(user.id, user.email);
            }
            touch(user);
        }
        return visibleView(user);
    }

    @Transactional
    public Outcome grant(UUID userId, String ifMatch, GrantRole request, String idempotencyKey) {
        return idempotency.once(caller.name(), idempotencyKey, "POST /api/v1/users/" + userId + "/roles", request, () -> {
            AssignmentView assignment = grantOne(userId, ifMatch, request);
            return new Outcome(201, "/api/v1/users/" + userId + "/roles/" + assignment.id(), assignment, null);
        });
    }

    private AssignmentView grantOne(UUID userId, String ifMatch, GrantRole request) {
        UserEntity user = visibleUser(userId);
        checkIfMatch(user, ifMatch);
        CheckedGrant grant = checkGrant(request, "");
        if (assignments.find(user.id, grant.role().id(), grant.org().id, years.current().toString()).isPresent()) {
            throw ProblemException.conflict("ROLE_ALREADY_ASSIGNED", "the user already holds "
                    + grant.role().displayName() + " at " + grant.org().code + " this administration year");
        }
        RoleAssignmentEntity assignment = writer.add(caller.name(), user, grant.role(), grant.org(), grant.primary());
        touch(user);
        return assignmentView(assignment);
    }

    @Transactional
    public void revoke(UUID userId, UUID assignmentId, String ifMatch) {
        UserEntity user = visibleUser(userId);
        checkIfMatch(user, ifMatch);
        RoleAssignmentEntity assignment = assignments.findByIdOptional(assignmentId)
                .filter(a -> a.user.id.equals(user.id))
                .filter(a -> inCallerScope(OrganizationRepository.pathOf(a.org)))
                .orElseThrow(() -> ProblemException.notFound("ASSIGNMENT_NOT_FOUND", "the user has no such role assignment"));
        ProblemException.check(authorizer.revoke(caller.caller(), Role.valueOf(assignment.roleId),
                OrganizationRepository.pathOf(assignment.org)));
        writer.remove(caller.name(), user, assignment);
        touch(user);
    }

    @Transactional
    public UserPermissions effectivePermissions(UUID id) {
        Visible visible = visible(id);
        List<Grant> grants = visibleOnly(visible.assignments()).stream().map(UserService::grantOf).toList();
        return new UserPermissions(visible.user().id, visible.user().email,
                resolver.resolve(visible.user().status, years.current(), grants));
    }

    /** A user's effective permissions as far as the caller's scope reaches. */
    public record UserPermissions(UUID userId, String email, EffectivePermissions permissions) {
    }

    // ---------------------------------------------------------------- helpers shared with uploads and pulls

    /** Parses and authorizes one grant request: role, organization of the role's level, and the caller's right. */
    CheckedGrant checkGrant(GrantRole request, String fieldPrefix) {
        List<Violation> violations = new ArrayList<>();
        Optional<Role> role = Role.parse(request.roleId());
        if (role.isEmpty()) {
            violations.add(new Violation(fieldPrefix + "roleId", request.roleId() == null ? "REQUIRED" : "UNKNOWN_ROLE",
                    request.roleId() == null ? "a role is required" : "no role is called " + request.roleId()));
        }
        if (request.orgCode() == null || request.orgCode().isBlank()) {
            violations.add(new Violation(fieldPrefix + "orgCode", "REQUIRED", "an organization code is required"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        OrganizationEntity org = organizationService.forGrant(request.orgCode().trim(), role.get().level(), fieldPrefix + "orgCode");
        boolean primary = Boolean.TRUE.equals(request.primary());
        ProblemException.check(authorizer.grant(caller.caller(), role.get(), OrganizationRepository.pathOf(org), primary));
        if (primary) {
            assignments.findPrimary(role.get().id(), org.id, years.current().toString()).ifPresent(p -> {
                throw ProblemException.conflict("PRIMARY_EXISTS", org.code + " already has a primary "
                        + role.get().displayName() + " this administration year");
            });
        }
        return new CheckedGrant(role.get(), org, primary);
    }

    /** The user's assignments of the current year, as the authorizer weighs them. */
    List<Assignment> currentAssignments(UserEntity user) {
        return assignments.forUserInYear(user.id, years.current().toString()).stream()
                .map(a -> new Assignment(Role.valueOf(a.roleId), OrganizationRepository.pathOf(a.org)))
                .toList();
    }

    static Grant grantOf(RoleAssignmentEntity a) {
        return new Grant(Role.valueOf(a.roleId), OrganizationRepository.pathOf(a.org),
                org.tomsprov.domain.AdministrationYear.parse(a.administrationYear));
    }

    private boolean inCallerScope(OrgPath org) {
        Caller c = caller.caller();
        return c instanceof Caller.Person person && HierarchyScopeAuthorizer.inScope(person.actor(), org);
    }

    private List<RoleAssignmentEntity> visibleOnly(List<RoleAssignmentEntity> all) {
        Caller c = caller.caller();
        Actor actor = c instanceof Caller.Person person ? person.actor() : Actor.none();
        return all.stream().filter(a -> HierarchyScopeAuthorizer.inScope(actor, OrganizationRepository.pathOf(a.org))).toList();
    }

    private UserView visibleView(UserEntity user) {
        return view(user, visibleOnly(assignments.forUser(user.id)));
    }

    public static UserView view(UserEntity user, List<RoleAssignmentEntity> roles) {
        return new UserView(user.id, user.email, user.firstName, user.lastName, user.phone, user.status,
                roles.stream().map(UserService::assignmentView).toList(), user.version);
    }

    public static AssignmentView assignmentView(RoleAssignmentEntity a) {
        return new AssignmentView(a.id, Role.valueOf(a.roleId), a.org.code, a.administrationYear, a.primary);
    }

    private void checkIfMatch(UserEntity user, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = String.valueOf(user.version);
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("\"" + current + "\"")) {
                return;
            }
        }
        throw new ProblemException(412, "PRECONDITION_FAILED", "Precondition failed",
                "the user changed since you read it; read it again and retry with the new ETag");
    }

    /** Marks the user changed so their version (ETag) moves, and flushes to learn the new version. */
    private void touch(UserEntity user) {
        user.updatedAt = OffsetDateTime.now();
        em.flush();
    }

    private static Map<String, Object> profile(UserEntity user) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("email", user.email);
        profile.put("firstName", user.firstName);
        profile.put("lastName", user.lastName);
        profile.put("phone", user.phone);
        profile.put("status", user.status.name());
        return profile;
    }

    private static boolean sameExceptStatus(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> a = new HashMap<>(before);
        Map<String, Object> b = new HashMap<>(after);
        a.remove("status");
        b.remove("status");
        return Objects.equals(a, b);
    }

    static ProblemException userNotFound() {
        return ProblemException.notFound("USER_NOT_FOUND", "no such user within your organizations");
    }
}
