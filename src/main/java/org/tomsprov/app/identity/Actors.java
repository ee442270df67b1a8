package org.tomsprov.app.identity;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Role;
import org.tomsprov.authz.Actor;
import org.tomsprov.authz.Caller;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.app.AdministrationYears;

/** Builds what the authorizer knows of a person: their roles this administration year and their signed forms. */
@ApplicationScoped
public class Actors {

    private final RoleAssignmentRepository assignments;
    private final AdministrationYears years;
    private final OrganizationRepository organizations;

    Actors(RoleAssignmentRepository assignments, AdministrationYears years, OrganizationRepository organizations) {
        this.organizations = organizations;
        this.assignments = assignments;
        this.years = years;
    }

    /** The person with this email as the authorizer sees them now; someone unregistered acts as nobody. */
    public Caller.Person person(String email) {
        return identify(email).person();
    }

    /** The person as the authorizer sees them in {@code year}: their roles and forms of that year. */
    public Caller.Person person(String email, AdministrationYear year) {
        return identify(email, year).person();
    }

    /** A caller known by email: their user id when they are registered, and the person the authorizer sees. */
    public record Identified(Optional<UUID> userId, Caller.Person person) {
    }

    /** Who has this email, and what they may do now, read in one round trip. */
    public Identified identify(String email) {
        return identify(email, years.current());
    }

    private Identified identify(String email, AdministrationYear year) {
        Optional<RoleAssignmentRepository.PersonInYear> found = assignments.personInYear(Email.of(email), year.toString());
        return new Identified(found.map(RoleAssignmentRepository.PersonInYear::userId),
                new Caller.Person(email, found.map(Actors::actor).orElse(Actor.none())));
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
    private static Actor actor(RoleAssignmentRepository.PersonInYear person) {
        if (person.status() != UserStatus.ACTIVE) {
            return Actor.none();
        }
        return new Actor(person.held().roles().stream().map(a -> new Actor.Held(a.role(), a.org(), a.primary())).toList(),
                person.held().formsSigned() == 2);
    }
}
