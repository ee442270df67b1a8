package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.feedHead;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.World;

/**
 * The administration year is the calendar's, changed only by a state administrator's transition: its preview
 * counts what it does, consumers see it in the next pull and the feed, and administrators sign again for the new
 * year. Runs without the suite's year override, on a database of its own.
 */
@QuarkusTest
@TestProfile(AdministrationYearResourceTest.CalendarYears.class)
class AdministrationYearResourceTest {

    /** The year comes from the administration calendar, as in production. */
    public static class CalendarYears implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("toms.administration-year", "", "toms.documents.backfill-every", "1h");
        }
    }

    static final String NEXT = "2027-28";

    @Inject
    World world;

    @Inject
    EntityManager em;

    World.Lea lea;
    String stateAdmin;

    @BeforeEach
    void theCalendarSaysTheSuitesYear() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update administration_calendar set current_year = ?1").setParameter(1, World.YEAR).executeUpdate());
        lea = world.lea(1);
        stateAdmin = World.email("state");
        UUID admin = world.person(stateAdmin, Role.STATE_ADMINISTRATOR, "CA", false);
        world.person(stateAdmin, Role.STATE_ADMINISTRATOR, "CA", false, NEXT);
        world.sign(admin);
    }

    @Test
    void theTransitionDoesWhatItsPreviewCountsAndConsumersSeeWhatChangedAtOnce() {
        String keeper = World.email("keeper");
        String loser = World.email("loser");
        String gainer = World.email("gainer");
        UUID keeperId = world.person(keeper, Role.EDUCATOR_TEST_SITE, lea.school(0), false);
        world.person(keeper, Role.EDUCATOR_TEST_SITE, lea.school(0), false, NEXT);
        UUID loserId = world.person(loser, Role.EDUCATOR_TEST_SITE, lea.school(0), false);
        UUID gainerId = world.person(gainer, Role.TOOLS_FOR_TEACHERS_ONLY, lea.school(0), false, NEXT);
        pull(loser).body("permissionsById", not(anEmptyMap()));
        pull(gainer).body("permissionsById", anEmptyMap());
        String keepersTag = pull(keeper).extract().header("ETag");
        String resting = World.email("resting");
        UUID restingId = world.person(resting, Role.EDUCATOR_ROSTER, lea.school(0), false);
        world.person(resting, Role.EDUCATOR_ROSTER, lea.school(0), false, NEXT);
        pull(resting);
        String cursor = feedHead();

        Map<String, Object> preview = as(stateAdmin).when()
                .post("/api/v1/administration-years/" + NEXT + "/transition?dryRun=true").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("changed", equalTo(false))
                .body("byLea.find { it.leaCode == '" + lea.code() + "' }.usersKeepingAccess", equalTo(2))
                .body("byLea.find { it.leaCode == '" + lea.code() + "' }.usersLosingAccess", equalTo(1))
                .body("byLea.find { it.leaCode == '" + lea.code() + "' }.usersGainingAccess", equalTo(1))
                .extract().jsonPath().getMap("");
        as(stateAdmin).when().get("/api/v1/administration-years").then().body("current", equalTo(World.YEAR));
        pull(loser).body("permissionsById", not(anEmptyMap()));

        Map<String, Object> done = as(stateAdmin).when()
                .post("/api/v1/administration-years/" + NEXT + "/transition").then().statusCode(200)
                .body("changed", equalTo(true)).extract().jsonPath().getMap("");
        preview.remove("dryRun");
        preview.remove("changed");
        done.remove("dryRun");
        done.remove("changed");
        assertThat(done).isEqualTo(preview);

        org.awaitility.Awaitility.await("the backfill after the transition").atMost(java.time.Duration.ofSeconds(20))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select count(*) from consumer_document where user_id = ?1 and administration_year = ?2")
                        .setParameter(1, restingId).setParameter(2, NEXT).getSingleResult()).toString().equals("2"));
        pull(loser).body("permissionsById", anEmptyMap());
        pull(keeper).body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(0)));
        asService("t4t-service").when().get("/api/v1/t4t/users/" + gainer + "/access").then().body("allowed", equalTo(true));
        asService("cers-service").header("If-None-Match", keepersTag).when()
                .get("/api/v1/cers/users/" + keeper + "/permissions").then().statusCode(304);
        asService("cers-service").when().get("/api/v1/cers/permission-changes?limit=500&after=" + cursor).then()
                .body("items.userId", hasItems(loserId.toString(), gainerId.toString()))
                .body("items.userId", not(hasItem(keeperId.toString())));
        world.sign(world.idOf(stateAdmin), NEXT);
        as(stateAdmin).when().get("/api/v1/users/" + keeperId).then().body("roles.administrationYear", contains(NEXT));
        as(stateAdmin).when().get("/api/v1/administration-years").then()
                .body("current", equalTo(NEXT)).body("upcoming", equalTo("2028-29"))
                .body("years", hasItems(NEXT, World.YEAR));
    }

    @Test
    void aRoleGrantedForTheUpcomingYearChangesNoPullUntilTheTransition() {
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String teacher = World.email("next");
        String id = as(coordinator).body(newUser(teacher, "TOOLS_FOR_TEACHERS_ONLY", lea.school(0))).when()
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        as(coordinator).body("{\"roleId\":\"EDUCATOR_TEST_SITE\",\"orgCode\":\"" + lea.school(0)
                + "\",\"administrationYear\":\"" + NEXT + "\"}").when().post("/api/v1/users/" + id + "/roles").then()
                .statusCode(201).body("administrationYear", equalTo(NEXT));
        as(coordinator).body("{\"roleId\":\"EDUCATOR_TEST_SITE\",\"orgCode\":\"" + lea.school(0)
                + "\",\"administrationYear\":\"2028-29\"}").when().post("/api/v1/users/" + id + "/roles").then()
                .statusCode(400).body("errors[0].field", equalTo("administrationYear"))
                .body("errors[0].code", equalTo("YEAR_NOT_OPEN"));
        as(coordinator).when().get("/api/v1/users/" + id).then()
                .body("roles.administrationYear", containsInAnyOrder(World.YEAR, NEXT));
        pull(teacher).body("permissionsById", anEmptyMap());

        as(stateAdmin).when().post("/api/v1/administration-years/" + NEXT + "/transition").then().statusCode(200)
                .body("byLea.find { it.leaCode == '" + lea.code() + "' }.usersKeepingAccess", equalTo(1));

        pull(teacher).body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(0)));
    }

    @Test
    void aCarryForwardCopiesWhatItsPreviewCountsAndOnlyWhatTheCallerMayGrant() {
        World.Lea other = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        UUID teacher = world.person(World.email("carried"), Role.EDUCATOR_TEST_SITE, lea.school(0), false);
        world.person(World.email("carried"), Role.CAASPP_TEST_EXAMINER, lea.school(0), false);
        String inactive = World.email("gone");
        world.person(inactive, Role.EDUCATOR_TEST_SITE, lea.school(0), false);
        world.deactivate(inactive);
        world.person(World.email("elsewhere"), Role.EDUCATOR_TEST_SITE, other.school(0), false);

        String url = "/api/v1/administration-years/" + NEXT + "/carry-forward?orgCode=" + lea.code();
        as(coordinator).when().post(url + "&dryRun=ture").then().statusCode(400)
                .body("errors[0].field", equalTo("dryRun")).body("detail", equalTo("dryRun must be true or false"));
        as(coordinator).when().post(url + "&role=Janitor&dryRun=true").then().statusCode(400)
                .body("errors[0].field", equalTo("role")).body("errors[0].code", equalTo("UNKNOWN_ROLE"));
        as(coordinator).when().get("/api/v1/users/" + teacher).then().body("roles.administrationYear", contains(World.YEAR));
        as(coordinator).when().post(url + "&dryRun=true").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("assignmentsCarried", equalTo(2)).body("usersCarried", equalTo(2));
        String etag = as(coordinator).when().get("/api/v1/users/" + teacher).then().extract().header("ETag");
        String cursor = feedHead();
        as(coordinator).when().post(url).then().statusCode(200)
                .body("dryRun", equalTo(false)).body("assignmentsCarried", equalTo(2)).body("usersCarried", equalTo(2));
        as(coordinator).when().get("/api/v1/users/" + teacher).then().header("ETag", not(equalTo(etag)));
        asService("cers-service").when().get("/api/v1/cers/permission-changes?after=" + cursor).then()
                .body("items.userId", not(hasItem(teacher.toString())));
        as(coordinator).when().get("/api/v1/users/" + teacher).then()
                .body("roles.administrationYear", containsInAnyOrder(World.YEAR, NEXT));
        as(coordinator).when().post(url + "&dryRun=true").then().body("assignmentsCarried", equalTo(0));

        as(coordinator).when().post("/api/v1/administration-years/" + NEXT + "/carry-forward?orgCode=" + other.code()
                + "&dryRun=true").then().statusCode(200).body("assignmentsCarried", equalTo(0))
                .body("assignmentsNotYoursToGrant", equalTo(1));
        as(coordinator).when().post("/api/v1/administration-years/2028-29/carry-forward").then().statusCode(409)
                .body("code", equalTo("NOT_THE_UPCOMING_YEAR"));
    }

    @Test
    void aTransitionThatWouldLeaveTheStateWithoutAnAdministratorIsRefusedUntilTheStateLevelIsCarriedForward() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                delete from role_assignment where role_id = 'STATE_ADMINISTRATOR' and administration_year = ?1""")
                .setParameter(1, NEXT).executeUpdate());
        world.person(World.email("taught"), Role.EDUCATOR_ROSTER, lea.school(0), false);
        String transition = "/api/v1/administration-years/" + NEXT + "/transition";

        as(stateAdmin).when().post(transition + "?dryRun=true").then().statusCode(200)
                .body("stateAdministrators", equalTo(0))
                .body("leasWithoutPrimaryCoordinator.leaCode", hasItem(lea.code()));
        as(stateAdmin).when().post(transition).then().statusCode(409)
                .body("code", equalTo("NO_STATE_ADMINISTRATOR"))
                .body("detail", containsString("carry-forward?orgCode=CA&role=STATE_ADMINISTRATOR"));
        as(stateAdmin).when().get("/api/v1/administration-years").then().body("current", equalTo(World.YEAR));

        as(stateAdmin).when().post("/api/v1/administration-years/" + NEXT
                + "/carry-forward?orgCode=CA&role=STATE_ADMINISTRATOR").then().statusCode(200)
                .body("usersCarried", greaterThanOrEqualTo(1));
        as(stateAdmin).when().post(transition + "?dryRun=true").then().statusCode(200)
                .body("stateAdministrators", greaterThanOrEqualTo(1));
        as(stateAdmin).when().post(transition).then().statusCode(200).body("changed", equalTo(true));
    }

    @Test
    void anUploadRowMayNameTheUpcomingYearAndNoOther() {
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String now = World.email("now");
        String later = World.email("later");
        String header = "First Name,Last Name,Email Address,CDS Code,Role,Administration Year\n";
        String bad = org.tomsprov.testdata.Uploads.csv(coordinator, header
                + "Ana,Lopez," + now + "," + lea.school(0) + ",EDUCATOR_TEST_SITE,2029-30\n");
        org.tomsprov.testdata.Uploads.settled(coordinator, bad).then().body("errorCount", equalTo(1));
        as(coordinator).when().get("/api/v1/uploads/" + bad + "/errors").then()
                .body("column", hasItem("Administration Year")).body("code", hasItem("YEAR_NOT_OPEN"));

        String good = org.tomsprov.testdata.Uploads.csv(coordinator, header
                + "Ana,Lopez," + now + "," + lea.school(0) + ",EDUCATOR_TEST_SITE,\n"
                + "Ben,Ngo," + later + "," + lea.school(0) + ",EDUCATOR_TEST_SITE," + NEXT + "\n");
        org.tomsprov.testdata.Uploads.settled(coordinator, good).then().body("status", equalTo("VALIDATED"));
        org.tomsprov.testdata.Uploads.commit(coordinator, good).then().body("status", equalTo("COMMITTED"));
        pull(now).body("permissionsById", not(anEmptyMap()));
        pull(later).body("permissionsById", anEmptyMap());
        as(coordinator).when().get("/api/v1/users/" + world.idOf(later)).then()
                .body("roles.administrationYear", contains(NEXT));

        as(stateAdmin).when().post("/api/v1/administration-years/" + NEXT + "/transition").then().statusCode(200);
        pull(later).body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(0)));
        pull(now).body("permissionsById", anEmptyMap());
    }

    @Test
    void listingsAndMeShowTheCurrentAndUpcomingYearsAndEarlierYearsOnlyAsHistory() {
        String keeper = World.email("kept");
        String leaver = World.email("left");
        UUID keeperId = world.person(keeper, Role.EDUCATOR_TEST_SITE, lea.school(0), false);
        world.person(keeper, Role.EDUCATOR_ROSTER, lea.school(0), false, NEXT);
        UUID leaverId = world.person(leaver, Role.EDUCATOR_TEST_SITE, lea.school(0), false);
        as(stateAdmin).when().get("/api/v1/users/" + keeperId).then().statusCode(200)
                .body("roles.find { it.administrationYear == '" + World.YEAR + "' }.upcoming", equalTo(false))
                .body("roles.find { it.administrationYear == '" + NEXT + "' }.upcoming", equalTo(true));
        as(stateAdmin).when().get("/api/v1/me").then()
                .body("roles.administrationYear", containsInAnyOrder(World.YEAR, NEXT))
                .body("roles.upcoming", containsInAnyOrder(false, true));
        as(stateAdmin).when().get("/api/v1/users?administrationYear=2026-2027").then().statusCode(400)
                .body("errors[0].field", equalTo("administrationYear")).body("errors[0].code", equalTo("INVALID_YEAR"));

        as(stateAdmin).when().post("/api/v1/administration-years/" + NEXT + "/transition").then().statusCode(200);
        world.sign(world.idOf(stateAdmin), NEXT);

        as(stateAdmin).when().get("/api/v1/users/" + keeperId).then()
                .body("roles.roleId", contains("EDUCATOR_ROSTER")).body("roles[0].upcoming", equalTo(false));
        as(stateAdmin).when().get("/api/v1/users/" + keeperId + "?administrationYear=" + World.YEAR).then()
                .body("roles.roleId", contains("EDUCATOR_TEST_SITE"));
        as(stateAdmin).when().get("/api/v1/users/" + leaverId).then().statusCode(200).body("roles", empty());
        as(stateAdmin).when().get("/api/v1/users?orgCode=" + lea.code()).then()
                .body("items.email", hasItem(keeper)).body("items.email", not(hasItem(leaver)));
        as(stateAdmin).when().get("/api/v1/users?orgCode=" + lea.code() + "&administrationYear=" + World.YEAR).then()
                .body("items.email", hasItems(keeper, leaver))
                .body("items.find { it.email == '" + leaver + "' }.roles.administrationYear", contains(World.YEAR));
        as(stateAdmin).when().get("/api/v1/me").then().body("roles.administrationYear", contains(NEXT))
                .body("securityAgreements.administrationYear", equalTo(NEXT));
    }

    @Test
    void aSecondTransitionChangesNothingAndTheAdministratorSignsAgainForTheNewYear() {
        as(stateAdmin).when().post("/api/v1/administration-years/" + NEXT + "/transition").then().statusCode(200)
                .body("changed", equalTo(true));

        as(stateAdmin).when().post("/api/v1/administration-years/" + NEXT + "/transition").then().statusCode(403)
                .body("code", equalTo("SECURITY_AGREEMENT_REQUIRED"));
        world.sign(world.idOf(stateAdmin), NEXT);
        as(stateAdmin).when().post("/api/v1/administration-years/" + NEXT + "/transition").then().statusCode(200)
                .body("changed", equalTo(false)).body("usersLosingAccess", equalTo(0));
    }

    @Test
    void onlyTheUpcomingYearBecomesCurrentAndOnlyAStateAdministratorMakesIt() {
        as(stateAdmin).when().post("/api/v1/administration-years/2029-30/transition").then().statusCode(409)
                .body("code", equalTo("NOT_THE_UPCOMING_YEAR"));
        as(stateAdmin).when().post("/api/v1/administration-years/2027-29/transition").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("year"))
                .body("errors[0].code", equalTo("INVALID_YEAR"));
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        as(coordinator).when().post("/api/v1/administration-years/" + NEXT + "/transition?dryRun=true").then()
                .statusCode(403).body("code", equalTo("STATE_ADMINISTRATOR_REQUIRED"));
        as(stateAdmin).when().get("/api/v1/administration-years").then().body("current", equalTo(World.YEAR));
    }

    @Test
    void aTransitionWhileAnotherRunsIsRefused() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select current_year from administration_calendar for update").getSingleResult();
            as(stateAdmin).when().post("/api/v1/administration-years/" + NEXT + "/transition").then().statusCode(409)
                    .body("code", equalTo("TRANSITION_IN_PROGRESS"));
        });
        as(stateAdmin).when().get("/api/v1/administration-years").then().body("current", equalTo(World.YEAR));
    }

    private static io.restassured.response.ValidatableResponse pull(String email) {
        return asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(200);
    }
}
