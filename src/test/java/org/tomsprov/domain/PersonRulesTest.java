package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonRulesTest {

    @ParameterizedTest(name = "{0} / {1} / {2} / {3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "pat@example.org, José, Nguyễn, 916-555-0100, ",
            "pat@example.org, O'Brien, Zhang-Li, 916-555-0100 x1234, ",
            "pat@example.org, 李, 王, null, ",
            "not-an-email, Pat, Lee, null, INVALID_EMAIL",
            "pat@localhost, Pat, Lee, null, INVALID_EMAIL",
            "null, Pat, Lee, null, REQUIRED",
            "pat@example.org, '', Lee, null, REQUIRED",
            "pat@example.org, Pat, ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEF, null, TOO_LONG",
            "pat@example.org, Pat, Lee, 916555010, INVALID_PHONE",
            "pat@example.org, Pat, Lee, +44 20 7946 0958, INVALID_PHONE"})
    void profileRules(String email, String first, String last, String phone, String expected) {
        var violations = PersonRules.checkProfile(Email.ofNullable(email), first, last, phone);
        if (expected == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).extracting(Violation::code).containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "{0} is kept as {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "916-555-0100 | 916-555-0100",
            "916-555-0100 x1234 | 916-555-0100 x1234",
            "(916) 555-0100 | 916-555-0100",
            "916.555.0100 | 916-555-0100",
            "9165550100 | 916-555-0100",
            "1-916-555-0100 | 916-555-0100",
            "+19165550100 | 916-555-0100",
            "+1 916 555 0100 | 916-555-0100",
            "tel:+1-916-555-0100 | 916-555-0100",
            "TEL:+1-916-555-0100;ext=77 | 916-555-0100 x77",
            "(916) 555-0100 ext. 12 | 916-555-0100 x12",
            "916-555-0100, extension 9 | 916-555-0100 x9",
            "+44 20 7946 0958 | null",
            "+2 916 555 0100 | null",
            "916-555-010 | null",
            "916-555-0100 x123456 | null",
            "call 916-555-0100 | null",
            "tel:916-CALL-NOW | null"})
    void aPhoneIsTakenAsIdentityProvidersAndPeopleWriteItAndKeptInOneForm(String written, String kept) {
        assertThat(PersonRules.canonicalPhone(written).orElse(null)).isEqualTo(kept);
        assertThat(PersonRules.checkPhone("phone", written).isEmpty()).isEqualTo(kept != null);
    }

    @ParameterizedTest
    @CsvSource({"ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDE, true", "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEF, false"})
    void namesAreAtMostThirtyFiveCharacters(String name, boolean valid) {
        assertThat(PersonRules.checkName("firstName", "first name", name).isEmpty()).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void emailsAreAtMost128Characters() {
        String local = "a".repeat(128 - "@example.org".length());
        assertThat(PersonRules.checkEmail("email", Email.of(local + "@example.org"))).isEmpty();
        assertThat(PersonRules.checkEmail("email", Email.of(local + "b@example.org"))).extracting(Violation::code).containsExactly("TOO_LONG");
    }
}
