package org.tomsprov.app.years;

import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.audit.AuditLog;
import org.tomsprov.app.consumers.ConsumerDocuments;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.AdministrationCalendar;
import org.tomsprov.persistence.GrantLedger;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.Place;

/**
 * The administration years: which is current and which upcoming, and the transition that makes the upcoming
 * year current for everyone at once, in one transaction, with every affected user's feed entry and documents.
 */
@ApplicationScoped
public class AdministrationYearService {

    /** A transition or carry-forward at California scale is one transaction over every user: give it time. */
    static final int LONG_TRANSACTION_SECONDS = 1800;

    /** The years: current, upcoming, and every year some role was granted for (latest first). */
    public record Years(String current, String upcoming, List<String> known) {
    }

    /** What a transition changes (or would, on a dry run), overall and per LEA. */
    public record Transition(String year, boolean dryRun, boolean changed, int usersKeepingAccess,
            int usersLosingAccess, int usersGainingAccess, List<LeaTransition> byLea, int stateAdministrators,
            List<Lea> leasWithoutPrimaryCoordinator) {
    }

    /** An LEA, by CDS code and name. */
    public record Lea(String leaCode, String leaName) {
    }

    /** What a transition changes among the people holding roles in one LEA. */
    public record LeaTransition(String leaCode, String leaName, int usersKeepingAccess, int usersLosingAccess,
            int usersGainingAccess) {
    }

    private final AdministrationCalendar calendar;
    private final AdministrationYears years;
    private final ConsumerDocuments documents;
    private final HierarchyScopeAuthorizer authorizer;
    private final CallerContext caller;
    private final AuditLog audit;
    private final GrantLedger ledger;
    private final OrganizationRepository organizations;

    AdministrationYearService(AdministrationCalendar calendar, AdministrationYears years, ConsumerDocuments documents,
            HierarchyScopeAuthorizer authorizer, CallerContext caller, AuditLog audit, GrantLedger ledger,
            OrganizationRepository organizations) {
        this.calendar = calendar;
        this.years = years;
        this.documents = documents;
        this.authorizer = authorizer;
        this.caller = caller;
        this.audit = audit;
        this.ledger = ledger;
        this.organizations = organizations;
    }

    @Transactional
    public Years list() {
        AdministrationYear current = years.current();
        TreeSet<String> known = new TreeSet<>(java.util.Comparator.reverseOrder());
        known.addAll(calendar.yearsWithRoles());
        known.add(current.toString());
        known.add(current.next().toString());
        return new Years(current.toString(), current.next().toString(), new ArrayList<>(known));
    }

    /**
     * Makes {@code year} current. It must be the upcoming year, and someone must be State Administrator in it: a
     * year that would leave the state without one is refused (the preview says how many there would be, and which
     * LEAs would have no primary coordinator); asking for the year already current changes
     * nothing (a transition run twice is one). A dry run counts and changes nothing. Two at once: the second is
     * refused while the first runs.
     */
    @Transactional
    @TransactionConfiguration(timeout = LONG_TRANSACTION_SECONDS)
    public Transition transition(String yearText, boolean dryRun) {
        ProblemException.check(authorizer.transitionYear(caller.caller()));
        AdministrationYear year = parse(yearText);
        if (years.override().isPresent()) {
            throw ProblemException.conflict("YEAR_OVERRIDDEN", "the current year is fixed by toms.administration-year"
                    + " (TOMS_ADMINISTRATION_YEAR); remove the override to run transitions");
        }
        AdministrationYear current;
        try {
            current = AdministrationYear.parse(calendar.lockCurrent());
        } catch (AdministrationCalendar.Busy e) {
            throw ProblemException.conflict("TRANSITION_IN_PROGRESS", "another transition is running; try again");
        }
        if (year.equals(current)) {
            return new Transition(year.toString(), dryRun, false, 0, 0, 0, List.of(),
                    calendar.stateAdministrators(year.toString()), List.of());
        }
        if (!year.equals(current.next())) {
            throw ProblemException.conflict("NOT_THE_UPCOMING_YEAR", "the current year is " + current
                    + "; only the upcoming year " + current.next() + " can become current");
        }
        String from = current.toString();
        String to = year.toString();
        AdministrationCalendar.Counts counts = calendar.counts(from, to);
        Transition answer = new Transition(to, dryRun, !dryRun, counts.keeping(), counts.losing(), counts.gaining(),
                calendar.countsByLea(from, to).stream().map(l -> new LeaTransition(l.leaCode(), l.leaName(),
                        l.keeping(), l.losing(), l.gaining())).toList(), calendar.stateAdministrators(to),
                calendar.leasWithoutPrimaryCoordinator(from, to).stream()
                        .map(l -> new Lea(l.leaCode(), l.leaName())).toList());
        if (dryRun) {
            return answer;
        }
        if (answer.stateAdministrators() == 0) {
            throw ProblemException.conflict("NO_STATE_ADMINISTRATOR", "no active person holds the State Administrator"
                    + " role at CA for " + to + ", so after the transition no one could administer the state; carry the"
                    + " state level forward first (POST /api/v1/administration-years/" + to
                    + "/carry-forward?orgCode=CA&role=STATE_ADMINISTRATOR) or grant the role for " + to);
        }
        calendar.setCurrent(to, caller.name());
        int changed = documents.yearTransitioned(current, year);
        audit.record(caller.name(), AuditLog.Action.YEAR_TRANSITIONED, null, null, null,
                Map.of("from", from, "to", to, "usersKeepingAccess", counts.keeping(),
                        "usersLosingAccess", counts.losing(), "usersGainingAccess", counts.gaining(),
                        "usersWhosePermissionsChanged", changed));
        return answer;
    }

