package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.domain.ReportingPermission.*;
import static org.tomsprov.testdata.Orgs.*;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RDW's derivation of reporting permissions, case by case, through the resolver as CERS receives it. */
class RdwPermissionsTest {

    static final AdministrationYear YEAR = AdministrationYear.parse("2026-27");
    static final PermissionResolver RESOLVER = new PermissionResolver("1000", "CA");
    static final String LAUSD_CODE = "19647330000000";
    static final String SCHOOL_A = "19647331930001";
    static final String SCHOOL_B = "19647331930002";
    static final String SD_SCHOOL = "37683383731239";

    static RdwScope schools(String... codes) {
        return new RdwScope(false, List.of(), List.of(), List.of(codes), List.of());
    }

    static RdwScope district(String code, String... schools) {
        return new RdwScope(false, List.of(code), List.of(), List.of(schools), List.of());
    }

    static Arguments rdwCase(String name, UserStatus status, List<Grant> grants, Map<ReportingPermission, RdwScope> expected) {
        return Arguments.of(name, status, grants, expected);
    }

    static Grant grant(Role role, OrgPath org) {
        return new Grant(role, org, YEAR);
    }

    static Stream<Arguments> cases() {
        RdwScope teacher = schools(SCHOOL_A);
        return Stream.of(
                rdwCase("a school-level teacher also gets the teacher-group permissions over the same schools",
                        UserStatus.ACTIVE, List.of(grant(Role.EDUCATOR_ROSTER, LAUSD_SCHOOL_A)),
                        Map.of(GROUP_PII_READ, teacher, GROUP_READ, teacher, TEACHER_GROUP_READ, teacher,
                                TEACHER_GROUP_WRITE, teacher)),
                rdwCase("schools of both PII permissions merge into one teacher-group scope",
                        UserStatus.ACTIVE, List.of(grant(Role.EDUCATOR_ROSTER, LAUSD_SCHOOL_A),
                                grant(Role.SITE_CAASPP_COORDINATOR, LAUSD_SCHOOL_B)),
                        Map.of(GROUP_PII_READ, schools(SCHOOL_A, SCHOOL_B), GROUP_READ, schools(SCHOOL_A, SCHOOL_B),
                                INDIVIDUAL_PII_READ, schools(SCHOOL_B), GROUP_WRITE, schools(SCHOOL_B),
                                CUSTOM_AGGREGATE_READ, schools(SCHOOL_B), INSTRUCTIONAL_RESOURCE_WRITE, schools(SCHOOL_B),
                                TEACHER_GROUP_READ, schools(SCHOOL_A, SCHOOL_B), TEACHER_GROUP_WRITE, schools(SCHOOL_A, SCHOOL_B))),
                rdwCase("a school under a listed district stays listed, and a district scope gets no teacher groups",
                        UserStatus.ACTIVE, List.of(grant(Role.LST_CORRESPONDENCE_ADMINISTRATOR, LAUSD_PATH),
                                grant(Role.EDUCATOR_ROSTER, LAUSD_SCHOOL_A)),
                        Map.of(GROUP_PII_READ, district(LAUSD_CODE, SCHOOL_A), GROUP_READ, district(LAUSD_CODE, SCHOOL_A))),
                rdwCase("a state administrator's DL_EndUser adds nothing to what RDW derives",
                        UserStatus.ACTIVE, List.of(grant(Role.STATE_ADMINISTRATOR, STATE_PATH),
                                grant(Role.EDUCATOR_ROSTER, SDUSD_SCHOOL)),
                        Map.of(GROUP_PII_READ, schools(SD_SCHOOL), GROUP_READ, schools(SD_SCHOOL),
                                TEACHER_GROUP_READ, schools(SD_SCHOOL), TEACHER_GROUP_WRITE, schools(SD_SCHOOL))),
                rdwCase("only DL_EndUser: RDW drops the Digital Library's token",
                        UserStatus.ACTIVE, List.of(grant(Role.TOOLS_FOR_TEACHERS_ONLY, LAUSD_SCHOOL_A),
                                grant(Role.SUPERINTENDENT, LAUSD_PATH)),
                        Map.of()),
                rdwCase("an inactive user has nothing",
                        UserStatus.INACTIVE, List.of(grant(Role.EDUCATOR_ROSTER, LAUSD_SCHOOL_A)), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void permissionsByIdAreWhatRdwDerives(String name, UserStatus status, List<Grant> grants,
            Map<ReportingPermission, RdwScope> expected) {
        assertThat(RESOLVER.resolve(status, YEAR, grants).reportingPermissions()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aStatewideChainMakesItsPermissionsStatewide() {
        Map<ReportingPermission, RdwScope> derived = RdwPermissions.derive(List.of(
                new RdwPermissions.Chain("PII", OrgType.STATE, "CA"),
                new RdwPermissions.Chain("PII", OrgType.LEA, LAUSD_CODE)));
        assertThat(derived.get(INDIVIDUAL_PII_READ))
                .isEqualTo(new RdwScope(true, List.of(LAUSD_CODE), List.of(), List.of(), List.of()));
        assertThat(derived).doesNotContainKeys(TEACHER_GROUP_READ, TEACHER_GROUP_WRITE);
    }

    @org.junit.jupiter.api.Test
    void tokensRdwDoesNotKnowAreDropped() {
        assertThat(RdwPermissions.derive(List.of(new RdwPermissions.Chain("Custom Aggregate Reporter", OrgType.LEA, LAUSD_CODE),
                new RdwPermissions.Chain("pii", OrgType.LEA, LAUSD_CODE)))).isEmpty();
    }
}
