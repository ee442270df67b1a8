package org.tomsprov.app.years;

import jakarta.enterprise.context.ApplicationScoped;
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
import org.tomsprov.persistence.AdministrationCalendar;

/**
 * The administration years: which is current and which upcoming, and the transition that makes the upcoming
 * year current for everyone at once, in one transaction, with every affected user's feed entry and documents.
 */
@ApplicationScoped
public class AdministrationYearService {

    /** How many users' documents are rewritten per statement during a transition. */
    static final int PAGE = 1000;

    /** The years: current, upcoming, and every year some role was granted for (latest first). */
    public record Years(String current, String upcoming, List<String> known) {
    }

    /** What a transition changes (or would, on a dry run), overall and per LEA. */
    public record Transition(String year, boolean dryRun, boolean changed, int usersKeepingAccess,
            int usersLosingAccess, int usersGainingAccess, List<LeaTransition> byLea) {
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

    AdministrationYearService(AdministrationCalendar calendar, AdministrationYears years, ConsumerDocuments documents,
            HierarchyScopeAuthorizer authorizer, CallerContext caller, AuditLog audit) {
        this.calendar = calendar;
        this.years = years;
        this.documents = documents;
        this.authorizer = authorizer;
        this.caller = caller;
        this.audit = audit;
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
     * Makes {@code year} current. It must be the upcoming year; asking for the year already current changes
     * nothing (a transition run twice is one). A dry run counts and changes nothing. Two at once: the second is
     * refused while the first runs.
     */
    @Transactional
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
            return new Transition(year.toString(), dryRun, false, 0, 0, 0, List.of());
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
                        l.keeping(), l.losing(), l.gaining())).toList());
        if (dryRun) {
            return answer;
        }
        calendar.setCurrent(to, caller.name());
        UUID after = null;
        for (List<UUID> page; !(page = calendar.usersWithRoles(from, to, after, PAGE)).isEmpty(); ) {
            documents.yearChanged(year, page);
            after = page.get(page.size() - 1);
        }
        audit.record(caller.name(), AuditLog.Action.YEAR_TRANSITIONED, null, null, null,
                Map.of("from", from, "to", to, "usersKeepingAccess", counts.keeping(),
                        "usersLosingAccess", counts.losing(), "usersGainingAccess", counts.gaining()));
        return answer;
    }

    private static AdministrationYear parse(String text) {
        try {
            return AdministrationYear.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("INVALID_YEAR", e.getMessage());
        }
    }
}
