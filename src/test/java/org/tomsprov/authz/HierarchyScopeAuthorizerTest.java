package org.tomsprov.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.domain.Role.*;
import static org.tomsprov.testdata.Orgs.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Role;

class HierarchyScopeAuthorizerTest {

    final HierarchyScopeAuthorizer authorizer = new HierarchyScopeAuthorizer();

    /** Where a target organization sits relative to an actor placed in LAUSD (at school A when school-based). */
    enum Target {
        SAME_SCHOOL(LAUSD_SCHOOL_A), OTHER_SCHOOL_SAME_LEA(LAUSD_SCHOOL_B), THE_LEA(LAUSD_PATH), OTHER_LEA(SDUSD_PATH),
        SCHOOL_OF_OTHER_LEA(SDUSD_SCHOOL), STATE(STATE_PATH);

        final OrgPath org;

        Target(OrgPath org) {
            this.org = org;
        }
    }

    /**
     * One administering actor as DOMAIN.md section 4 describes it, written out by hand: where they may act and
     * which roles they may grant there.
     */
    record Spec(String name, Actor.Held held, Set<Target> reach, Set<Role> grantable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Set<Role> SCHOOL_ROLES = EnumSet.of(SITE_CAASPP_COORDINATOR, SITE_ELPAC_COORDINATOR, EDUCATOR_TEST_SITE,
            CAASPP_TEST_ADMINISTRATOR, CAASPP_TEST_EXAMINER, CAASPP_IA_ADMINISTRATOR_ONLY, ELPAC_TEST_EXAMINER,
            LST_DATA_ENTRY, EDUCATOR_ROSTER, TOOLS_FOR_TEACHERS_ONLY);
    static final Set<Role> BELOW_SITE_COORDINATORS = EnumSet.of(EDUCATOR_TEST_SITE, CAASPP_TEST_ADMINISTRATOR,
            CAASPP_TEST_EXAMINER, CAASPP_IA_ADMINISTRATOR_ONLY, ELPAC_TEST_EXAMINER, LST_DATA_ENTRY, EDUCATOR_ROSTER,
            TOOLS_FOR_TEACHERS_ONLY);
    static final Set<Target> OWN_LEA = EnumSet.of(Target.SAME_SCHOOL, Target.OTHER_SCHOOL_SAME_LEA, Target.THE_LEA);

    static Set<Role> union(Set<Role> a, Role... more) {
        Set<Role> all = EnumSet.copyOf(a);
        all.addAll(List.of(more));
        return all;
    }

    static final List<Spec> ACTORS = List.of(
            new Spec("state administrator", new Actor.Held(STATE_ADMINISTRATOR, STATE_PATH, false),
                    EnumSet.allOf(Target.class), EnumSet.allOf(Role.class)),
            new Spec("superintendent", new Actor.Held(SUPERINTENDENT, LAUSD_PATH, false), OWN_LEA,
                    union(SCHOOL_ROLES, LEA_CAASPP_COORDINATOR, LEA_ELPAC_COORDINATOR, EDUCATOR_DISTRICT,
                            LST_CORRESPONDENCE_ADMINISTRATOR)),
            new Spec("primary LEA CAASPP coordinator", new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, true), OWN_LEA,
                    union(SCHOOL_ROLES, LEA_CAASPP_COORDINATOR, LEA_ELPAC_COORDINATOR, EDUCATOR_DISTRICT,
                            LST_CORRESPONDENCE_ADMINISTRATOR)),
            new Spec("LEA CAASPP coordinator", new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, false), OWN_LEA,
                    union(SCHOOL_ROLES, EDUCATOR_DISTRICT, LST_CORRESPONDENCE_ADMINISTRATOR)),
            new Spec("LEA ELPAC coordinator", new Actor.Held(LEA_ELPAC_COORDINATOR, LAUSD_PATH, false), OWN_LEA,
                    union(SCHOOL_ROLES, EDUCATOR_DISTRICT, LST_CORRESPONDENCE_ADMINISTRATOR)),
            new Spec("site CAASPP coordinator", new Actor.Held(SITE_CAASPP_COORDINATOR, LAUSD_SCHOOL_A, false),
                    EnumSet.of(Target.SAME_SCHOOL), BELOW_SITE_COORDINATORS),
            new Spec("site ELPAC coordinator", new Actor.Held(SITE_ELPAC_COORDINATOR, LAUSD_SCHOOL_A, false),
                    EnumSet.of(Target.SAME_SCHOOL), BELOW_SITE_COORDINATORS));

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Spec actor : ACTORS) {
            for (Role role : Role.values()) {
                for (Target target : Target.values()) {
                    DenialCode expected;
                    if (role.level() != target.org.level()) {
                        expected = DenialCode.ROLE_LEVEL_MISMATCH;
                    } else if (!actor.reach().contains(target)) {
                        expected = DenialCode.ORG_OUTSIDE_SCOPE;
                    } else if (!actor.grantable().contains(role)) {
                        expected = DenialCode.ROLE_NOT_GRANTABLE;
                    } else {
                        expected = null;
                    }
                    cases.add(Arguments.of(actor, role, target, expected));
                }
            }
        }
        return cases.stream();
    }

    static Caller.Person signed(Actor.Held... held) {
        return new Caller.Person("actor@test.example", new Actor(List.of(held), true));
    }

    @ParameterizedTest(name = "{0} granting {1} at {2}: {3}")
    @MethodSource("matrix")
    void grantMatrix(Spec actor, Role role, Target target, DenialCode expected) {
        Decision decision = authorizer.grant(signed(actor.held()), role, target.org, false);

        if (expected == null) {
            assertThat(decision).isEqualTo(Decision.allow());
        } else {
            assertThat(decision).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
                assertThat(deny.code()).isEqualTo(expected);
                assertThat(deny.reason()).isNotBlank();
            });
        }
    }

    @ParameterizedTest(name = "{0} revoking {1} at {2}: same right as granting")
    @MethodSource("matrix")
    void revokingNeedsTheSameRightAsGranting(Spec actor, Role role, Target target, DenialCode expected) {
        if (expected == DenialCode.ROLE_LEVEL_MISMATCH) {
            return;
        }
        Decision decision = authorizer.revoke(signed(actor.held()), role, target.org);

        assertThat(decision.allowed()).isEqualTo(expected == null);
    }

    static Stream<Role> nonAdministeringRoles() {
        return Stream.of(EDUCATOR_DISTRICT, LST_CORRESPONDENCE_ADMINISTRATOR, EDUCATOR_TEST_SITE, CAASPP_TEST_EXAMINER,
                EDUCATOR_ROSTER, TOOLS_FOR_TEACHERS_ONLY);
    }

    @ParameterizedTest(name = "{0} grants nothing")
    @MethodSource("nonAdministeringRoles")
    void anyOtherRoleGrantsNothing(Role role) {
        OrgPath where = role.level() == OrgType.LEA ? LAUSD_PATH : LAUSD_SCHOOL_A;
        Caller.Person actor = signed(new Actor.Held(role, where, false));

        assertThat(authorizer.grant(actor, TOOLS_FOR_TEACHERS_ONLY, LAUSD_SCHOOL_A, false))
                .isEqualTo(new Decision.Deny(DenialCode.NOT_AN_ADMINISTRATOR,
                        "you hold no coordinator, superintendent or state administrator role this administration year"));
    }

    @Test
    void anUnsignedCoordinatorMayNotActUntilBothFormsAreSigned() {
        Caller.Person unsigned = new Caller.Person("c@test.example",
                new Actor(List.of(new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, false)), false));

        assertThat(authorizer.grant(unsigned, EDUCATOR_ROSTER, LAUSD_SCHOOL_A, false))
                .extracting(d -> ((Decision.Deny) d).code()).isEqualTo(DenialCode.SECURITY_AGREEMENT_REQUIRED);
        assertThat(authorizer.administer(unsigned).allowed()).isFalse();
    }

    @Test
    void nothingNewIsGrantedAtAClosedOrganizationButRolesThereCanBeRevoked() {
        Caller.Person coordinator = signed(new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, false));
        OrgPath closedSchool = closed(LAUSD_SCHOOL_A);

        assertThat(((Decision.Deny) authorizer.grant(coordinator, EDUCATOR_ROSTER, closedSchool, false)).code())
                .isEqualTo(DenialCode.ORG_CLOSED);
        assertThat(authorizer.revoke(coordinator, EDUCATOR_ROSTER, closedSchool).allowed()).isTrue();
    }

    @Test
    void onlyLeaCoordinatorRolesCanBePrimary() {
        Caller.Person admin = signed(new Actor.Held(STATE_ADMINISTRATOR, STATE_PATH, false));

        assertThat(authorizer.grant(admin, LEA_ELPAC_COORDINATOR, LAUSD_PATH, true).allowed()).isTrue();
        assertThat(((Decision.Deny) authorizer.grant(admin, EDUCATOR_DISTRICT, LAUSD_PATH, true)).code())
                .isEqualTo(DenialCode.PRIMARY_NOT_ALLOWED);
    }

    @Test
    void serviceClientsDoNotAdministerAndPeopleDoNotPull() {
        Caller.Service cers = new Caller.Service("cers", Set.of("cers-service"));
        Caller.Person admin = signed(new Actor.Held(STATE_ADMINISTRATOR, STATE_PATH, false));

        assertThat(((Decision.Deny) authorizer.administer(cers)).code()).isEqualTo(DenialCode.PERSON_REQUIRED);
        assertThat(authorizer.pullAsService(cers, "cers-service").allowed()).isTrue();
        assertThat(((Decision.Deny) authorizer.pullAsService(cers, "t4t-service")).code())
                .isEqualTo(DenialCode.SERVICE_CLIENT_REQUIRED);
        assertThat(((Decision.Deny) authorizer.pullAsService(admin, "cers-service")).code())
                .isEqualTo(DenialCode.SERVICE_CLIENT_REQUIRED);
    }

    @Test
    void aProvisionerActsAsItsLeasPrimaryCoordinatorAndOnlyItUsesScim() {
        Caller.Provisioner lausdIdp = new Caller.Provisioner("idp", LAUSD_PATH.lea().code(),
                new Actor(List.of(new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, true)), true));
        Caller.Person coordinator = signed(new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, true));
        Caller.Service cers = new Caller.Service("cers", Set.of("cers-service"));

        assertThat(authorizer.provision(lausdIdp).allowed()).isTrue();
        assertThat(authorizer.grant(lausdIdp, EDUCATOR_ROSTER, LAUSD_SCHOOL_A, false).allowed()).isTrue();
        assertThat(authorizer.grant(lausdIdp, LEA_CAASPP_COORDINATOR, LAUSD_PATH, false).allowed())
                .as("the primary coordinator's rights").isTrue();
        assertThat(((Decision.Deny) authorizer.grant(lausdIdp, EDUCATOR_ROSTER, SDUSD_SCHOOL, false)).code())
                .isEqualTo(DenialCode.ORG_OUTSIDE_SCOPE);
        assertThat(authorizer.see(lausdIdp, List.of(SDUSD_SCHOOL)).allowed()).isFalse();
        assertThat(((Decision.Deny) authorizer.transitionYear(lausdIdp)).code())
                .isEqualTo(DenialCode.STATE_ADMINISTRATOR_REQUIRED);
        assertThat(((Decision.Deny) authorizer.self(lausdIdp)).code()).isEqualTo(DenialCode.PERSON_REQUIRED);
        assertThat(((Decision.Deny) authorizer.provision(coordinator)).code()).isEqualTo(DenialCode.PROVISIONER_REQUIRED);
        assertThat(((Decision.Deny) authorizer.provision(cers)).code()).isEqualTo(DenialCode.PROVISIONER_REQUIRED);
        assertThat(((Decision.Deny) authorizer.provision(new Caller.Provisioner("idp", "19999990000000", Actor.none())))
                .code()).as("an LEA TOMS does not know gives no rights").isEqualTo(DenialCode.NOT_AN_ADMINISTRATOR);
    }

    @Test
    void aUserIsVisibleWhenOneAssignmentLiesInScope() {
        Caller.Person lausd = signed(new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, false));
        Caller.Person site = signed(new Actor.Held(SITE_CAASPP_COORDINATOR, LAUSD_SCHOOL_A, false));

        assertThat(authorizer.see(lausd, List.of(SDUSD_SCHOOL, LAUSD_SCHOOL_B)).allowed()).isTrue();
        assertThat(((Decision.Deny) authorizer.see(lausd, List.of(SDUSD_SCHOOL))).code())
                .isEqualTo(DenialCode.USER_OUTSIDE_SCOPE);
        assertThat(authorizer.see(site, List.of(LAUSD_SCHOOL_B)).allowed()).isFalse();
        assertThat(authorizer.see(site, List.of(LAUSD_PATH)).allowed()).as("a site coordinator does not see the LEA").isFalse();
    }

    @Test
    void managingAUserNeedsAuthorityOverEveryAssignmentAndNamesTheOthers() {
        Caller.Person lausd = signed(new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, false));
        List<HierarchyScopeAuthorizer.Assignment> twoLeas = List.of(
                new HierarchyScopeAuthorizer.Assignment(EDUCATOR_ROSTER, LAUSD_SCHOOL_A),
                new HierarchyScopeAuthorizer.Assignment(EDUCATOR_ROSTER, SDUSD_SCHOOL));

        Decision decision = authorizer.manageAll(lausd, twoLeas);

        assertThat(decision).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.code()).isEqualTo(DenialCode.ASSIGNMENTS_OUTSIDE_SCOPE);
            assertThat(deny.reason()).contains("37683383731239").doesNotContain("19647331930001");
        });
        assertThat(authorizer.manageAll(lausd, twoLeas.subList(0, 1)).allowed()).isTrue();
    }

    @Test
    void grantableRolesAnswerFromTheSameRules() {
        Caller.Person site = signed(new Actor.Held(SITE_ELPAC_COORDINATOR, LAUSD_SCHOOL_A, false));

        assertThat(authorizer.grantableAt(site, LAUSD_SCHOOL_A)).isEqualTo(BELOW_SITE_COORDINATORS);
        assertThat(authorizer.grantableAt(site, LAUSD_SCHOOL_B)).isEmpty();
        assertThat(authorizer.grantableAt(site, LAUSD_PATH)).isEmpty();
    }

    @Test
    void scopeListsWhatTheRolesAdminister() {
        Caller.Person both = signed(new Actor.Held(LEA_CAASPP_COORDINATOR, LAUSD_PATH, false),
                new Actor.Held(SITE_CAASPP_COORDINATOR, SDUSD_SCHOOL, false),
                new Actor.Held(EDUCATOR_ROSTER, LAUSD_SCHOOL_B, false));

        assertThat(authorizer.scopeOf(both)).isEqualTo(new AdministrativeScope(false, Set.of("19647330000000"),
                Set.of("37683383731239")));
    }
}
