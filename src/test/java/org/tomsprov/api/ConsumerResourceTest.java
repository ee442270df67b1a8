package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.feedHead;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.World;

@QuarkusTest
class ConsumerResourceTest {

    @Inject
    World world;

    World.Lea lea;
    String coordinator;

    @BeforeEach
    void setUp() {
        lea = world.lea(2);
        coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
    }

    @Test
    void cersPullsTheRdwShapeWithScopesAsRdwKeepsThem() {
        String email = World.email("cers");
        as(coordinator).body("""
                {"email": "%s", "firstName": "A", "lastName": "B", "roles": [
                  {"roleId": "EDUCATOR_DISTRICT", "orgCode": "%s"},
                  {"roleId": "EDUCATOR_ROSTER", "orgCode": "%s"}]}""".formatted(email, lea.code(), lea.school(0)))
                .when().post("/api/v1/users").then().statusCode(201);

        asService("cers-service").when().get("/api/v1/cers/users/" + email.toUpperCase() + "/permissions").then()
                .statusCode(200).body("email", equalTo(email))
                .body("permissionsById.keySet()", containsInAnyOrder("INDIVIDUAL_PII_READ", "GROUP_PII_READ", "GROUP_READ",
                        "GROUP_WRITE", "CUSTOM_AGGREGATE_READ", "INSTRUCTIONAL_RESOURCE_WRITE"))
                .body("permissionsById.GROUP_READ.id", equalTo("GROUP_READ"))
                .body("permissionsById.GROUP_READ.scope.statewide", equalTo(false))
                .body("permissionsById.GROUP_READ.scope.districtIds", contains(lea.code()))
                .body("permissionsById.GROUP_READ.scope.institutionIds", contains(lea.school(0)))
                .body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", empty())
                .body("permissionsById.GROUP_READ.scope.districtGroupIds", empty())
                .body("permissionsById.GROUP_READ.scope.institutionGroupIds", empty());
    }

    @Test
    void aPullNamesItsVersionAndAConditionalPullIsA304UntilTheUsersRolesChange() {
        String email = World.email("etag-pull");
        String id = as(coordinator).body("""
                {"email": "%s", "firstName": "A", "lastName": "B", "roles": [
                  {"roleId": "EDUCATOR_ROSTER", "orgCode": "%s"}]}""".formatted(email, lea.school(0)))
                .when().post("/api/v1/users").then().statusCode(201).extract().path("id");
        String path = "/api/v1/cers/users/" + email + "/permissions";
        String etag = asService("cers-service").when().get(path).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");

        asService("cers-service").header("If-None-Match", etag).when().get(path).then()
                .statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
        String t4tPath = "/api/v1/t4t/users/" + email + "/access";
        String t4tEtag = asService("t4t-service").when().get(t4tPath).then().statusCode(200).extract().header("ETag");
        asService("t4t-service").header("If-None-Match", t4tEtag).when().get(t4tPath).then().statusCode(304);

        as(coordinator).body("""
                {"roleId": "EDUCATOR_TEST_SITE", "orgCode": "%s"}""".formatted(lea.school(1)))
                .when().post("/api/v1/users/" + id + "/roles").then().statusCode(201);

        String changed = asService("cers-service").header("If-None-Match", etag).when().get(path).then()
                .statusCode(200).body("permissionsById.keySet()", hasItem("INDIVIDUAL_PII_READ"))
                .extract().header("ETag");
        assertThat(changed).isNotEqualTo(etag);
        asService("t4t-service").header("If-None-Match", t4tEtag).when().get(t4tPath).then().statusCode(200);
    }

    @Test
    void aBatchPullAnswersManyUsersInTheOrderAskedAndNamesTheUnknown() {
        String a = World.email("batch-a");
        String b = World.email("batch-b");
        for (String email : List.of(a, b)) {
            as(coordinator).body("""
                    {"email": "%s", "firstName": "A", "lastName": "B", "roles": [
                      {"roleId": "EDUCATOR_ROSTER", "orgCode": "%s"}]}""".formatted(email, lea.school(0)))
                    .when().post("/api/v1/users").then().statusCode(201);
        }
        String missing = World.email("batch-nobody");
        String single = asService("cers-service").when().get("/api/v1/cers/users/" + b + "/permissions").then()
                .statusCode(200).extract().asString();

        Response batch = asService("cers-service").body(java.util.Map.of("emails", List.of(b, missing, a, b.toUpperCase())))
                .when().post("/api/v1/cers/users/permissions");

        batch.then().statusCode(200).body("items.email", contains(b, a)).body("notFound", contains(missing))
                .body("items[0].permissionsById.GROUP_PII_READ.scope.institutionIds", contains(lea.school(0)));
        assertThat(io.restassured.path.json.JsonPath.from(single).getMap(""))
                .isEqualTo(batch.jsonPath().getMap("items[0]"));
    }

