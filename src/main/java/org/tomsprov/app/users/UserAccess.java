package org.tomsprov.app.users;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.grants.GrantChecks;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.app.users.Commands.GrantRole;
import org.tomsprov.app.users.Views.AssignmentView;
import org.tomsprov.app.users.Views.UserView;
import org.tomsprov.authz.Actor;
import org.tomsprov.authz.Caller;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.authz.HierarchyScopeAuthorizer.Assignment;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.RoleAssignmentEntity;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.persistence.ScimLinks;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.persistence.UserRepository;

/**
 * What the users' use cases share: which users and assignments the caller may see, the checks of a requested
 * grant, and the views clients get.
 */
@ApplicationScoped
public class UserAccess {

    private final UserRepository users;
    private final RoleAssignmentRepository assignments;
    private final HierarchyScopeAuthorizer authorizer;
    private final GrantChecks checks;
    private final CallerContext caller;
    private final AdministrationYears years;
    private final OrganizationRepository organizations;
    private final ScimLinks links;

    UserAccess(UserRepository users, RoleAssignmentRepository assignments, HierarchyScopeAuthorizer authorizer,
            GrantChecks checks, CallerContext caller, AdministrationYears years, OrganizationRepository organizations,
            ScimLinks links) {
        this.organizations = organizations;
        this.links = links;
        this.users = users;
        this.assignments = assignments;
        this.authorizer = authorizer;
        this.checks = checks;
        this.caller = caller;
        this.years = years;
    }

    /** A visible user with all their assignments, read once. */
    record Visible(UserEntity user, List<RoleAssignmentEntity> assignments) {
    }

    /** A user the caller may see, with all their assignments; 404 when not: existence outside scope never leaks. */
    Visible visible(UUID id) {
        ProblemException.check(authorizer.administer(caller.caller()));
        UserEntity user = users.findByIdOptional(id).orElseThrow(UserAccess::userNotFound);
        List<RoleAssignmentEntity> all = assignments.forUser(id);
        List<OrgPath> attached = new ArrayList<>(all.stream().map(a -> OrganizationRepository.pathOf(a.org)).toList());
        linkedLeaOrganization().filter(lea -> links.linked(lea.id, id))
                .ifPresent(lea -> attached.add(OrganizationRepository.pathOf(lea)));
        if (!authorizer.see(caller.caller(), attached).allowed()) {
            throw userNotFound();
        }
        return new Visible(user, all);
    }

    /**
     * The LEA whose links count as the caller's people: a SCIM client's own LEA, where the people its identity
     * provider provisioned are attached even before they hold a role there. Empty for everyone else.
     */
    public Optional<OrganizationEntity> linkedLeaOrganization() {
        return caller.caller() instanceof Caller.Provisioner provisioner
                ? organizations.findByCodeAndType(provisioner.leaCode(), OrgType.LEA) : Optional.empty();
    }

    /** The id of {@link #linkedLeaOrganization}. */
    public Optional<Long> linkedLea() {
        return linkedLeaOrganization().map(lea -> lea.id);
    }

    UserEntity visibleUser(UUID id) {
        return visible(id).user();
    }

    /** The assignments among these that lie in the caller's scope: roles held elsewhere stay invisible. */
    List<RoleAssignmentEntity> visibleOnly(List<RoleAssignmentEntity> all) {
        Actor actor = caller.caller().actor();
        return all.stream().filter(a -> HierarchyScopeAuthorizer.inScope(actor, OrganizationRepository.pathOf(a.org)))
                .toList();
    }

    /** A listed user as the caller sees them: with the roles the caller's scope covers, of the years shown. */
    UserView view(UserRepository.ListedUser user, YearsShown shown) {
        Actor actor = caller.caller().actor();
        List<AssignmentView> roles = user.roles().stream()
                .filter(a -> HierarchyScopeAuthorizer.inScope(actor, a.org()))
                .map(a -> shown.view(a.id(), a.role(), a.org().target(), a.administrationYear(), a.primary()))
                .flatMap(Optional::stream)
                .toList();
        return new UserView(user.id(), user.email(), user.firstName(), user.lastName(), user.phone(), user.status(),
                roles, user.version(), user.createdAt(), user.updatedAt());
    }

    /** The user as the caller sees them now, read again after the change this transaction made (see below). */
    UserView visibleView(UUID id) {
        return viewAfterChange(id, yearsShown(null));
    }

    /**
     * The user as the caller sees them after changing them, read again in one query (no entities), whether or not
     * any of their roles is still in the caller's scope (a caller that just revoked the last of them sees the user
     * without roles).
     */
    public UserView viewAfterChange(UUID id, YearsShown shown) {
        return view(users.listed(id, shown.years()).orElseThrow(UserAccess::userNotFound), shown);
    }

