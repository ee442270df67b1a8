package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.domain.CersPermission.*;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

    /** Tables B.1 and B.2 of the CAASPP guide, plus the two TOMS-only roles, row by row. */
    @ParameterizedTest(name = "{0} is a {1} role carrying {2}")
    @CsvSource(delimiter = ';', value = {
            "State Administrator;STATE;DL_EndUser;false",
            "Superintendent;LEA;DL_EndUser;false",
            "LEA CAASPP Coordinator;LEA;PII PII_GROUP GROUP_ADMIN CUSTOM_AGGREGATE_REPORTER INSTRUCTIONAL_RESOURCE_ADMIN DL_EndUser;false",
            "LEA ELPAC Coordinator;LEA;PII PII_GROUP GROUP_ADMIN CUSTOM_AGGREGATE_REPORTER INSTRUCTIONAL_RESOURCE_ADMIN DL_EndUser;false",
            "Educator—District;LEA;PII PII_GROUP GROUP_ADMIN CUSTOM_AGGREGATE_REPORTER INSTRUCTIONAL_RESOURCE_ADMIN DL_EndUser;false",
            "LST Correspondence Administrator;LEA;PII_GROUP DL_EndUser;false",
            "Site CAASPP Coordinator;SCHOOL;PII PII_GROUP GROUP_ADMIN CUSTOM_AGGREGATE_REPORTER INSTRUCTIONAL_RESOURCE_ADMIN DL_EndUser;true",
            "Site ELPAC Coordinator;SCHOOL;PII PII_GROUP GROUP_ADMIN CUSTOM_AGGREGATE_REPORTER INSTRUCTIONAL_RESOURCE_ADMIN DL_EndUser;true",
            "Educator - Test Site;SCHOOL;PII PII_GROUP GROUP_ADMIN CUSTOM_AGGREGATE_REPORTER INSTRUCTIONAL_RESOURCE_ADMIN DL_EndUser;true",
            "CAASPP Test Administrator;SCHOOL;PII_GROUP DL_EndUser;false",
            "CAASPP Test Examiner;SCHOOL;PII_GROUP DL_EndUser;false",
            "CAASPP IA Administrator Only;SCHOOL;PII_GROUP DL_EndUser;false",
            "ELPAC Test Examiner;SCHOOL;PII_GROUP DL_EndUser;false",
            "LST Data Entry;SCHOOL;PII_GROUP DL_EndUser;false",
            "Educator - Roster;SCHOOL;PII_GROUP DL_EndUser;false",
            "Tools for Teachers Only;SCHOOL;DL_EndUser;false"})
    void catalogRowMatchesTheGuide(String name, OrgType level, String permissions, boolean siteBased) {
        Role role = Role.parse(name).orElseThrow();
        assertThat(role.level()).isEqualTo(level);
        assertThat(role.permissions()).containsExactlyElementsOf(
                List.of(permissions.split(" ")).stream().map(CersPermission::valueOf).toList());
        assertThat(role.siteBased()).isEqualTo(siteBased);
    }

    @ParameterizedTest(name = "\"{0}\" reads as Educator - District")
    @ValueSource(strings = {"Educator - District", "Educator—District", "Educator – District", "educator - district",
            "  EDUCATOR   -   DISTRICT ", "EDUCATOR_DISTRICT", "educator_district", "Educator-District"})
    void displayNamesParseFromEveryDashSpacingAndCase(String text) {
        assertThat(Role.parse(text)).contains(Role.EDUCATOR_DISTRICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Educator", "Teacher", "District Educator Plus", "PII"})
    void unknownNamesDoNotParse(String text) {
        assertThat(Role.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void everyDisplayNameAndIdParsesBackToItsRole() {
        for (Role role : Role.values()) {
            assertThat(Role.parse(role.displayName())).contains(role);
            assertThat(Role.parse(role.id())).contains(role);
        }
    }

    @org.junit.jupiter.api.Test
    void tenancyTokensFollowTheRdwSpelling() {
        assertThat(CUSTOM_AGGREGATE_REPORTER.tenancyToken()).isEqualTo("CUSTOM_AGGREGATE_REPORTER");
        assertThat(CUSTOM_AGGREGATE_REPORTER.displayName()).isEqualTo("Custom Aggregate Reporter");
        assertThat(INSTRUCTIONAL_RESOURCE_ADMIN.tenancyToken()).isEqualTo("Instructional Resource Admin");
        assertThat(PII.tenancyToken()).isEqualTo("PII");
        assertThat(DL_EndUser.tenancyToken()).isEqualTo("DL_EndUser");
    }
}
