package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScimFilterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "userName eq \"a@x.org\" | userName eq \"a@x.org\"",
            "userName eq \"a@x.org\" and active eq true | userName eq \"a@x.org\" ; active eq true",
            "userName eq \"a@x.org\" AND active eq true | userName eq \"a@x.org\" ; active eq true",
            "displayName eq \"Tom and Jerry\" | displayName eq \"Tom and Jerry\"",
            "displayName eq \"a \\\" and b\" and active eq false | displayName eq \"a \\\" and b\" ; active eq false",
            "active eq true and meta.lastModified gt \"2026-01-01T00:00:00Z\" | active eq true ; meta.lastModified gt \"2026-01-01T00:00:00Z\""})
    void aFilterIsSplitAtEachAndOutsideAQuotedValue(String filter, String terms) {
        assertThat(ScimFilter.terms(filter)).isEqualTo(List.of(terms.split(" ; ")));
    }
}
