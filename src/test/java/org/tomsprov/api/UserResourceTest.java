package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.given;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.AtOnce;
import org.tomsprov.testdata.RivalCreation;
import org.tomsprov.testdata.World;

@QuarkusTest
class UserResourceTest {

    static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    World world;
    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    World.Lea leaA;
    World.Lea leaB;
    String coordinatorA;
    String coordinatorB;

    @BeforeEach
    void setUp() {
        leaA = world.lea(2);
        leaB = world.lea(1);
        coordinatorA = world.admin(Role.LEA_CAASPP_COORDINATOR, leaA.code());
        coordinatorB = world.admin(Role.LEA_CAASPP_COORDINATOR, leaB.code());
    }

    String create(String admin, String email, String roleId, String orgCode) {
        return as(admin).body(newUser(email, roleId, orgCode)).when().post("/api/v1/users")
                .then().statusCode(anyOf(is(200), is(201))).extract().path("id");
    }

    @Test
    void aCoordinatorAddsATeacherAtTheirSchoolAndReadsTheirEffectivePermissions() {
        String email = World.email("teacher");

        Response created = as(coordinatorA).body(newUser(email, "Educator - Roster", leaA.school(0)))
                .when().post("/api/v1/users").then().statusCode(201)
                .header("Location", containsString("/api/v1/users/"))
                .header("ETag", not(emptyOrNullString()))
                .body("email", equalTo(email)).body("firstName", equalTo("Ana")).body("lastName", equalTo("Díaz"))
                .body("status", equalTo("ACTIVE"))
                .body("roles[0].roleId", equalTo("EDUCATOR_ROSTER")).body("roles[0].orgCode", equalTo(leaA.school(0)))
                .body("roles[0].administrationYear", equalTo("2026-27")).body("roles[0].primary", equalTo(false))
                .extract().response();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/users/" + id);

        as(coordinatorA).when().get("/api/v1/users/" + id + "/effective-permissions").then().statusCode(200)
                .body("userId", equalTo(id)).body("administrationYear", equalTo("2026-27"))
                .body("permissions.keySet()", containsInAnyOrder("PII_GROUP", "DL_EndUser"))
                .body("permissions.PII_GROUP.institutionIds", contains(leaA.school(0)))
                .body("permissions.PII_GROUP.districtIds", empty())
                .body("tenancyChains", hasItem("|" + leaA.school(0) + "|PII_GROUP|INSTITUTION|1000|CA|||CA|CALIFORNIA|||"
                        + leaA.code() + "|" + leaA.name() + "|||" + leaA.school(0) + "|School 1 of " + leaA.code().substring(0, 7) + "|"));
    }

    @Test
    void anLeaCoordinatorCannotGrantAtASchoolOfAnotherLeaAndNothingIsCreated() {
        String email = World.email("outsider");

        as(coordinatorA).body(newUser(email, "EDUCATOR_ROSTER", leaB.school(0))).when().post("/api/v1/users").then()
                .statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("ORG_OUTSIDE_SCOPE")).body("detail", containsString(leaB.school(0)));
        as(coordinatorB).queryParam("email", email).when().get("/api/v1/users").then().statusCode(200).body("items", empty());
        String stateAdmin = world.admin(Role.STATE_ADMINISTRATOR, "CA");
        as(stateAdmin).queryParam("email", email).when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void aSiteCoordinatorCannotCreateASiteCoordinator() {
        String site = world.admin(Role.SITE_CAASPP_COORDINATOR, leaA.school(0));

        as(site).body(newUser(World.email("site2"), "Site ELPAC Coordinator", leaA.school(0))).when().post("/api/v1/users")
                .then().statusCode(403).body("code", equalTo("ROLE_NOT_GRANTABLE"));
        as(site).body(newUser(World.email("examiner"), "CAASPP Test Examiner", leaA.school(0))).when().post("/api/v1/users")
                .then().statusCode(201);
        as(site).body(newUser(World.email("elsewhere"), "CAASPP Test Examiner", leaA.school(1))).when().post("/api/v1/users")
                .then().statusCode(403).body("code", equalTo("ORG_OUTSIDE_SCOPE"));
    }

