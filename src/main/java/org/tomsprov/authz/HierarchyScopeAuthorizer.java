package org.tomsprov.authz;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.Role;

/**
 * The one place that decides who may read and change what. Coordinators act only inside their own LEA, at LEA
 * level or lower, and grant only the roles their own role allows (see {@link AdministeringCapacity}). Every
 * decision is a value: {@link Decision.Allow} or a {@link Decision.Deny} with a code and a reason.
 *
 * <p>The named rules, applied in this order where they apply:
 * <ol>
 *   <li>{@link #personOrProvisioner} — service clients do not administer people (a district's SCIM provisioner
 *       does, as its LEA's primary coordinator, through the SCIM endpoints alone);</li>
 *   <li>{@link #holdsAdministeringRole} — the caller holds a coordinator, superintendent or state role this year;</li>
 *   <li>{@link #signedSecurityAgreements} — both the Test Security Agreement and Affidavit are signed this year;</li>
 *   <li>{@link #roleLevelMatchesOrganization} — a role is granted only at an organization of its level;</li>
 *   <li>{@link #organizationOpen} — nothing new is granted at a CLOSED organization;</li>
 *   <li>{@link #primaryOnlyForLeaCoordinators} — the primary mark belongs to the LEA coordinator roles;</li>
 *   <li>{@link #withinScope} — the organization is one the caller administers (their LEA and its schools, their school);</li>
 *   <li>{@link #roleGrantable} — a capacity reaching that organization may grant that role.</li>
 * </ol>
 */
public final class HierarchyScopeAuthorizer {

    /** May this caller act as an administrator at all (read users, list, audit)? */
    public Decision administer(Caller caller) {
        return personOrProvisioner(caller)
                .and(() -> holdsAdministeringRole(actorOf(caller)))
                .and(() -> signedSecurityAgreements(actorOf(caller)));
    }

    /** May this caller grant {@code role} at {@code target}, optionally as the primary coordinator? */
    public Decision grant(Caller caller, Role role, OrgPath target, boolean primary) {
        return administer(caller)
                .and(() -> roleLevelMatchesOrganization(role, target))
                .and(() -> organizationOpen(target))
                .and(() -> primaryOnlyForLeaCoordinators(role, primary))
                .and(() -> withinScope(actorOf(caller), target))
                .and(() -> roleGrantable(actorOf(caller), role, target));
    }

    /** Revoking an assignment needs the same right as granting it (a closed organization does not matter). */
    public Decision revoke(Caller caller, Role role, OrgPath target) {
        return administer(caller)
                .and(() -> withinScope(actorOf(caller), target))
                .and(() -> roleGrantable(actorOf(caller), role, target));
    }

    /** A user is visible when at least one of their assignments lies in the caller's scope. */
    public Decision see(Caller caller, List<OrgPath> userAssignmentOrgs) {
        return administer(caller).and(() -> {
            Actor actor = actorOf(caller);
            boolean any = userAssignmentOrgs.stream().anyMatch(org -> inScope(actor, org));
            return any ? Decision.allow()
                    : Decision.deny(DenialCode.USER_OUTSIDE_SCOPE, "no such user within your organizations");
        });
    }

    /**
     * Editing a profile or status, or overwriting a profile, needs authority over every one of the user's
     * assignments; otherwise the reason names the organizations outside the caller's authority.
     */
    public Decision manageAll(Caller caller, List<Assignment> assignments) {
        return administer(caller).and(() -> {
            Set<String> outside = new LinkedHashSet<>();
            for (Assignment a : assignments) {
                if (!revoke(caller, a.role(), a.org()).allowed()) {
                    outside.add(a.org().target().code());
                }
            }
            return outside.isEmpty() ? Decision.allow()
                    : Decision.deny(DenialCode.ASSIGNMENTS_OUTSIDE_SCOPE,
                            "the user holds roles you cannot manage, in organization(s) " + String.join(", ", outside));
        });
    }

    /** The roles the caller may grant at {@code target}: the same rules as {@link #grant}, asked of every role. */
    public Set<Role> grantableAt(Caller caller, OrgPath target) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (grant(caller, role, target, false).allowed()) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** Creating and importing organizations is for state administrators. */
    public Decision manageOrganizations(Caller caller) {
        return stateAdministratorOnly(caller);
    }

    /** Only a state administrator switches the administration year, for everyone. */
    public Decision transitionYear(Caller caller) {
        return stateAdministratorOnly(caller);
    }

    private Decision stateAdministratorOnly(Caller caller) {
        return administer(caller).and(() -> actorOf(caller).roles().stream()
                .anyMatch(h -> capacity(h).orElse(null) == AdministeringCapacity.STATE_ADMIN)
                ? Decision.allow()
                : Decision.deny(DenialCode.STATE_ADMINISTRATOR_REQUIRED, "only a state administrator may do this"));
    }

