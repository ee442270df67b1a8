package org.tomsprov.app.identity;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Role;
import org.tomsprov.authz.Actor;
import org.tomsprov.authz.Caller;
import org.tomsprov.persistence.UserRepository;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.app.AdministrationYears;

/** Builds what the authorizer knows of a person: their roles this administration year and their signed forms. */
@ApplicationScoped
public class Actors {

    private final UserRepository users;
    private final RoleAssignmentRepository assignments;
    private final AdministrationYears years;
    private final OrganizationRepository organizations;

    Actors(UserRepository users, RoleAssignmentRepository assignments, AdministrationYears years,
            OrganizationRepository organizations) {
        this.organizations = organizations;
        this.users = users;
        this.assignments = assignments;
        this.years = years;
    }

    /** The person with this email as the authorizer sees them now; someone unregistered acts as nobody. */
    public Caller.Person person(String email) {
        return new Caller.Person(email, users.findByEmail(Email.of(email)).map(this::of).orElse(Actor.none()));
    }

    /** The person as the authorizer sees them in {@code year}: their roles and forms of that year. */
    public Caller.Person person(String email, AdministrationYear year) {
        return new Caller.Person(email, users.findByEmail(Email.of(email)).map(u -> of(u, year)).orElse(Actor.none()));
    }

    /**
     * A district's provisioning client acts as its LEA's primary LEA CAASPP coordinator, this year, with the forms
     * signed (its LEA signed the data agreement that enrolled it); an LEA this service does not know gives it no rights.
     */
    public Actor provisioner(String leaCode) {
        return organizations.findByCodeAndType(leaCode, OrgType.LEA)
                .map(lea -> new Actor(List.of(new Actor.Held(Role.LEA_CAASPP_COORDINATOR,
                        OrganizationRepository.pathOf(lea), true)), true))
                .orElse(Actor.none());
    }

    /** An inactive person acts as nobody. */
    public Actor of(UserEntity user) {
        return of(user, years.current());
    }

    private Actor of(UserEntity user, AdministrationYear administrationYear) {
        if (user.status != UserStatus.ACTIVE) {
            return Actor.none();
        }
        RoleAssignmentRepository.RolesInYear roles = assignments.rolesInYear(user.id, administrationYear.toString());
        return new Actor(roles.roles().stream().map(a -> new Actor.Held(a.role(), a.org(), a.primary())).toList(),
                roles.formsSigned() == 2);
    }
}
