package org.tomsprov.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.testdata.Orgs.*;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PermissionResolverTest {

    static final AdministrationYear YEAR = AdministrationYear.parse("2026-27");
    final PermissionResolver resolver = new PermissionResolver("1000", "CA");

    static OrgPath placeFor(Role role) {
        return switch (role.level()) {
            case STATE -> STATE_PATH;
            case LEA -> LAUSD_PATH;
            case SCHOOL -> LAUSD_SCHOOL_A;
        };
    }

    static Stream<Role> everyRole() {
        return Arrays.stream(Role.values());
    }

    @ParameterizedTest(name = "{0} grants exactly its catalog permissions at its organization")
    @MethodSource("everyRole")
    void everyRoleContributesItsPermissionsScopedToTheAssignedOrganization(Role role) {
        OrgPath org = placeFor(role);
        EffectivePermissions result = resolver.resolve(UserStatus.ACTIVE, YEAR, List.of(new Grant(role, org, YEAR)));

        assertThat(result.permissions().keySet()).containsExactlyInAnyOrderElementsOf(role.permissions());
        for (CersPermission permission : role.permissions()) {
            PermissionScope scope = result.permissions().get(permission);
            switch (role.level()) {
                case STATE -> assertThat(scope).isEqualTo(new PermissionScope(true, List.of(), List.of()));
                case LEA -> assertThat(scope).isEqualTo(new PermissionScope(false, List.of("19647330000000"), List.of()));
                case SCHOOL -> assertThat(scope).isEqualTo(new PermissionScope(false, List.of(), List.of("19647331930001")));
            }
        }
        assertThat(result.tenancyChains()).hasSize(role.permissions().size());
    }

    @Test
    void aSchoolAlreadyCoveredByAnLeaGrantOfTheSamePermissionIsNotListedAgain() {
        EffectivePermissions result = resolver.resolve(UserStatus.ACTIVE, YEAR, List.of(
                new Grant(Role.EDUCATOR_ROSTER, LAUSD_SCHOOL_A, YEAR),
                new Grant(Role.LST_CORRESPONDENCE_ADMINISTRATOR, LAUSD_PATH, YEAR),
                new Grant(Role.EDUCATOR_ROSTER, SDUSD_SCHOOL, YEAR)));

        assertThat(result.permissions().get(CersPermission.PII_GROUP))
                .isEqualTo(new PermissionScope(false, List.of("19647330000000"), List.of("37683383731239")));
    }

    @Test
    void aSchoolGrantOfAnotherPermissionIsKeptBesideAnLeaGrant() {
        EffectivePermissions result = resolver.resolve(UserStatus.ACTIVE, YEAR, List.of(
                new Grant(Role.LST_CORRESPONDENCE_ADMINISTRATOR, LAUSD_PATH, YEAR),
                new Grant(Role.SITE_CAASPP_COORDINATOR, LAUSD_SCHOOL_B, YEAR)));

        assertThat(result.permissions().get(CersPermission.PII))
                .isEqualTo(new PermissionScope(false, List.of(), List.of("19647331930002")));
        assertThat(result.permissions().get(CersPermission.PII_GROUP))
                .isEqualTo(new PermissionScope(false, List.of("19647330000000"), List.of()));
    }

    @Test
    void aStateGrantIsStatewideAndListsNothingElse() {
        EffectivePermissions result = resolver.resolve(UserStatus.ACTIVE, YEAR, List.of(
                new Grant(Role.STATE_ADMINISTRATOR, STATE_PATH, YEAR),
                new Grant(Role.TOOLS_FOR_TEACHERS_ONLY, SDUSD_SCHOOL, YEAR)));

        assertThat(result.permissions().get(CersPermission.DL_EndUser))
                .isEqualTo(new PermissionScope(true, List.of(), List.of()));
    }

    @Test
    void anInactiveUserResolvesToNothing() {
        EffectivePermissions result = resolver.resolve(UserStatus.INACTIVE, YEAR,
                List.of(new Grant(Role.LEA_CAASPP_COORDINATOR, LAUSD_PATH, YEAR)));

        assertThat(result.permissions()).isEmpty();
        assertThat(result.reportingPermissions()).isEmpty();
        assertThat(result.tenancyChains()).isEmpty();
        assertThat(result.status()).isEqualTo(UserStatus.INACTIVE);
    }

    @Test
    void assignmentsOfOtherAdministrationYearsDoNotCount() {
        EffectivePermissions result = resolver.resolve(UserStatus.ACTIVE, YEAR, List.of(
                new Grant(Role.LEA_CAASPP_COORDINATOR, LAUSD_PATH, AdministrationYear.parse("2025-26")),
                new Grant(Role.TOOLS_FOR_TEACHERS_ONLY, LAUSD_SCHOOL_A, YEAR)));

        assertThat(result.permissions()).containsOnlyKeys(CersPermission.DL_EndUser);
    }

    @Test
    void reportingPermissionsAreWhatRdwDerivesFromTheChains() {
        EffectivePermissions result = resolver.resolve(UserStatus.ACTIVE, YEAR, List.of(
                new Grant(Role.EDUCATOR_DISTRICT, LAUSD_PATH, YEAR),
                new Grant(Role.EDUCATOR_ROSTER, SDUSD_SCHOOL, YEAR),
                new Grant(Role.EDUCATOR_ROSTER, LAUSD_SCHOOL_A, YEAR)));

        assertThat(result.reportingPermissions().keySet()).containsExactlyInAnyOrder(
                ReportingPermission.INDIVIDUAL_PII_READ, ReportingPermission.GROUP_PII_READ, ReportingPermission.GROUP_READ,
                ReportingPermission.GROUP_WRITE, ReportingPermission.CUSTOM_AGGREGATE_READ,
                ReportingPermission.INSTRUCTIONAL_RESOURCE_WRITE);
        assertThat(result.reportingPermissions().get(ReportingPermission.GROUP_READ)).isEqualTo(new RdwScope(false,
                List.of("19647330000000"), List.of(), List.of("19647331930001", "37683383731239"), List.of()));
        assertThat(result.reportingPermissions().get(ReportingPermission.INDIVIDUAL_PII_READ))
                .isEqualTo(new RdwScope(false, List.of("19647330000000"), List.of(), List.of(), List.of()));
        assertThat(RdwPermissions.derive(List.of()).keySet()).isEmpty();
    }

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of(Role.STATE_ADMINISTRATOR, STATE_PATH, CersPermission.DL_EndUser,
                        "|CA|DL_EndUser|STATE|1000|CA|||CA|CALIFORNIA|||||||||"),
                Arguments.of(Role.EDUCATOR_DISTRICT, LAUSD_PATH, CersPermission.PII,
                        "|19647330000000|PII|DISTRICT|1000|CA|||CA|CALIFORNIA|||19647330000000|Los Angeles Unified|||||"),
                Arguments.of(Role.SITE_CAASPP_COORDINATOR, SDUSD_SCHOOL, CersPermission.CUSTOM_AGGREGATE_REPORTER,
                        "|37683383731239|CUSTOM_AGGREGATE_REPORTER|INSTITUTION|1000|CA|||CA|CALIFORNIA|||37683380000000"
                                + "|San Diego Unified|||37683383731239|Lincoln High|"));
    }

    @ParameterizedTest(name = "{2} via {0} at {1}")
    @MethodSource("chains")
    void tenancyChainsFollowTheSeventeenFieldFormat(Role role, OrgPath org, CersPermission permission, String expected) {
        EffectivePermissions result = resolver.resolve(UserStatus.ACTIVE, YEAR, List.of(new Grant(role, org, YEAR)));

        assertThat(result.tenancyChains(permission)).containsExactly(expected);
        String chain = result.tenancyChains(permission).get(0);
        assertThat(chain).startsWith("|").endsWith("|");
        assertThat(chain.chars().filter(c -> c == '|').count()).isEqualTo(18);
    }

    @Test
    void chainFieldsSitInTheirNamedPositions() {
        String chain = TenancyChain.format(CersPermission.PII_GROUP, LAUSD_SCHOOL_A, "77", "CLIENT");
        String[] f = chain.substring(1, chain.length() - 1).split("\\|", -1);

        assertThat(f).hasSize(17);
        assertThat(f[0]).as("EntityID").isEqualTo("19647331930001");
        assertThat(f[1]).as("Role").isEqualTo("PII_GROUP");
        assertThat(f[2]).as("Level").isEqualTo("INSTITUTION");
        assertThat(f[3]).as("ClientID").isEqualTo("77");
        assertThat(f[4]).as("Client").isEqualTo("CLIENT");
        assertThat(f[5] + f[6]).as("GroupOfStates").isEmpty();
        assertThat(f[7]).as("StateID").isEqualTo("CA");
        assertThat(f[8]).as("State").isEqualTo("CALIFORNIA");
        assertThat(f[9] + f[10]).as("GroupOfDistricts").isEmpty();
        assertThat(f[11]).as("DistrictID").isEqualTo("19647330000000");
        assertThat(f[12]).as("District").isEqualTo("Los Angeles Unified");
        assertThat(f[13] + f[14]).as("GroupOfInstitutions").isEmpty();
        assertThat(f[15]).as("InstitutionID").isEqualTo("19647331930001");
        assertThat(f[16]).as("Institution").isEqualTo("Hollenbeck Middle");
    }

    @Test
    void theSameGrantTwiceYieldsOneChain() {
        EffectivePermissions result = resolver.resolve(UserStatus.ACTIVE, YEAR, List.of(
                new Grant(Role.CAASPP_TEST_EXAMINER, LAUSD_SCHOOL_A, YEAR),
                new Grant(Role.ELPAC_TEST_EXAMINER, LAUSD_SCHOOL_A, YEAR)));

        assertThat(result.tenancyChains(CersPermission.PII_GROUP)).hasSize(1);
        assertThat(result.tenancyChains()).hasSize(2);
    }
}
