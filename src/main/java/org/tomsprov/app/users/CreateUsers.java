package org.tomsprov.app.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.consumers.ConsumerDocuments;
import org.tomsprov.app.grants.GrantChecks;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.app.users.Commands.CreateUser;
import org.tomsprov.app.users.Views.UserView;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.PersonRules;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.Place;
import org.tomsprov.persistence.RoleAssignmentRepository;
import org.tomsprov.persistence.UserEntity;
import org.tomsprov.persistence.UserRepository;

/**
 * Adds a person with roles ({@code POST /users}): a new email creates the user, an existing one gets the roles
 * added, and its name overwritten when the caller manages all of the user's roles.
 */
@ApplicationScoped
public class CreateUsers {

    /** The user as the caller sees them afterwards, and whether the person is new. */
    public record Result(UserView user, boolean created) {
    }

    /** A person registered without roles: their id, and whether this created them. */
    public record Registered(UUID id, boolean created) {
    }

    private final UserRepository users;
    private final RoleAssignmentRepository assignments;
    private final UserAccess access;
    private final GrantLedger ledger;
    private final ConsumerDocuments documents;
    private final HierarchyScopeAuthorizer authorizer;
    private final CallerContext caller;
    private final AuditLog audit;
    private final Metrics metrics;

    CreateUsers(UserRepository users, RoleAssignmentRepository assignments, UserAccess access, GrantLedger ledger,
            ConsumerDocuments documents, HierarchyScopeAuthorizer authorizer, CallerContext caller, AuditLog audit,
            Metrics metrics) {
        this.users = users;
        this.assignments = assignments;
        this.access = access;
        this.ledger = ledger;
        this.documents = documents;
        this.authorizer = authorizer;
        this.caller = caller;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Holds the email until the caller's transaction ends ({@code UserRepository#claimEmail}): whatever the caller
     * checks about that email's user next, and the creation after it, no concurrent request changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void claim(Email email) {
        users.claimEmail(email);
    }

    @Transactional
    public Result create(CreateUser command) {
        ProblemException.check(authorizer.administer(caller.caller()));
        String first = PersonRules.normalizeName(command.firstName());
        String last = PersonRules.normalizeName(command.lastName());
        List<Violation> violations = new ArrayList<>(PersonRules.checkProfile(command.email(), first, last,
                command.phone()));
        if (command.roles() == null || command.roles().isEmpty()) {
            violations.add(new Violation("roles", "REQUIRED", "at least one role is required"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        List<GrantChecks.Checked> grants = new ArrayList<>();
        Map<AdministrationYear, List<GrantChecks.Checked>> byYear = new java.util.TreeMap<>();
        for (int i = 0; i < command.roles().size(); i++) {
            AdministrationYear year = access.yearOf(command.roles().get(i), "roles[" + i + "].");
            GrantChecks.Checked grant = access.checkGrant(command.roles().get(i), "roles[" + i + "].", year);
            grants.add(grant);
            byYear.computeIfAbsent(year, y -> new ArrayList<>()).add(grant);
        }
        Email email = command.email();
        GrantLedger.Author by = AuditLog.author(caller.name());
        users.claimEmail(email);
        Optional<UserEntity> found = users.findByEmail(email);
        Optional<UUID> created = found.isPresent() ? Optional.empty() : ledger.createPerson(by,
                new GrantLedger.NewPerson(email, first, last, PersonRules.phone(command.phone()),
                        grants.stream().map(GrantChecks.Checked::place).toList()));
        Optional<UserEntity> existing = created.isPresent() ? Optional.empty()
                : found.or(() -> users.findByEmail(email));
        UUID id = created.orElseGet(() -> existing.orElseThrow().id);
        existing.ifPresent(user -> overwriteProfile(user, first, last, command.phone()));
        List<GrantLedger.Written> written = new ArrayList<>();
        byYear.forEach((year, inYear) -> written.addAll(ledger.grant(by, year.toString(),
                inYear.stream().map(g -> UserAccess.assignment(id, g)).toList())));
        metrics.granted(written.size());
        if (created.isPresent() || written.isEmpty()) {
            documents.changed(List.of(id));
        } else {
            documents.rolesChanged(List.of(id));
        }
        return new Result(access.visibleView(id), created.isPresent());
    }

    /**
     * A person a district's identity provider provisions before it gives them roles (its directory group is mapped
     * to a TOMS role, and the group's members come after the people): created without a role when TOMS does not
     * know them, audited as created at the LEA; the person TOMS knows otherwise, whose profile stays theirs. The
     * caller links them to its LEA. Returns the person's id and whether they were created.
     */
    @Transactional
    public Registered register(Email email, String firstName, String lastName, String phone, Place lea) {
        ProblemException.check(authorizer.administer(caller.caller()));
        String first = PersonRules.normalizeName(firstName);
        String last = PersonRules.normalizeName(lastName);
        List<Violation> violations = PersonRules.checkProfile(email, first, last, phone);
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        users.claimEmail(email);
        Optional<UUID> created = users.findByEmail(email).isPresent() ? Optional.empty()
                : ledger.createPerson(AuditLog.author(caller.name()),
                        new GrantLedger.NewPerson(email, first, last, PersonRules.phone(phone), List.of(lea)));
        created.ifPresent(person -> documents.changed(List.of(person)));
        return new Registered(created.orElseGet(() -> users.findByEmail(email).orElseThrow().id), created.isPresent());
    }

    /** The name (and phone, when given) as the request has them, if the caller manages all of the user's roles. */
    private void overwriteProfile(UserEntity user, String first, String last, String phone) {
        if (!authorizer.manageAll(caller.caller(), access.currentAssignments(user)).allowed()) {
            return;
        }
        Map<String, Object> before = UserAccess.profile(user);
        user.firstName = first;
        user.lastName = last;
        if (phone != null) {
            user.phone = PersonRules.phone(phone);
        }
        if (!before.equals(UserAccess.profile(user))) {
            audit.recordAboutUser(caller.name(), AuditLog.Action.PROFILE_EDITED, user.id, assignments.placesOf(user.id),
                    before, UserAccess.profile(user));
        }
    }
}