    /** Consumer pulls are for service clients whose token carries {@code group}. */
    public Decision pullAsService(Caller caller, String group) {
        if (caller instanceof Caller.Service service && service.groups().contains(group)) {
            return Decision.allow();
        }
        return Decision.deny(DenialCode.SERVICE_CLIENT_REQUIRED, "this endpoint is for the " + group + " client only");
    }

    /** The caller's own profile and forms: any person. */
    public Decision self(Caller caller) {
        return caller instanceof Caller.Person ? Decision.allow()
                : Decision.deny(DenialCode.PERSON_REQUIRED, "this endpoint is for people");
    }

    /** The SCIM endpoints are for a district's provisioning client, which administers as its LEA's coordinator. */
    public Decision provision(Caller caller) {
        return (caller instanceof Caller.Provisioner ? Decision.allow()
                : Decision.deny(DenialCode.PROVISIONER_REQUIRED,
                        "the SCIM endpoints are for a district's provisioning client (group scim-provisioner)"))
                .and(() -> administer(caller));
    }

    /**
     * The organizations the caller's roles administer, for queries and for showing the caller. It says nothing of
     * whether the caller may act now: {@link #administer} decides that.
     */
    public AdministrativeScope scopeOf(Caller caller) {
        boolean statewide = false;
        Set<String> leas = new HashSet<>();
        Set<String> schools = new HashSet<>();
        for (Actor.Held held : actorOf(caller).roles()) {
            if (capacity(held).isEmpty()) {
                continue;
            }
            switch (held.org().level()) {
                case STATE -> statewide = true;
                case LEA -> leas.add(held.org().lea().code());
                case SCHOOL -> schools.add(held.org().school().code());
            }
        }
        return new AdministrativeScope(statewide, leas, schools);
    }

    /**
     * The administrative scope, the heart of the product: {@code org} lies within what the actor administers when
     * one of their administering roles is held at it or above it (the state covers all, an LEA its schools).
     */
    public static boolean inScope(Actor actor, OrgPath org) {
        return actor.roles().stream().anyMatch(h -> capacity(h).isPresent() && h.org().covers(org));
    }

    /** An assignment as the authorizer sees it. */
    public record Assignment(Role role, OrgPath org) {
    }

    // ---- the named rules

    static Decision personOrProvisioner(Caller caller) {
        return caller instanceof Caller.Service ? Decision.deny(DenialCode.PERSON_REQUIRED,
                "service clients cannot administer users") : Decision.allow();
    }

    static Decision holdsAdministeringRole(Actor actor) {
        return actor.roles().stream().anyMatch(h -> capacity(h).isPresent()) ? Decision.allow()
                : Decision.deny(DenialCode.NOT_AN_ADMINISTRATOR,
                        "you hold no coordinator, superintendent or state administrator role this administration year");
    }

    static Decision signedSecurityAgreements(Actor actor) {
        return actor.agreementsSigned() ? Decision.allow()
                : Decision.deny(DenialCode.SECURITY_AGREEMENT_REQUIRED,
                        "sign the Test Security Agreement and the Test Security Affidavit for this administration year first");
    }

    static Decision roleLevelMatchesOrganization(Role role, OrgPath target) {
        return role.level() == target.level() ? Decision.allow()
                : Decision.deny(DenialCode.ROLE_LEVEL_MISMATCH, role.displayName() + " is granted at "
                        + role.level().withArticle() + ", and " + target.target().code() + " is " + target.level().withArticle());
    }

    static Decision organizationOpen(OrgPath target) {
        return target.target().isOpen() ? Decision.allow()
                : Decision.deny(DenialCode.ORG_CLOSED, target.target().code() + " is closed: no new role can be granted there");
    }

    static Decision primaryOnlyForLeaCoordinators(Role role, boolean primary) {
        return !primary || role.isLeaCoordinator() ? Decision.allow()
                : Decision.deny(DenialCode.PRIMARY_NOT_ALLOWED, "only an LEA CAASPP or ELPAC coordinator can be primary");
    }

    static Decision withinScope(Actor actor, OrgPath target) {
        return inScope(actor, target) ? Decision.allow() : Decision.deny(DenialCode.ORG_OUTSIDE_SCOPE,
                target.target().code() + " is outside the organizations you administer");
    }

    static Decision roleGrantable(Actor actor, Role role, OrgPath target) {
        for (Actor.Held held : actor.roles()) {
            Optional<AdministeringCapacity> capacity = capacity(held);
            if (capacity.isPresent() && held.org().covers(target) && capacity.get().grantable().contains(role)) {
                return Decision.allow();
            }
        }
        return Decision.deny(DenialCode.ROLE_NOT_GRANTABLE,
                "your roles do not allow granting " + role.displayName() + " at " + target.target().code());
    }

    private static Optional<AdministeringCapacity> capacity(Actor.Held held) {
        return AdministeringCapacity.of(held);
    }

    private static Actor actorOf(Caller caller) {
        return caller.actor();
    }

}