    @Test
    void anUnsignedCoordinatorMustSignBothFormsFirst() {
        String unsigned = World.email("unsigned");
        world.person(unsigned, Role.LEA_ELPAC_COORDINATOR, leaA.code(), false);
        String body = newUser(World.email("t"), "ELPAC Test Examiner", leaA.school(0));

        as(unsigned).body(body).when().post("/api/v1/users").then().statusCode(403)
                .body("code", equalTo("SECURITY_AGREEMENT_REQUIRED"));
        as(unsigned).body("{\"type\":\"TEST_SECURITY_AGREEMENT\"}").when().post("/api/v1/me/security-agreements")
                .then().statusCode(200).body("complete", equalTo(false));
        as(unsigned).body(body).when().post("/api/v1/users").then().statusCode(403)
                .body("code", equalTo("SECURITY_AGREEMENT_REQUIRED"));
        as(unsigned).body("{\"type\":\"TEST_SECURITY_AFFIDAVIT\"}").when().post("/api/v1/me/security-agreements")
                .then().statusCode(200).body("complete", equalTo(true));
        as(unsigned).body(body).when().post("/api/v1/users").then().statusCode(201);
        as(unsigned).when().get("/api/v1/me").then().body("securityAgreements.complete", equalTo(true))
                .body("administrativeScope.leaCodes", contains(leaA.code()));
    }

