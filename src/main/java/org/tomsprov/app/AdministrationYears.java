package org.tomsprov.app;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;

import org.tomsprov.config.TomsConfig;
import org.tomsprov.domain.AdministrationYear;

/** The current administration year: configured, or the one containing today's date. */
@ApplicationScoped
public class AdministrationYears {

    private final TomsConfig config;
    private final Clock clock = Clock.systemDefaultZone();

    AdministrationYears(TomsConfig config) {
        this.config = config;
    }

    public AdministrationYear current() {
        return config.administrationYear().map(AdministrationYear::parse)
                .orElseGet(() -> AdministrationYear.containing(LocalDate.now(clock)));
    }
}