    /**
     * Which years' roles views show: the current and the upcoming year, or, when a year is named, that year's alone
     * (earlier years are history, readable but never counted). A year that does not parse is a 400.
     */
    public YearsShown yearsShown(String requested) {
        AdministrationYear current = years.current();
        String upcoming = current.next().toString();
        if (requested == null || requested.isBlank()) {
            return new YearsShown(List.of(current.toString(), upcoming), upcoming);
        }
        try {
            return new YearsShown(List.of(AdministrationYear.parse(requested.trim()).toString()), upcoming);
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new Violation("administrationYear", "INVALID_YEAR", e.getMessage())));
        }
    }

    /** The years a view shows, and which year is the upcoming one. */
    public record YearsShown(List<String> years, String upcoming) {

        /** The shown assignments among these, in their order, each marked upcoming or not. */
        public List<AssignmentView> views(List<RoleAssignmentEntity> roles) {
            return roles.stream()
                    .map(a -> view(a.id, a.role, OrganizationRepository.toDomain(a.org), a.administrationYear, a.primary))
                    .flatMap(Optional::stream)
                    .toList();
        }

        /** The assignment as views show it, marked upcoming or not; none when its year is not shown. */
        Optional<AssignmentView> view(UUID id, Role role, Organization org, String year, boolean primary) {
            return years.contains(year) ? Optional.of(new AssignmentView(id, role, org.code(), org.name(), year,
                    primary, year.equals(upcoming))) : Optional.empty();
        }
    }

    /** The user's assignments of the current year, as the authorizer weighs them. */
    List<Assignment> currentAssignments(UserEntity user) {
        return assignments.rolesInYear(user.id, years.current().toString()).roles().stream()
                .map(a -> new Assignment(a.role(), a.org()))
                .toList();
    }

    /**
     * The year a requested grant is for: the current one when none is named, or the upcoming one; any other is a
     * 400 naming the field ({@code fieldPrefix} + administrationYear).
     */
    AdministrationYear yearOf(GrantRole request, String fieldPrefix) {
        AdministrationYear current = years.current();
        if (request.administrationYear() == null || request.administrationYear().isBlank()) {
            return current;
        }
        AdministrationYear year;
        try {
            year = AdministrationYear.parse(request.administrationYear());
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new Violation(fieldPrefix + "administrationYear", "INVALID_YEAR",
                    e.getMessage())));
        }
        if (!year.equals(current) && !year.equals(current.next())) {
            throw ProblemException.validation(List.of(new Violation(fieldPrefix + "administrationYear", "YEAR_NOT_OPEN",
                    "roles are granted for the current year " + current + " or the upcoming one " + current.next())));
        }
        return year;
    }

    /**
     * A requested grant for {@code year} through {@link GrantChecks}, as a problem when it fails: 400 naming the
     * field ({@code fieldPrefix} + roleId or orgCode), or the authorizer's denial. A second primary coordinator in
     * the year is a 409.
     */
    public GrantChecks.Checked checkGrant(GrantRole request, String fieldPrefix, AdministrationYear year) {
        GrantChecks.Result result = checks.grant(caller.caller(), request.roleId(), request.orgCode(),
                Boolean.TRUE.equals(request.primary()), year);
        if (result instanceof GrantChecks.Invalid invalid) {
            List<Violation> violations = new ArrayList<>();
            for (GrantChecks.Error e : invalid.errors()) {
                violations.add(new Violation(fieldPrefix + (e.field() == GrantChecks.Field.ROLE ? "roleId" : "orgCode"),
                        e.code(), e.message()));
            }
            throw ProblemException.validation(violations);
        }
        if (result instanceof GrantChecks.Denied denied) {
            throw ProblemException.denied(denied.deny());
        }
        GrantChecks.Checked grant = (GrantChecks.Checked) result;
        if (grant.primary()) {
            assignments.findPrimary(grant.role(), grant.place().id(), year.toString()).ifPresent(p -> {
                throw ProblemException.conflict("PRIMARY_EXISTS", grant.place().code() + " already has a primary "
                        + grant.role().displayName() + " in " + year);
            });
        }
        return grant;
    }

    /** The assignment to write for a checked grant. */
    static GrantLedger.NewAssignment assignment(UUID userId, GrantChecks.Checked grant) {
        return new GrantLedger.NewAssignment(userId, grant.role(), grant.place(), grant.primary());
    }

    static UserView view(UserEntity user, List<RoleAssignmentEntity> roles, YearsShown shown) {
        return new UserView(user.id, user.email, user.firstName, user.lastName, user.phone, user.status,
                shown.views(roles), user.version, user.createdAt, user.updatedAt);
    }

    AssignmentView assignmentView(GrantLedger.Written a, String orgName) {
        return new AssignmentView(a.id(), a.role(), a.orgCode(), orgName, a.administrationYear(), a.primary(),
                a.administrationYear().equals(yearsShown(null).upcoming()));
    }

    /** A user's profile as audit events record it before and after a change. */
    static java.util.Map<String, Object> profile(UserEntity user) {
        java.util.Map<String, Object> profile = new java.util.LinkedHashMap<>();
        profile.put("email", user.email);
        profile.put("firstName", user.firstName);
        profile.put("lastName", user.lastName);
        profile.put("phone", user.phone);
        profile.put("status", user.status.name());
        return profile;
    }

    public static ProblemException userNotFound() {
        return ProblemException.notFound("USER_NOT_FOUND", "no such user within your organizations");
    }
}