    @Test
    void twoCoordinatorsCreatingTheSamePersonAtOnceGetOnePersonWithBothRolesAndNoConflict() throws Exception {
        String email = World.email("at-once");
        List<java.util.concurrent.Callable<Response>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(() -> as(coordinatorA).body(newUser(email, "EDUCATOR_ROSTER", leaA.school(0))).post("/api/v1/users"));
            requests.add(() -> as(coordinatorB).body(newUser(email.toUpperCase(java.util.Locale.ROOT),
                    "CAASPP_TEST_EXAMINER", leaB.school(0))).post("/api/v1/users"));
        }
        List<Response> answers = AtOnce.send(requests);
        assertThat(answers).extracting(Response::statusCode).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(answers).extracting(r -> r.<String>path("id")).containsOnly(answers.get(0).<String>path("id"));
        String id = answers.get(0).path("id");
        as(coordinatorA).when().get("/api/v1/users/" + id).then().body("roles.roleId", contains("EDUCATOR_ROSTER"));
        as(coordinatorB).when().get("/api/v1/users/" + id).then().body("roles.roleId", contains("CAASPP_TEST_EXAMINER"));
    }

    @Test
    void aCreationThatMeetsAnotherTransactionsUncommittedPersonWaitsAndAddsItsRoleToThatPerson() {
        String email = World.email("rival");
        RivalCreation.begin(dataSource, email);

        String id = as(coordinatorA).body(newUser(email, "EDUCATOR_ROSTER", leaA.school(0))).when()
                .post("/api/v1/users").then().statusCode(200).body("roles.roleId", contains("EDUCATOR_ROSTER"))
                .extract().path("id");

        as(coordinatorA).queryParam("email", email).when().get("/api/v1/users").then()
                .body("items.id", contains(id));
        as(coordinatorA).queryParam("userId", id).when().get("/api/v1/audit-events").then()
                .body("items.action", hasItem("ROLE_GRANTED")).body("items.action", not(hasItem("USER_CREATED")));
    }

    @Test
    void aUserWithRolesInTwoLeasShowsEachCoordinatorOnlyTheirOwnLeasRoles() {
        String email = World.email("shared");
        String id = create(coordinatorA, email, "EDUCATOR_ROSTER", leaA.school(0));
        assertThat(create(coordinatorB, email, "CAASPP_TEST_EXAMINER", leaB.school(0))).isEqualTo(id);

        as(coordinatorA).when().get("/api/v1/users/" + id).then().statusCode(200)
                .body("roles.orgCode", contains(leaA.school(0)));
        as(coordinatorB).when().get("/api/v1/users/" + id).then().statusCode(200)
                .body("roles.orgCode", contains(leaB.school(0)));
        as(coordinatorA).queryParam("email", email).when().get("/api/v1/users").then()
                .body("items[0].roles.roleId", contains("EDUCATOR_ROSTER"));
        as(coordinatorB).when().get("/api/v1/users/" + id + "/effective-permissions").then()
                .body("permissions.PII_GROUP.institutionIds", contains(leaB.school(0)));

        as(coordinatorA).contentType(MERGE_PATCH).body("{\"status\":\"INACTIVE\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(409)
                .body("code", equalTo("ASSIGNMENTS_OUTSIDE_SCOPE")).body("detail", containsString(leaB.school(0)));
    }

    @Test
    void usersOutsideTheCallersScopeAre404FromBothSides() {
        String idA = create(coordinatorA, World.email("onlyA"), "EDUCATOR_ROSTER", leaA.school(0));
        String idB = create(coordinatorB, World.email("onlyB"), "EDUCATOR_ROSTER", leaB.school(0));

        as(coordinatorA).when().get("/api/v1/users/" + idB).then().statusCode(404).body("code", equalTo("USER_NOT_FOUND"));
        as(coordinatorB).when().get("/api/v1/users/" + idA).then().statusCode(404).body("code", equalTo("USER_NOT_FOUND"));
        as(coordinatorA).when().get("/api/v1/users/" + idB + "/effective-permissions").then().statusCode(404);
        as(coordinatorA).contentType("application/json").body("{\"firstName\":\"X\"}").when().patch("/api/v1/users/" + idB)
                .then().statusCode(404);
        as(coordinatorA).body("{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"" + leaA.school(1) + "\"}")
                .when().post("/api/v1/users/" + idB + "/roles").then().statusCode(404);
        as(coordinatorA).when().get("/api/v1/users/" + UUID.randomUUID()).then().statusCode(404);

        List<String> listedByA = as(coordinatorA).queryParam("limit", 500).when().get("/api/v1/users").then()
                .statusCode(200).extract().path("items.id");
        assertThat(listedByA).contains(idA).doesNotContain(idB);
        as(coordinatorA).queryParam("orgCode", leaB.code()).when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void revokingAnotherLeasAssignmentIsNotPossible() {
        String email = World.email("split");
        String id = create(coordinatorA, email, "EDUCATOR_ROSTER", leaA.school(0));
        create(coordinatorB, email, "EDUCATOR_ROSTER", leaB.school(0));
        String assignmentB = as(coordinatorB).when().get("/api/v1/users/" + id).then().extract().path("roles[0].id");

        as(coordinatorA).when().delete("/api/v1/users/" + id + "/roles/" + assignmentB).then().statusCode(404)
                .body("code", equalTo("ASSIGNMENT_NOT_FOUND"));
        as(coordinatorB).when().get("/api/v1/users/" + id).then().body("roles.id", contains(assignmentB));
    }

    @Test
    void aStaleEtagIsRefusedWith412AndTheFreshOneWorks() {
        String id = create(coordinatorA, World.email("etag"), "EDUCATOR_ROSTER", leaA.school(0));
        String etag = as(coordinatorA).when().get("/api/v1/users/" + id).then().extract().header("ETag");

        String newEtag = as(coordinatorA).header("If-Match", etag).contentType(MERGE_PATCH)
                .body("{\"firstName\":\"Renée\",\"phone\":\"+1 916 555 0100 ext. 12\"}").when().patch("/api/v1/users/" + id)
                .then().statusCode(200).body("firstName", equalTo("Renée")).body("phone", equalTo("916-555-0100 x12"))
                .extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);

        as(coordinatorA).header("If-Match", etag).contentType(MERGE_PATCH)
                .body("{\"lastName\":\"Stale\"}").when().patch("/api/v1/users/" + id).then().statusCode(412)
                .body("code", equalTo("PRECONDITION_FAILED"));
        as(coordinatorA).header("If-Match", etag)
                .body("{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"" + leaA.school(1) + "\"}")
                .when().post("/api/v1/users/" + id + "/roles").then().statusCode(412);
        as(coordinatorA).when().get("/api/v1/users/" + id).then().body("lastName", equalTo("Díaz"))
                .body("roles", hasSize(1)).header("ETag", equalTo(newEtag));
        as(coordinatorA).header("If-Match", "\"0\", W/" + newEtag).contentType(MERGE_PATCH)
                .body("{\"lastName\":\"Fresh\"}").when().patch("/api/v1/users/" + id).then().statusCode(200)
                .body("lastName", equalTo("Fresh"));
    }

    @Test
    void editsRacingWithTheSameEtagChangeTheUserOnceAndTheOthersAreTold412() throws Exception {
        String id = create(coordinatorA, World.email("etag-race"), "EDUCATOR_ROSTER", leaA.school(0));
        String etag = as(coordinatorA).when().get("/api/v1/users/" + id).then().extract().header("ETag");
        List<java.util.concurrent.Callable<Response>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String lastName = "Racer" + (char) ('a' + i);
            requests.add(() -> as(coordinatorA).header("If-Match", etag).contentType(MERGE_PATCH)
                    .body("{\"lastName\":\"" + lastName + "\"}").patch("/api/v1/users/" + id));
        }
        List<Response> answers = AtOnce.send(requests);
        assertThat(answers).extracting(Response::statusCode).containsOnly(200, 412).containsOnlyOnce(200);
        assertThat(answers).filteredOn(r -> r.statusCode() == 412).extracting(r -> r.<String>path("code"))
                .containsOnly("PRECONDITION_FAILED");
        String winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().path("lastName");
        as(coordinatorA).when().get("/api/v1/users/" + id).then().body("lastName", equalTo(winner));
    }

    @Test
    void grantingAndRevokingMoveTheEtagAndRemovingTheLastRoleHidesTheUserUntilGrantedAgain() {
        String email = World.email("cycle");
        String id = create(coordinatorA, email, "EDUCATOR_ROSTER", leaA.school(0));
        String etag = as(coordinatorA).when().get("/api/v1/users/" + id).then().extract().header("ETag");

        String second = as(coordinatorA).body("{\"roleId\":\"Tools for Teachers Only\",\"orgCode\":\"" + leaA.school(1) + "\"}")
                .when().post("/api/v1/users/" + id + "/roles").then().statusCode(201)
                .header("Location", containsString("/api/v1/users/" + id + "/roles/")).extract().path("id");
        String first = as(coordinatorA).when().get("/api/v1/users/" + id).then().header("ETag", not(equalTo(etag)))
                .extract().path("roles.find { it.roleId == 'EDUCATOR_ROSTER' }.id");

        as(coordinatorA).when().delete("/api/v1/users/" + id + "/roles/" + first).then().statusCode(204);
        as(coordinatorA).when().delete("/api/v1/users/" + id + "/roles/" + second).then().statusCode(204);
        as(coordinatorA).queryParam("email", email).when().get("/api/v1/users").then().body("items", empty());
        as(coordinatorA).when().get("/api/v1/users/" + id).then().statusCode(404);

        as(coordinatorA).body(newUser(email, "EDUCATOR_ROSTER", leaA.school(0))).when().post("/api/v1/users").then()
                .statusCode(200).body("id", equalTo(id)).body("roles", hasSize(1));
    }

    @Test
    void anExistingEmailGetsTheRolesAddedWithoutItsProfileOverwrittenByAStranger() {
        String email = World.email("profile");
        String id = create(coordinatorB, email, "EDUCATOR_ROSTER", leaB.school(0));

        as(coordinatorA).body("""
                {"email": "%s", "firstName": "Hijacked", "lastName": "Name", "roles": [{"roleId": "EDUCATOR_ROSTER", "orgCode": "%s"}]}"""
                .formatted(email.toUpperCase(), leaA.school(0))).when().post("/api/v1/users").then()
                .statusCode(200).body("id", equalTo(id)).body("firstName", equalTo("Ana"))
                .body("roles.orgCode", contains(leaA.school(0)));
    }

    @Test
    void idempotentRetriesReplayAndAReusedKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        String body = newUser(World.email("idem"), "EDUCATOR_ROSTER", leaA.school(0));

        String first = as(coordinatorA).header("Idempotency-Key", key).body(body).when().post("/api/v1/users").then()
                .statusCode(201).extract().path("id");
        as(coordinatorA).header("Idempotency-Key", key).body(body).when().post("/api/v1/users").then()
                .statusCode(201).body("id", equalTo(first)).header("Location", endsWith(first));
        as(coordinatorA).header("Idempotency-Key", key).body(newUser(World.email("other"), "EDUCATOR_ROSTER", leaA.school(0)))
                .when().post("/api/v1/users").then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void oneIdempotencyKeySentWithSeveralRequestsAtOnceRunsOneOfThemAndRefusesTheOthers() throws Exception {
        String key = UUID.randomUUID().toString();
        List<String> emails = new java.util.ArrayList<>();
        List<java.util.concurrent.Callable<Response>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String email = World.email("idem-at-once-" + i);
            emails.add(email);
            requests.add(() -> as(coordinatorA).header("Idempotency-Key", key)
                    .body(newUser(email, "EDUCATOR_ROSTER", leaA.school(0))).post("/api/v1/users"));
        }
        List<Response> answers = AtOnce.send(requests);
        assertThat(answers).extracting(Response::statusCode).containsOnly(201, 422).containsOnlyOnce(201);
        assertThat(answers).filteredOn(r -> r.statusCode() == 422).extracting(r -> r.<String>path("code"))
                .containsOnly("IDEMPOTENCY_KEY_REUSED");
        long created = emails.stream().filter(email -> !as(coordinatorA).queryParam("email", email)
                .get("/api/v1/users").<List<?>>path("items").isEmpty()).count();
        assertThat(created).isEqualTo(1);
    }

    @Test
    void oneRequestRetriedAtOnceUnderItsIdempotencyKeyCreatesOnceAndAnswersAllAlike() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = newUser(World.email("idem-retried"), "EDUCATOR_ROSTER", leaA.school(0));
        List<java.util.concurrent.Callable<Response>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(() -> as(coordinatorA).header("Idempotency-Key", key).body(body).post("/api/v1/users"));
        }
        List<Response> answers = AtOnce.send(requests);
        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(r -> r.<String>path("id")).containsOnly(answers.get(0).<String>path("id"));
    }

    @Test
    void aRetriedGrantWithTheSameIdempotencyKeyGrantsOnce() {
        String id = create(coordinatorA, World.email("idemgrant"), "EDUCATOR_ROSTER", leaA.school(0));
        String key = UUID.randomUUID().toString();
        String body = "{\"roleId\":\"TOOLS_FOR_TEACHERS_ONLY\",\"orgCode\":\"" + leaA.school(1) + "\"}";

        String assignment = as(coordinatorA).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/users/" + id + "/roles").then().statusCode(201).extract().path("id");
        as(coordinatorA).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/users/" + id + "/roles").then().statusCode(201).body("id", equalTo(assignment));
        as(coordinatorA).body(body).when().post("/api/v1/users/" + id + "/roles").then().statusCode(409)
                .body("code", equalTo("ROLE_ALREADY_ASSIGNED"));
        as(coordinatorA).when().get("/api/v1/users/" + id).then().body("roles", hasSize(2));
    }

    @Test
    void badInputGetsEveryFieldErrorAndChangesNothing() {
        as(coordinatorA).body("""
                {"email": "not-an-email", "firstName": "", "lastName": "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEF",
                 "phone": "5550100", "roles": []}""").when().post("/api/v1/users").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("email", "firstName", "lastName", "phone", "roles"));
        as(coordinatorA).body("{\"email\":\"a@b.org\",\"surprise\":true}").when().post("/api/v1/users").then()
                .statusCode(400).body("code", equalTo("UNKNOWN_FIELD")).body("errors[0].field", equalTo("surprise"));
        as(coordinatorA).body(newUser("ok@test.example", "NOT_A_ROLE", leaA.school(0))).when().post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("roles[0].roleId"))
                .body("errors[0].code", equalTo("UNKNOWN_ROLE"));
        as(coordinatorA).queryParam("email", "ok@test.example").when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void aRoleIsGrantedOnlyAtAnOrganizationOfItsLevelAndNeverAtAClosedOne() {
        as(coordinatorA).body(newUser(World.email("lvl"), "EDUCATOR_ROSTER", leaA.code())).when().post("/api/v1/users")
                .then().statusCode(422).body("code", equalTo("ROLE_LEVEL_MISMATCH"));
        world.close(leaA.school(1), OrgType.SCHOOL);
        as(coordinatorA).body(newUser(World.email("closed"), "EDUCATOR_ROSTER", leaA.school(1))).when().post("/api/v1/users")
                .then().statusCode(422).body("code", equalTo("ORG_CLOSED"));
    }

    @Test
    void onlyThePrimaryCoordinatorOrSuperintendentAssignsLeaCoordinatorRolesAndOnlyOnePrimary() {
        String superintendent = world.admin(Role.SUPERINTENDENT, leaA.code());

        as(coordinatorA).body(newUser(World.email("co"), "LEA ELPAC Coordinator", leaA.code())).when().post("/api/v1/users")
                .then().statusCode(403).body("code", equalTo("ROLE_NOT_GRANTABLE"));
        String primary = World.email("primary");
        as(superintendent).body("""
                {"email": "%s", "firstName": "P", "lastName": "C", "roles": [{"roleId": "LEA_ELPAC_COORDINATOR", "orgCode": "%s", "primary": true}]}"""
                .formatted(primary, leaA.code())).when().post("/api/v1/users").then().statusCode(201)
                .body("roles[0].primary", equalTo(true));
        as(superintendent).body("""
                {"email": "%s", "firstName": "P", "lastName": "C", "roles": [{"roleId": "LEA_ELPAC_COORDINATOR", "orgCode": "%s", "primary": true}]}"""
                .formatted(World.email("second"), leaA.code())).when().post("/api/v1/users").then().statusCode(409)
                .body("code", equalTo("PRIMARY_EXISTS"));
    }

    @Test
    void grantableRolesDependOnTheCallerAndTheOrganization() {
        String site = world.admin(Role.SITE_ELPAC_COORDINATOR, leaA.school(0));

        as(coordinatorA).queryParam("orgCode", leaA.code()).when().get("/api/v1/me/grantable-roles").then().statusCode(200)
                .body("items.id", containsInAnyOrder("EDUCATOR_DISTRICT", "LST_CORRESPONDENCE_ADMINISTRATOR"));
        as(site).queryParam("orgCode", leaA.school(0)).when().get("/api/v1/me/grantable-roles").then()
                .body("items.id", not(hasItem("SITE_CAASPP_COORDINATOR"))).body("items.id", hasItem("EDUCATOR_ROSTER"));
        as(site).queryParam("orgCode", leaB.school(0)).when().get("/api/v1/me/grantable-roles").then().body("items", empty());
        as(site).when().get("/api/v1/me/grantable-roles").then().statusCode(400)
                .body("errors[0].field", equalTo("orgCode")).body("errors[0].code", equalTo("REQUIRED"));
        given().accept("application/json").when().get("/q/openapi").then().body(
                "paths.find { it.key == '/api/v1/me/grantable-roles' }.value.get.parameters.find { it.name == 'orgCode' }.required",
                equalTo(true));
    }

    @Test
    void peopleWithoutAnAdministeringRoleAndServiceClientsCannotAdministerUsers() {
        String teacher = World.email("teacher");
        world.person(teacher, Role.EDUCATOR_ROSTER, leaA.school(0), false);

        as(teacher).when().get("/api/v1/users").then().statusCode(403).body("code", equalTo("NOT_AN_ADMINISTRATOR"));
        asService("cers-service").when().get("/api/v1/users").then().statusCode(403).body("code", equalTo("PERSON_REQUIRED"));
        asService("cers-service").body(newUser(World.email("x"), "EDUCATOR_ROSTER", leaA.school(0)))
                .when().post("/api/v1/users").then().statusCode(403);
    }

    @Test
    void deactivatingAUserTheCallerFullyManagesRemovesTheirPermissions() {
        String id = create(coordinatorA, World.email("leaving"), "EDUCATOR_DISTRICT", leaA.code());

        as(coordinatorA).contentType(MERGE_PATCH).body("{\"status\":\"INACTIVE\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(200).body("status", equalTo("INACTIVE"));
        as(coordinatorA).when().get("/api/v1/users/" + id + "/effective-permissions").then().statusCode(200)
                .body("status", equalTo("INACTIVE")).body("permissions.size()", equalTo(0)).body("tenancyChains", empty());
        as(coordinatorA).queryParam("status", "INACTIVE").queryParam("orgCode", leaA.code()).when().get("/api/v1/users")
                .then().body("items.id", hasItem(id));
        as(coordinatorA).contentType(MERGE_PATCH).body("{\"status\":\"GONE\",\"roles\":[]}")
                .when().patch("/api/v1/users/" + id).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("status", "roles"));
    }

    @Test
    void everyChangeIsAuditedAndTheTrailIsScoped() {
        String email = World.email("audited");
        String id = create(coordinatorA, email, "EDUCATOR_ROSTER", leaA.school(0));
        as(coordinatorA).contentType(MERGE_PATCH).body("{\"lastName\":\"Audited\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(200);

        as(coordinatorA).queryParam("userId", id).when().get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", contains("USER_CREATED", "ROLE_GRANTED", "PROFILE_EDITED"))
                .body("items.actor", everyItem(equalTo(coordinatorA)))
                .body("items[1].orgCode", equalTo(leaA.school(0)))
                .body("items[1].after.roleId", equalTo("EDUCATOR_ROSTER"))
                .body("items[2].before.lastName", equalTo("Díaz")).body("items[2].after.lastName", equalTo("Audited"))
                .body("items.requestId", everyItem(not(emptyOrNullString())));
        as(coordinatorB).queryParam("userId", id).when().get("/api/v1/audit-events").then().statusCode(200)
                .body("items", empty());
    }
}
