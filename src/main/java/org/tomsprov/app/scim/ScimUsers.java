package org.tomsprov.app.scim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.app.users.Commands;
import org.tomsprov.app.users.CreateUsers;
import org.tomsprov.app.users.EditUsers;
import org.tomsprov.app.users.Precondition;
import org.tomsprov.app.users.ReadUsers;
import org.tomsprov.app.users.UserAccess;
import org.tomsprov.app.users.UserRoles;
import org.tomsprov.app.users.Views.AssignmentView;
import org.tomsprov.app.users.Views.UserView;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.OrganizationEntity;
import org.tomsprov.persistence.Place;
import org.tomsprov.persistence.ScimLinks;
import org.tomsprov.persistence.UserRepository;

/**
 * SCIM provisioning by a district's identity provider, bound to one LEA: it creates, replaces, patches and
 * removes users with the rights of its LEA's primary LEA CAASPP coordinator, through the same authorizer, grant
 * pipeline, audit and feed as every other door. Its view of a user is a coordinator's: the current year's roles in
 * its LEA, each written {@code ROLE_ID@CDSCODE}; roles elsewhere stay invisible and untouched.
 *
 * <p>A user is the provisioner's when it provisioned them (created or replaced them; a DELETE ends it) or when they
 * hold a role in its LEA for the current or the upcoming year; any other user is not found, so an identity provider
 * creates them again, which adds its roles to the person TOMS already knows.
 */
@ApplicationScoped
public class ScimUsers {

    /** A role entry: the value identity providers send ({@code ROLE_ID@CDSCODE}) and a display text. */
    public record RoleEntry(String value, String display) {
    }

    /** A user as the provisioner sees them. */
    public record ScimUser(UUID id, String externalId, String userName, String givenName, String familyName,
            String phone, boolean active, List<RoleEntry> roles, OffsetDateTime created, OffsetDateTime lastModified,
            long version) {
    }

    /**
     * What the provisioner asks a user to be, whole, as a replace sends it; {@code roles} are role values
     * ({@code ROLE_ID@CDSCODE}, the role's display name accepted for ROLE_ID), or null when the request does not
     * assert them (RFC 7644 section 3.5.1 lets a replace leave out what it does not manage): the LEA's roles stay
     * as they are. The SCIM reader refuses a body without a userName, as the User schema declares.
     */
    public record Desired(Email userName, String givenName, String familyName, String phone, boolean active,
            List<String> roles, Optional<String> externalId) {

        public Desired {
            Objects.requireNonNull(userName, "userName");
            roles = roles == null ? null : List.copyOf(roles);
        }

        /** Whether the request says what the client's id for the person is (null inside: it has none). */
        public boolean assertsExternalId() {
            return externalId != null;
        }
    }

    /** What a listing filters by; every field is optional. */
    public record Query(Email userName, String externalId, Boolean active, OffsetDateTime modifiedAfter,
            boolean modifiedInclusive) {
    }

    /** A page of users and how many the whole listing holds. */
    public record Listed(long total, List<ScimUser> users) {
    }

    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final UserAccess access;
    private final ReadUsers reading;
    private final CreateUsers creating;
    private final EditUsers editing;
    private final UserRoles roles;
    private final AdministrationYears years;
    private final ScimLinks links;
    private final UserRepository people;
    private final AuditLog audit;

    ScimUsers(CallerContext caller, HierarchyScopeAuthorizer authorizer, UserAccess access, ReadUsers reading,
            CreateUsers creating, EditUsers editing, UserRoles roles, AdministrationYears years, ScimLinks links,
            UserRepository people, AuditLog audit) {
        this.links = links;
        this.people = people;
        this.audit = audit;
        this.caller = caller;
        this.authorizer = authorizer;
        this.access = access;
        this.reading = reading;
        this.creating = creating;
        this.editing = editing;
        this.roles = roles;
        this.years = years;
    }

    /** The discovery documents are for provisioning clients too. */
    @Transactional
    public void discover() {
        authorized();
    }

    @Transactional
    public Listed list(Query query, int offset, int count) {
        OrganizationEntity lea = provisioner();
        Email userName = query.userName();
        if (query.externalId() != null) {
            Optional<Email> known = links.byExternalId(lea.id, query.externalId())
                    .flatMap(people::findByIdOptional).map(person -> Email.of(person.email));
            if (known.isEmpty() || userName != null && !userName.sameAs(known.get())) {
                return new Listed(0, List.of());
            }
            userName = known.get();
        }
        ReadUsers.Slice slice = reading.slice(new ReadUsers.Filter(null, null,
                query.active() == null ? null : query.active() ? UserStatus.ACTIVE : UserStatus.INACTIVE, null,
                userName, null, query.modifiedAfter(), query.modifiedInclusive()), offset, count);
        Map<UUID, String> externalIds = links.externalIds(lea.id, slice.items().stream().map(UserView::id).toList());
        return new Listed(slice.total(), slice.items().stream().map(u -> scim(u, externalIds.get(u.id()))).toList());
    }

