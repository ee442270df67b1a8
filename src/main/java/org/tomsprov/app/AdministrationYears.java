package org.tomsprov.app;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.tomsprov.config.TomsConfig;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.persistence.AdministrationCalendar;

/**
 * The current administration year: the administration calendar's (data, changed only by the transition), unless
 * {@code toms.administration-year} overrides it for tests and demos.
 */
@ApplicationScoped
public class AdministrationYears {

    private final AdministrationCalendar calendar;
    private final Clock clock = Clock.systemDefaultZone();
    private final Optional<AdministrationYear> override;

    AdministrationYears(TomsConfig config, AdministrationCalendar calendar) {
        this.calendar = calendar;
        this.override = config.administrationYear().map(AdministrationYear::parse);
    }

    public AdministrationYear current() {
        return override().orElseGet(() -> calendar.current().map(AdministrationYear::parse)
                .orElseGet(() -> AdministrationYear.containing(LocalDate.now(clock))));
    }

    /** The configured override of the calendar, if any. */
    public Optional<AdministrationYear> override() {
        return override;
    }

    /** The year the calendar records, whatever the override says. */
    public Optional<AdministrationYear> recorded() {
        return calendar.current().map(AdministrationYear::parse);
    }
}
