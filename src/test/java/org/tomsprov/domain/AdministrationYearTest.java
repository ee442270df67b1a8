package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdministrationYearTest {

    @ParameterizedTest(name = "{0} lies in {1}")
    @CsvSource({"2026-07-01, 2026-27", "2027-06-30, 2026-27", "2026-06-30, 2025-26", "2026-11-28, 2026-27",
            "2099-12-31, 2099-00"})
    void yearsRunJulyToJune(LocalDate date, String year) {
        assertThat(AdministrationYear.containing(date).toString()).isEqualTo(year);
        assertThat(AdministrationYear.parse(year)).isEqualTo(AdministrationYear.containing(date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026", "2026-28", "26-27", "2026/27", ""})
    void malformedYearsAreRejected(String text) {
        assertThatThrownBy(() -> AdministrationYear.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