    /** What a carry-forward copies (or would), and what it leaves because the caller may not grant it. */
    public record CarryForward(String year, boolean dryRun, int assignmentsCarried, int usersCarried,
            int assignmentsNotYoursToGrant) {
    }

    /**
     * Copies current-year assignments into the upcoming {@code year}: those the caller may grant (each distinct
     * role and organization asked of the authorizer once), optionally only of one role and at or under one
     * organization; active users and open organizations only, none already held there, none as primary (that
     * designation is made for the new year explicitly). No pull changes until the transition, so the users' versions
     * move and the feed stays as it is. A dry run counts and changes nothing.
     */
    @Transactional
    @TransactionConfiguration(timeout = LONG_TRANSACTION_SECONDS)
    public CarryForward carryForward(String yearText, String roleText, String orgCode, boolean dryRun) {
        ProblemException.check(authorizer.administer(caller.caller()));
        AdministrationYear year = parse(yearText);
        AdministrationYear current = years.current();
        if (!year.equals(current.next())) {
            throw ProblemException.conflict("NOT_THE_UPCOMING_YEAR", "roles are carried forward into the upcoming"
                    + " year " + current.next() + " only");
        }
        Role role = roleText == null || roleText.isBlank() ? null : Role.parse(roleText).orElseThrow(() ->
                ProblemException.validation(List.of(new Violation("role", "UNKNOWN_ROLE", "no role is called " + roleText))));
        List<Long> under = null;
        if (orgCode != null && !orgCode.isBlank()) {
            under = organizations.idsOf(orgCode.trim());
            if (under.isEmpty()) {
                throw ProblemException.validation(List.of(new Violation("orgCode", "ORGANIZATION_NOT_FOUND",
                        "no organization has the CDS code " + orgCode)));
            }
        }
        List<GrantLedger.Carried> allowed = new ArrayList<>();
        int refused = 0;
        List<GrantLedger.Carried> candidates = ledger.carryCandidates(current.toString(), year.toString(), role, under);
        Map<Long, Place> places = organizations.places(
                candidates.stream().map(GrantLedger.Carried::orgId).distinct().toList());
        for (GrantLedger.Carried pair : candidates) {
            if (authorizer.grant(caller.caller(), pair.role(), places.get(pair.orgId()).path(), false).allowed()) {
                allowed.add(pair);
            } else {
                refused += pair.assignments();
            }
        }
        int carried = allowed.stream().mapToInt(GrantLedger.Carried::assignments).sum();
        if (dryRun) {
            return new CarryForward(year.toString(), true, carried, ledger.carriedUsers(current.toString(),
                    year.toString(), allowed), refused);
        }
        List<UUID> users = ledger.carryForward(AuditLog.author(caller.name()), current.toString(), year.toString(),
                allowed);
        ledger.versionsMoved(users);
        return new CarryForward(year.toString(), false, carried, users.size(), refused);
    }

    private static AdministrationYear parse(String text) {
        try {
            return AdministrationYear.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new Violation("year", "INVALID_YEAR", e.getMessage())));
        }
    }
}