    @Transactional
    public ScimUser get(UUID id) {
        OrganizationEntity lea = provisioner();
        UserView user = yours(lea, id);
        return scim(user, externalId(lea, user.id()));
    }

    /**
     * Creates the user with their roles, or adds the roles to the person TOMS already knows under that email
     * elsewhere (their profile is theirs and other LEAs'); a user the provisioner already has is a 409. Without
     * roles, the person is registered and linked to the LEA, to be given roles later (by a group's members, or a
     * patch). Either way the person is linked to the LEA, with the client's externalId.
     */
    @Transactional
    public ScimUser create(Desired desired) {
        OrganizationEntity lea = provisioner();
        List<Commands.GrantRole> grants = grants(desired.roles() == null ? List.of() : desired.roles());
        creating.claim(desired.userName());
        reading.slice(new ReadUsers.Filter(null, null, null, null, desired.userName(), null), 0, 1).items()
                .stream().findFirst().ifPresent(user -> {
                    throw ProblemException.conflict("USER_EXISTS", "a user with userName " + desired.userName()
                            + " exists in your LEA: " + user.id());
                });
        UUID id = grants.isEmpty()
                ? creating.register(desired.userName(), desired.givenName(), desired.familyName(), desired.phone(),
                        Place.of(lea)).id()
                : creating.create(new Commands.CreateUser(desired.userName(), desired.givenName(),
                        desired.familyName(), desired.phone(), grants)).user().id();
        String externalId = link(lea, id, desired);
        if (!desired.active()) {
            editing.patch(id, Precondition.NONE, new Commands.ProfilePatch(null, null, null, null, false,
                    UserStatus.INACTIVE));
        }
        return scim(access.viewAfterChange(id, currentYear()), externalId);
    }

    /** Makes the user what {@code desired} says: the profile fields that differ, and the LEA's roles added or revoked. */
    @Transactional
    public ScimUser replace(UUID id, Precondition precondition, Desired desired) {
        OrganizationEntity lea = provisioner();
        UserView user = yours(lea, id);
        precondition.check(user.version());
        return apply(lea, user, desired(lea, user), desired);
    }

    /** Applies {@code change} to the user as the provisioner sees them, then replaces them with the result. */
    @Transactional
    public ScimUser patch(UUID id, Precondition precondition, UnaryOperator<Desired> change) {
        OrganizationEntity lea = provisioner();
        UserView user = yours(lea, id);
        precondition.check(user.version());
        Desired now = desired(lea, user);
        return apply(lea, user, now, change.apply(now));
    }

    /**
     * The user leaves the LEA: every role they hold in it, this year's and the upcoming year's, is revoked. TOMS
     * keeps the person, their history and their roles elsewhere.
     */
    @Transactional
    public void delete(UUID id, Precondition precondition) {
        OrganizationEntity lea = provisioner();
        UserView user = yours(lea, id);
        precondition.check(user.version());
        for (AssignmentView assignment : user.roles()) {
            roles.revoke(id, assignment.id(), Precondition.NONE);
        }
        if (links.unlink(lea.id, id)) {
            audit.recordAboutUser(caller.name(), AuditLog.Action.SCIM_UNLINKED, id, List.of(lea),
                    Map.of("lea", lea.code), null);
        }
    }

    /** Makes the user, who is {@code now}, what {@code desired} says. */
    private ScimUser apply(OrganizationEntity lea, UserView user, Desired now, Desired desired) {
        List<Commands.GrantRole> wanted = desired.roles() == null ? null : grants(desired.roles());
        boolean emailChanged = !desired.userName().sameAs(Email.of(user.email()));
        boolean phoneChanged = !Objects.equals(PersonRules.phone(desired.phone()),
                PersonRules.blankToNull(user.phone()));
        Commands.ProfilePatch patch = new Commands.ProfilePatch(emailChanged ? desired.userName() : null,
                same(desired.givenName(), now.givenName()) ? null : desired.givenName(),
                same(desired.familyName(), now.familyName()) ? null : desired.familyName(),
                desired.phone(), phoneChanged,
                desired.active() == now.active() ? null : desired.active() ? UserStatus.ACTIVE : UserStatus.INACTIVE);
        if (emailChanged || phoneChanged || patch.firstName() != null || patch.lastName() != null || patch.status() != null) {
            editing.patch(user.id(), Precondition.NONE, patch);
        }
        String externalId = link(lea, user.id(), desired);
        if (wanted == null) {
            return scim(access.viewAfterChange(user.id(), currentYear()), externalId);
        }
        Map<String, UUID> held = new LinkedHashMap<>();
        for (AssignmentView a : current(user)) {
            held.put(a.roleId().id() + "@" + a.orgCode(), a.id());
        }
        for (Commands.GrantRole grant : wanted) {
            String key = Role.parse(grant.roleId()).map(Role::id).orElse(grant.roleId()) + "@" + grant.orgCode();
            if (held.remove(key) == null) {
                roles.grant(user.id(), Precondition.NONE, grant);
            }
        }
        for (UUID assignment : held.values()) {
            roles.revoke(user.id(), assignment, Precondition.NONE);
        }
        return scim(access.viewAfterChange(user.id(), currentYear()), externalId);
    }

