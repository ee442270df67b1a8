package org.tomsprov.app.grants;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.identity.Actors;
import org.tomsprov.authz.Caller;
import org.tomsprov.authz.Decision;
import org.tomsprov.authz.DenialCode;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.Role;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.Place;

/**
 * The checks every grant and revocation goes through, whether a person asks for one or an upload row does: the
 * role by id or display name, the organization by CDS code, then the {@link HierarchyScopeAuthorizer}. The lookup
 * only finds candidates (a code names up to two organizations); whether the role may be granted there (level,
 * closed, scope, grantability) is the authorizer's decision alone. The caller turns the result into its own form:
 * a problem response, or a row error.
 */
@ApplicationScoped
public class GrantChecks {

    /** Which part of a request a result is about. */
    public enum Field { ROLE, ORGANIZATION }

    /** What a check found. */
    public sealed interface Result permits Checked, Invalid, Denied {
    }

    /** Passed: the role, where, and the primary mark. */
    public record Checked(Role role, Place place, boolean primary) implements Result {
    }

    /** The request names no role or no organization: data errors, each about one field. */
    public record Invalid(List<Error> errors) implements Result {
    }

    /** One data error. */
    public record Error(Field field, String code, String message) {
    }

    /** The authorizer refused. */
    public record Denied(Decision.Deny deny) implements Result {
        /** The field a refusal is about: the role when it is not grantable, else the organization. */
        public Field field() {
            return deny.code() == DenialCode.ROLE_NOT_GRANTABLE ? Field.ROLE : Field.ORGANIZATION;
        }
    }

    private final HierarchyScopeAuthorizer authorizer;
    private final OrganizationRepository organizations;
    private final AdministrationYears years;
    private final Actors actors;

    GrantChecks(HierarchyScopeAuthorizer authorizer, OrganizationRepository organizations, AdministrationYears years,
            Actors actors) {
        this.authorizer = authorizer;
        this.organizations = organizations;
        this.years = years;
        this.actors = actors;
    }

    /** May {@code caller} grant this role at this organization in the current year? Organizations from the database. */
    public Result grant(Caller caller, String roleText, String orgCode, boolean primary) {
        return grant(caller, roleText, orgCode, primary, organizations::candidates, years.current());
    }

    /** As {@link #grant(Caller, String, String, boolean)}, for {@code year}. */
    public Result grant(Caller caller, String roleText, String orgCode, boolean primary, AdministrationYear year) {
        return grant(caller, roleText, orgCode, primary, organizations::candidates, year);
    }

    /** As {@link #grant(Caller, String, String, boolean)}, for {@code year}, with organizations from {@code lookup}. */
    public Result grant(Caller caller, String roleText, String orgCode, boolean primary,
            Function<String, List<Place>> lookup, AdministrationYear year) {
        return check(roleText, orgCode, lookup, (role, place) -> {
            Decision decision = decideGrant(caller, role, place.path(), primary, year);
            return decision instanceof Decision.Deny deny ? new Denied(deny) : new Checked(role, place, primary);
        });
    }

    /**
     * The authorizer's decision on a grant for {@code year}. For the upcoming year a person acts with their current
     * roles or, once designated and signed for that year, with their roles of that year; the first refusal is the
     * one reported.
     */
    public Decision decideGrant(Caller caller, Role role, OrgPath target, boolean primary, AdministrationYear year) {
        Decision decision = authorizer.grant(caller, role, target, primary);
        if (decision.allowed() || year.equals(years.current()) || !(caller instanceof Caller.Person person)) {
            return decision;
        }
        Decision asOfThatYear = authorizer.grant(actors.person(person.email(), year), role, target, primary);
        return asOfThatYear.allowed() ? asOfThatYear : decision;
    }

    /** May {@code caller} revoke this role at this organization? */
    public Result revoke(Caller caller, String roleText, String orgCode, Function<String, List<Place>> lookup) {
        return check(roleText, orgCode, lookup, (role, place) -> {
            Decision decision = authorizer.revoke(caller, role, place.path());
            return decision instanceof Decision.Deny deny ? new Denied(deny) : new Checked(role, place, false);
        });
    }

    private Result check(String roleText, String orgCode, Function<String, List<Place>> lookup,
            java.util.function.BiFunction<Role, Place, Result> decide) {
        List<Error> errors = new ArrayList<>();
        String roleName = roleText == null ? "" : roleText.trim();
        Optional<Role> role = Role.parse(roleName);
        if (roleName.isEmpty()) {
            errors.add(new Error(Field.ROLE, "REQUIRED", "a role is required"));
        } else if (role.isEmpty()) {
            errors.add(new Error(Field.ROLE, "UNKNOWN_ROLE", "no role is called " + roleName));
        }
        String code = orgCode == null ? "" : orgCode.trim();
        List<Place> candidates = List.of();
        if (code.isEmpty()) {
            errors.add(new Error(Field.ORGANIZATION, "REQUIRED", "an organization code is required"));
        } else {
            candidates = lookup.apply(code);
            if (candidates.isEmpty()) {
                errors.add(new Error(Field.ORGANIZATION, "ORGANIZATION_NOT_FOUND", "no organization has the code " + code));
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return decide.apply(role.get(), ofLevel(candidates, role.get()));
    }

    /** The candidate of the role's level, else the first one: the authorizer then says why it does not fit. */
    private static Place ofLevel(List<Place> candidates, Role role) {
        return candidates.stream().filter(p -> p.path().level() == role.level()).findFirst().orElse(candidates.get(0));
    }
}
