package org.tomsprov.api.scim;

import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asProvisioner;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.feedHead;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.World;

/**
 * SCIM Groups as a district maps its directory groups to TOMS roles: Entra ID's sequence (people first, without
 * roles; then the group; then its members), Okta's (replace the members), and the LEA boundary from both sides.
 */
@QuarkusTest
class ScimGroupResourceTest {

    @Inject
    World world;

    World.Lea lea;
    World.Lea other;
    String roster;


    @BeforeEach
    void twoDistricts() {
        lea = world.lea(2);
        other = world.lea(1);
        roster = "EDUCATOR_ROSTER@" + lea.school(0);
    }

    @Test
    void entraCreatesThePeopleThenTheGroupThenItsMembersWhoGetTheRole() {
        String email = World.email("member");
        String userId = person(lea, email);
        asProvisioner(lea.code()).queryParam("filter", "displayName eq \"" + roster + "\"").when()
                .get("/scim/v2/Groups").then().statusCode(200).body("totalResults", equalTo(0));

        asProvisioner(lea.code()).body(group(roster)).when().post("/scim/v2/Groups").then().statusCode(201)
                .header("Location", endsWith("/scim/v2/Groups/" + roster)).body("id", equalTo(roster))
                .body("displayName", equalTo(roster)).body("members", empty())
                .body("'urn:tomsprov:params:scim:schemas:extension:2.0:Group'.description",
                        startsWith("Educator - Roster at "));
        asProvisioner(lea.code()).queryParam("filter", "displayName eq \"" + roster + "\"").when()
                .get("/scim/v2/Groups").then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(roster));
        pull(email).body("permissionsById", anEmptyMap());
        String cursor = feedHead();

        asProvisioner(lea.code()).body(patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId
                + "\"}]}")).when().patch("/scim/v2/Groups/" + roster).then().statusCode(200)
                .body("members.value", contains(userId)).body("members[0].display", equalTo(email))
                .body("members[0].$ref", endsWith("/scim/v2/Users/" + userId));
        pull(email).body("permissionsById", not(anEmptyMap()));
        cursor = feedAfter(cursor).body("items.userId", contains(userId)).extract().path("nextCursor");
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + userId).then().body("roles.value", contains(roster));
        as(world.admin(Role.STATE_ADMINISTRATOR, "CA")).when().get("/api/v1/audit-events?userId=" + userId).then()
                .body("items.find { it.action == 'ROLE_GRANTED' }.actor", startsWith("scim:"));

        asProvisioner(lea.code()).body(patch("{\"op\":\"Remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}"))
                .when().patch("/scim/v2/Groups/" + roster).then().statusCode(200).body("members", empty());
        pull(email).body("permissionsById", anEmptyMap());
        feedAfter(cursor).body("items.userId", contains(userId)).body("items[0].changes", hasItem("PERMISSIONS"));
        asProvisioner(lea.code()).body(patch("{\"op\":\"Remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}"))
                .when().patch("/scim/v2/Groups/" + roster).then().statusCode(400).body("scimType", equalTo("noTarget"));
        asProvisioner(lea.code()).body(group(roster)).when().post("/scim/v2/Groups").then().statusCode(200)
                .body("id", equalTo(roster));
    }

    @Test
    void oktaReplacesTheMembersAndAPutMakesThemExactlyThose() {
        String a = person(lea, World.email("a"));
        String b = person(lea, World.email("b"));
        asProvisioner(lea.code()).body(group(roster, a)).when().post("/scim/v2/Groups").then().statusCode(201)
                .body("members.value", contains(a));
        asProvisioner(lea.code()).body(patch("{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + b
                + "\"}]}")).when().patch("/scim/v2/Groups/" + roster).then().statusCode(200)
                .body("members.value", contains(b));
        asProvisioner(lea.code()).body(group(roster, a, b)).when().put("/scim/v2/Groups/" + roster).then()
                .statusCode(200).body("members.value", containsInAnyOrder(a, b));
        asProvisioner(lea.code()).queryParam("excludedAttributes", "members").when().get("/scim/v2/Groups/" + roster)
                .then().statusCode(200).body("$", not(hasKey("members"))).body("displayName", equalTo(roster));
        asProvisioner(lea.code()).body(patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Teachers\"}"))
                .when().patch("/scim/v2/Groups/" + roster).then().statusCode(400).body("scimType", equalTo("mutability"));

        asProvisioner(lea.code()).when().delete("/scim/v2/Groups/" + roster).then().statusCode(204);
        asProvisioner(lea.code()).when().get("/scim/v2/Groups/" + roster).then().statusCode(404);
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + a).then().statusCode(200).body("roles", empty());
    }

    @Test
    void aRoleSomeoneHoldsIsAGroupWithItsHoldersAndEveryGroupStaysInsideTheLea() {
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String held = World.email("held");
        as(coordinator).body(org.tomsprov.testdata.Api.newUser(held, "EDUCATOR_TEST_SITE", lea.school(1))).when()
                .post("/api/v1/users").then().statusCode(201);
        String testSite = "EDUCATOR_TEST_SITE@" + lea.school(1);
        asProvisioner(lea.code()).when().get("/scim/v2/Groups").then().statusCode(200)
                .body("Resources.id", hasItem(testSite))
                .body("Resources.find { it.id == '" + testSite + "' }.members.display", contains(held));

        asProvisioner(other.code()).when().get("/scim/v2/Groups/" + testSite).then().statusCode(404);
        asProvisioner(other.code()).when().get("/scim/v2/Groups").then().body("Resources.id", not(hasItem(testSite)));
        asProvisioner(lea.code()).body(group("EDUCATOR_ROSTER@" + other.school(0))).when().post("/scim/v2/Groups")
                .then().statusCode(403);
        asProvisioner(lea.code()).body(group("NOT_A_ROLE@" + lea.school(0))).when().post("/scim/v2/Groups").then()
                .statusCode(400);
        asProvisioner(lea.code()).body(group("Lincoln High - Teachers")).when().post("/scim/v2/Groups").then()
                .statusCode(400).body("detail", containsString("ROLE_ID@CDSCODE"));

        String stranger = person(other, World.email("stranger"));
        asProvisioner(lea.code()).body(group(roster)).when().post("/scim/v2/Groups").then().statusCode(201);
        asProvisioner(lea.code()).body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + stranger
                + "\"}]}")).when().patch("/scim/v2/Groups/" + roster).then().statusCode(400)
                .body("scimType", equalTo("invalidValue"));
        asProvisioner(other.code()).when().get("/scim/v2/Users/" + stranger).then().body("roles", empty());
    }

    private static String person(World.Lea lea, String email) {
        return asProvisioner(lea.code()).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Pat","familyName":"Lee"}}""".formatted(email)).when().post("/scim/v2/Users")
                .then().statusCode(201).extract().path("id");
    }

    private static String group(String name, String... members) {
        StringBuilder values = new StringBuilder();
        for (String member : members) {
            values.append(values.length() == 0 ? "" : ",").append("{\"value\":\"").append(member).append("\"}");
        }
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[%s]}"""
                .formatted(name, values);
    }

    private static String patch(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}";
    }

    private static ValidatableResponse feedAfter(String cursor) {
        return asService("cers-service").queryParam("after", cursor).when().get("/api/v1/cers/permission-changes")
                .then().statusCode(200);
    }

    private static ValidatableResponse pull(String email) {
        return asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(200);
    }
}