    /** The grants these role values ask for, in this year; a value that is not ROLE_ID@CDSCODE is a 400. */
    private static List<Commands.GrantRole> grants(List<String> values) {
        List<Commands.GrantRole> grants = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i).trim();
            int at = value.lastIndexOf('@');
            if (at <= 0 || at == value.length() - 1) {
                violations.add(new Violation("roles[" + i + "].value", "INVALID_ROLE_VALUE",
                        "a role is ROLE_ID@CDSCODE, like EDUCATOR_ROSTER@19647331930452"));
            } else if (seen.add(Role.parse(value.substring(0, at)).map(Role::id).orElse(value.substring(0, at))
                    + "@" + value.substring(at + 1))) {
                grants.add(new Commands.GrantRole(value.substring(0, at), value.substring(at + 1), false, null));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        return grants;
    }

    /**
     * The user with their roles in the provisioner's LEA this year and the upcoming one, when they hold any; else
     * 404.
     */
    private UserView yours(OrganizationEntity lea, UUID id) {
        UserView user = reading.get(id, null);
        if (user.roles().isEmpty() && !links.linked(lea.id, id)) {
            throw UserAccess.userNotFound();
        }
        return user;
    }

    /**
     * Links the person to the client's LEA (audited when new), and sets the client's id for them when the request
     * says it; an id the client already gives another person in the LEA is a 409. Returns the person's externalId.
     */
    private String link(OrganizationEntity lea, UUID id, Desired desired) {
        String before = externalId(lea, id);
        boolean linked = links.link(lea.id, id);
        String after = desired.assertsExternalId() ? desired.externalId().orElse(null) : before;
        if (after != null && !after.equals(before)) {
            links.byExternalId(lea.id, after).filter(other -> !other.equals(id)).ifPresent(other -> {
                throw ProblemException.conflict("EXTERNAL_ID_TAKEN", "externalId " + after
                        + " is already another user's in your LEA: " + other);
            });
        }
        if (!Objects.equals(before, after)) {
            links.externalId(lea.id, id, after);
        }
        if (linked || !Objects.equals(before, after)) {
            Map<String, Object> was = new LinkedHashMap<>();
            was.put("externalId", before);
            Map<String, Object> is = new LinkedHashMap<>();
            is.put("lea", lea.code);
            is.put("externalId", after);
            audit.recordAboutUser(caller.name(), AuditLog.Action.SCIM_LINKED, id, List.of(lea), linked ? null : was, is);
        }
        return after;
    }

    private String externalId(OrganizationEntity lea, UUID id) {
        return links.externalIds(lea.id, List.of(id)).get(id);
    }

    private UserAccess.YearsShown currentYear() {
        return access.yearsShown(years.current().toString());
    }

    private static List<AssignmentView> current(UserView user) {
        return user.roles().stream().filter(a -> !a.upcoming()).toList();
    }

    private Desired desired(OrganizationEntity lea, UserView user) {
        return new Desired(Email.of(user.email()), user.firstName(), user.lastName(), user.phone(),
                user.status() == UserStatus.ACTIVE,
                current(user).stream().map(a -> a.roleId().id() + "@" + a.orgCode()).toList(),
                Optional.ofNullable(externalId(lea, user.id())));
    }

    private ScimUser scim(UserView user, String externalId) {
        return new ScimUser(user.id(), externalId, user.email(), user.firstName(), user.lastName(), user.phone(),
                user.status() == UserStatus.ACTIVE,
                current(user).stream()
                        .map(a -> new RoleEntry(a.roleId().id() + "@" + a.orgCode(),
                                a.roleId().displayName() + " at " + a.orgName()))
                        .toList(),
                user.createdAt(), user.updatedAt(), user.version());
    }

    /** Refuses any caller but a district's provisioning client; returns that client's LEA, read once per operation. */
    private OrganizationEntity provisioner() {
        authorized();
        return access.linkedLeaOrganization().orElseThrow(UserAccess::userNotFound);
    }

    private void authorized() {
        ProblemException.check(authorizer.provision(caller.asProvisioner()));
    }

    /** A name asked for is the one held when it is absent or normalizes to it. */
    private static boolean same(String asked, String held) {
        return asked == null || PersonRules.normalizeName(asked).equals(held);
    }
}