    @Test
    void aBatchPullAnswersEveryUserAskedWhateverTheBatchSize() {
        List<String> known = java.util.stream.IntStream.range(0, 3).mapToObj(i -> World.email("sized" + i)).toList();
        known.forEach(email -> world.person(email, Role.EDUCATOR_ROSTER, lea.school(0), false));
        for (int size : new int[] {2, 5, 64, 65, 200}) {
            List<String> asked = new java.util.ArrayList<>(known.subList(0, Math.min(size, known.size())));
            while (asked.size() < size) {
                asked.add("absent" + size + "-" + asked.size() + "@test.example");
            }
            java.util.Collections.reverse(asked);
            asService("cers-service").body(java.util.Map.of("emails", asked)).when().post("/api/v1/cers/users/permissions")
                    .then().statusCode(200)
                    .body("items.email", equalTo(asked.stream().filter(known::contains).toList()))
                    .body("notFound", equalTo(asked.stream().filter(e -> !known.contains(e)).toList()));
        }
    }

    @Test
    void aBatchPullIsForCersOnlyAndAtMost500Users() {
        List<String> many = java.util.stream.IntStream.rangeClosed(0, 500).mapToObj(i -> "u" + i + "@test.example").toList();
        asService("cers-service").body(java.util.Map.of("emails", many)).when().post("/api/v1/cers/users/permissions")
                .then().statusCode(400).body("errors[0].field", equalTo("emails"))
                .body("errors[0].code", equalTo("TOO_MANY_ITEMS"));
        asService("t4t-service").body(java.util.Map.of("emails", List.of("x@test.example")))
                .when().post("/api/v1/cers/users/permissions").then().statusCode(403);
        asService("cers-service").body(java.util.Map.of()).when().post("/api/v1/cers/users/permissions")
                .then().statusCode(400).body("errors[0].code", equalTo("REQUIRED"));
    }

    @Test
    void toolsForTeachersSeesAccessAndItsTenancyChains() {
        String email = World.email("t4t");
        String id = as(coordinator).body(newUser(email, "Tools for Teachers Only", lea.school(1))).when()
                .post("/api/v1/users").then().statusCode(201).extract().path("id");

        asService("t4t-service").when().get("/api/v1/t4t/users/" + email + "/access").then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("tenancyChains", contains(startsWith("|" + lea.school(1) + "|DL_EndUser|INSTITUTION|1000|CA|")));

        as(coordinator).contentType("application/merge-patch+json").body("{\"status\":\"INACTIVE\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(200);
        asService("t4t-service").when().get("/api/v1/t4t/users/" + email + "/access").then().statusCode(200)
                .body("allowed", equalTo(false)).body("tenancyChains", empty());
    }

    @Test
    void servicePullsAreForTheirServiceClientOnly() {
        String email = World.email("x");
        world.person(email, Role.EDUCATOR_ROSTER, lea.school(0), false);

        as(coordinator).when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(403)
                .body("code", equalTo("SERVICE_CLIENT_REQUIRED"));
        asService("t4t-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(403);
        asService("cers-service").when().get("/api/v1/t4t/users/" + email + "/access").then().statusCode(403);
        asService("cers-service").when().get("/api/v1/cers/users/nobody@nowhere.example/permissions").then()
                .statusCode(404).body("code", equalTo("USER_NOT_FOUND"));
    }

    @Test
    void theChangeFeedIsOrderedAndPollsForeverFromNextCursor() {
        String cursor = feedHead();

        String email = World.email("feed");
        String id = as(coordinator).body(newUser(email, "EDUCATOR_ROSTER", lea.school(0))).when().post("/api/v1/users")
                .then().statusCode(201).extract().path("id");
        as(coordinator).contentType("application/merge-patch+json").body("{\"status\":\"INACTIVE\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(200);

        Response page = asService("cers-service").queryParam("after", cursor).when()
                .get("/api/v1/cers/permission-changes").then().statusCode(200).extract().response();
        List<Integer> sequences = page.path("items.sequence");
        assertThat(sequences).hasSize(2).isSorted();
        assertThat(page.jsonPath().getList("items.email")).containsOnly(email);
        assertThat(page.jsonPath().getList("items.userId")).containsOnly(id);

        String next = page.path("nextCursor");
        asService("cers-service").queryParam("after", next).when().get("/api/v1/cers/permission-changes").then()
                .statusCode(200).body("items", empty()).body("nextCursor", equalTo(next));
    }

    @Test
    void aCursorHandedOutBeforeEntriesCarriedTheirTransactionGoesOnAfterTheSameEntry() {
        String email = World.email("feed-legacy");
        UUID id = world.person(email, Role.EDUCATOR_ROSTER, lea.school(0), false);
        long first = world.entryFromBeforeTransactions(id, email);
        long second = world.entryFromBeforeTransactions(id, email);
        String legacy = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("seq:" + first).getBytes(StandardCharsets.UTF_8));

        asService("cers-service").queryParam("after", legacy).queryParam("limit", 1).when()
                .get("/api/v1/cers/permission-changes").then().statusCode(200)
                .body("items.sequence", contains((int) second)).body("items.email", contains(email));
    }
}
