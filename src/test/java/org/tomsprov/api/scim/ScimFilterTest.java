package org.tomsprov.api.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tomsprov.app.ProblemException;

class ScimFilterTest {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "userName eq \"a@x.org\" | userName eq a@x.org",
            "userName eq \"a@x.org\" and active eq true | userName eq a@x.org ; active eq true",
            "userName eq \"a@x.org\" AND active eq true | userName eq a@x.org ; active eq true",
            "(userName eq \"a@x.org\") and (active eq false) | userName eq a@x.org ; active eq false",
            "displayName eq \"Tom and Jerry\" | displayName eq Tom and Jerry",
            "displayName eq \"a \\\" and b\" and active eq false | displayName eq a \" and b ; active eq false",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"a@x.org\" | userName eq a@x.org",
            "emails[type eq \"work\"].value eq \"a@x.org\" | emails[type eq \"work\"].value eq a@x.org",
            "meta.lastModified gt \"2026-01-01T00:00:00Z\" | meta.lastModified gt 2026-01-01T00:00:00Z"})
    void aFilterIsReadAsTheComparisonsItJoinsWithAnd(String filter, String comparisons) {
        assertThat(ScimFilterGrammar.comparisons(filter, USER).stream()
                .map(c -> c.attribute() + " " + c.op() + " " + c.value()).toList())
                .containsExactly(comparisons.split(" ; "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "userName eq \"a@x.org\" or active eq true | not or",
            "not (active eq true) | not (...)",
            "title pr | pr (present)",
            "userName eq \"a@x.org | not closed",
            "(active eq true | ) is missing",
            "emails[type eq \"work\".value eq \"a@x.org\" | not closed with ]",
            "active eq true garbage | goes on",
            "userName like \"a\" | an operator",
            "meta.lastModified lt \"2026-01-01T00:00:00Z\" | gt or ge",
            "active eq 5 | true or false"})
    void whatTomsDoesNotReadIsAnInvalidFilterSayingWhat(String filter, String says) {
        assertThatThrownBy(() -> ScimFilter.parse(filter)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).errors().get(0).message()).contains(says));
    }
}
