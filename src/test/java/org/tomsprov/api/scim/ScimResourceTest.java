package org.tomsprov.api.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asProvisioner;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.AtOnce;
import org.tomsprov.testdata.Tokens;
import org.tomsprov.testdata.World;

/**
 * SCIM 2.0 as districts' identity providers drive it: the sequences Microsoft Entra ID and Okta run, the RFC's
 * own examples, and the LEA boundary from both sides.
 */
@QuarkusTest
class ScimResourceTest {

    @Inject
    World world;

    World.Lea lea;
    World.Lea other;


    @BeforeEach
    void twoDistricts() {
        lea = world.lea(2);
        other = world.lea(1);
    }

    static String user(String email, String... roles) {
        StringBuilder values = new StringBuilder();
        for (String role : roles) {
            values.append(values.length() == 0 ? "" : ",").append("{\"value\":\"").append(role).append("\"}");
        }
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"ext-%s",
                 "name":{"givenName":"Pat","familyName":"Lee"},"emails":[{"value":"%s","type":"work","primary":true}],
                 "active":true,"roles":[%s]}""".formatted(email, email, email, values);
    }

    static String patch(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}";
    }

    private ValidatableResponse find(String leaCode, String email) {
        return asProvisioner(leaCode).queryParam("filter", "userName eq \"" + email + "\"").when().get("/scim/v2/Users")
                .then().statusCode(200);
    }

    @Test
    void theEntraSequenceCreatesDeactivatesAddsARoleAndReadsTheUserBack() {
        String email = World.email("entra");
        find(lea.code(), email).body("totalResults", equalTo(0)).body("Resources", empty());

        var created = asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0))).when()
                .post("/scim/v2/Users").then().statusCode(201).contentType("application/scim+json")
                .header("Location", startsWith(RestAssured.baseURI + ":" + RestAssured.port + "/scim/v2/Users/"))
                .header("ETag", startsWith("W/\""))
                .body("userName", equalTo(email)).body("active", equalTo(true))
                .body("roles.value", contains("EDUCATOR_ROSTER@" + lea.school(0)))
                .body("roles[0].display", startsWith("Educator - Roster at "))
                .extract();
        String id = created.path("id");
        assertThat(created.<String>path("meta.location")).isEqualTo(created.header("Location")).endsWith("/Users/" + id);
        find(lea.code(), email).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));

        asProvisioner(lea.code()).body(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        pull(email).body("permissionsById", anEmptyMap());

        asProvisioner(lea.code()).body(patch("{\"op\":\"Add\",\"path\":\"roles\",\"value\":[{\"value\":\"EDUCATOR_TEST_SITE@"
                + lea.school(1) + "\"}]},{\"op\":\"Replace\",\"path\":\"active\",\"value\":true}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(200)
                .body("roles.value", containsInAnyOrder("EDUCATOR_ROSTER@" + lea.school(0), "EDUCATOR_TEST_SITE@" + lea.school(1)));

        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().statusCode(200)
                .body("active", equalTo(true)).body("meta.resourceType", equalTo("User"))
                .body("meta.location", equalTo(RestAssured.baseURI + ":" + RestAssured.port + "/scim/v2/Users/" + id))
                .body("roles", hasSize(2));
        pull(email).body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(1)));
        String stateAdmin = world.admin(Role.STATE_ADMINISTRATOR, "CA");
        as(stateAdmin).when().get("/api/v1/audit-events?userId=" + id).then().statusCode(200)
                .body("items.actor", everyItem(equalTo("scim:idp-" + lea.code() + "@" + lea.code())))
                .body("items.action", hasItems("USER_CREATED", "STATUS_CHANGED", "ROLE_GRANTED"));
    }

    @Test
    void theOktaSequenceReplacesWithoutAPathAndPutsTheWholeUser() {
        String email = World.email("okta");
        String id = asProvisioner(lea.code()).contentType("application/json")
                .body(user(email, "EDUCATOR_ROSTER@" + lea.school(0))).when().post("/scim/v2/Users").then()
                .statusCode(201).extract().path("id");

        asProvisioner(lea.code()).body(patch("{\"op\":\"replace\",\"value\":{\"active\":false}}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        asProvisioner(lea.code()).queryParam("filter", "active eq false and userName eq \"" + email.toUpperCase() + "\"")
                .when().get("/scim/v2/Users").then().body("totalResults", equalTo(1));

        String etag = asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().extract().header("ETag");
        asProvisioner(lea.code()).header("If-Match", etag)
                .body(user(email, "Educator - Test Site@" + lea.school(1)).replace("\"Pat\"", "\"Patricia\"")).when()
                .put("/scim/v2/Users/" + id).then().statusCode(200)
                .body("name.givenName", equalTo("Patricia")).body("active", equalTo(true))
                .body("roles.value", contains("EDUCATOR_TEST_SITE@" + lea.school(1)))
                .header("ETag", not(equalTo(etag)));
        asProvisioner(lea.code()).header("If-Match", etag).body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                .when().patch("/scim/v2/Users/" + id).then().statusCode(412)
                .body("status", equalTo("412")).body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:Error"));
    }

    @Test
    void anotherLeasProvisionerNeitherSeesNorTouchesAUserOrTheirRoles() {
        String email = World.email("shared");
        String id = asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0))).when()
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");

        asProvisioner(other.code()).when().get("/scim/v2/Users/" + id).then().statusCode(404)
                .body("status", equalTo("404"));
        find(other.code(), email).body("totalResults", equalTo(0));
        asProvisioner(other.code()).body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(404);
        asProvisioner(other.code()).when().delete("/scim/v2/Users/" + id).then().statusCode(404);
        asProvisioner(lea.code()).body(patch("{\"op\":\"add\",\"path\":\"roles\",\"value\":[{\"value\":\"EDUCATOR_ROSTER@"
                + other.school(0) + "\"}]}")).when().patch("/scim/v2/Users/" + id).then().statusCode(403)
                .body("detail", startsWith("ORG_OUTSIDE_SCOPE"));

        // the other district provisions the same person: its roles are added, and each sees only its own
        asProvisioner(other.code()).body(user(email, "EDUCATOR_ROSTER@" + other.school(0))).when()
                .post("/scim/v2/Users").then().statusCode(201).body("id", equalTo(id))
                .body("roles.value", contains("EDUCATOR_ROSTER@" + other.school(0)));
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then()
                .body("roles.value", contains("EDUCATOR_ROSTER@" + lea.school(0)));
        asProvisioner(lea.code()).body(user(email, "EDUCATOR_TEST_SITE@" + lea.school(0))).when()
                .put("/scim/v2/Users/" + id).then().statusCode(200)
                .body("roles.value", contains("EDUCATOR_TEST_SITE@" + lea.school(0)));
        asProvisioner(other.code()).when().get("/scim/v2/Users/" + id).then()
                .body("roles.value", contains("EDUCATOR_ROSTER@" + other.school(0)));
        asProvisioner(lea.code()).body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(409).body("detail", startsWith("ASSIGNMENTS_OUTSIDE_SCOPE"));
        asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0))).when().post("/scim/v2/Users")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));
    }

    @Test
    void aUserCreatedInactiveIsRegisteredWithTheirRolesAndNoAccess() {
        String email = World.email("inactive");
        asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0)).replace("\"active\":true",
                "\"active\":false")).when().post("/scim/v2/Users").then().statusCode(201)
                .body("active", equalTo(false)).body("roles.value", contains("EDUCATOR_ROSTER@" + lea.school(0)));
        pull(email).body("permissionsById", anEmptyMap());
    }

    @Test
    void deleteRevokesTheLeasRolesAndTheIdentityProviderMayCreateThePersonAgain() {
        String email = World.email("leaver");
        String id = asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0),
                "EDUCATOR_ROSTER@" + lea.school(1))).when().post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        pull(email).body("permissionsById", not(anEmptyMap()));

        asProvisioner(lea.code()).when().delete("/scim/v2/Users/" + id).then().statusCode(204);
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().statusCode(404);
        pull(email).body("permissionsById", anEmptyMap());

        asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0))).when().post("/scim/v2/Users")
                .then().statusCode(201).body("id", equalTo(id));
    }

    @Test
    void onlyAProvisionerOfAnLeaItNamesUsesScimAndItUsesNothingElse() {
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code(), true);
        as(coordinator).when().get("/scim/v2/Users").then().statusCode(403).contentType("application/scim+json")
                .body("detail", startsWith("PROVISIONER_REQUIRED"));
        asProvisioner(lea.code()).when().get("/api/v1/users").then().statusCode(403).body("code", equalTo("PERSON_REQUIRED"));
        asService("cers-service").when().get("/scim/v2/Users").then().statusCode(403);
        given().auth().oauth2(io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).subject("idp")
                .groups(java.util.Set.of("scim-provisioner")).sign()).when().get("/scim/v2/Users").then()
                .statusCode(401).body("status", equalTo("401"));
        given().auth().oauth2(io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).subject("idp")
                .groups(java.util.Set.of("scim-provisioner", "cers-service")).claim("lea", lea.code()).sign()).when()
                .get("/scim/v2/Users").then().statusCode(401);
        asProvisioner("19999990000000").when().get("/scim/v2/Users").then().statusCode(403)
                .body("detail", startsWith("NOT_AN_ADMINISTRATOR"));
    }

    @Test
    void aUserCreatedByTwoProvisionersRequestsAtOnceIsCreatedOnceAndTheOthersAreToldItExists() throws Exception {
        String email = World.email("scim-at-once");
        java.util.List<java.util.concurrent.Callable<io.restassured.response.Response>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(() -> asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0)))
                    .post("/scim/v2/Users"));
        }
        java.util.List<io.restassured.response.Response> answers = AtOnce.send(requests);
        org.assertj.core.api.Assertions.assertThat(answers).extracting(io.restassured.response.Response::statusCode)
                .containsOnly(201, 409).containsOnlyOnce(201);
        org.assertj.core.api.Assertions.assertThat(answers).filteredOn(r -> r.statusCode() == 409)
                .extracting(r -> r.<String>path("scimType")).containsOnly("uniqueness");
        find(lea.code(), email).body("totalResults", equalTo(1));
    }

    @Test
    void badInputIsAScimErrorThatChangesNothing() {
        asProvisioner(lea.code()).queryParam("filter", "title eq \"Teacher\"").when().get("/scim/v2/Users").then()
                .statusCode(400).body("scimType", equalTo("invalidFilter"));
        asProvisioner(lea.code()).queryParam("filter", "userName co \"a\"").when().get("/scim/v2/Users").then()
                .statusCode(400).body("scimType", equalTo("invalidFilter"));
        asProvisioner(lea.code()).body("{\"userName\":").when().post("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidSyntax"));
        String email = World.email("bad");
        asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0)).replaceFirst("\\{",
                "{\"userName\":\"someone-else@x.test\",")).when().post("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidSyntax")).body("detail", containsString("userName is given twice"));
        asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER")).when().post("/scim/v2/Users").then()
                .statusCode(400).body("scimType", equalTo("invalidValue")).body("detail", containsString("ROLE_ID@CDSCODE"));
        asProvisioner(lea.code()).body(user(email, "NOT_A_ROLE@" + lea.school(0))).when().post("/scim/v2/Users").then()
                .statusCode(400);
        find(lea.code(), email).body("totalResults", equalTo(0));
        String id = asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0))).when()
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        asProvisioner(lea.code()).body(patch("{\"op\":\"remove\",\"path\":\"userName\"}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("mutability"));
        asProvisioner(lea.code()).body(patch("{\"op\":\"move\",\"path\":\"active\"}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then()
                .body("roles.value", contains("EDUCATOR_ROSTER@" + lea.school(0))).body("active", equalTo(true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a user without userName | POST | | {\"name\":{\"givenName\":\"Pat\",\"familyName\":\"Lee\"},\"roles\":[{\"value\":\"EDUCATOR_ROSTER@%s\"}]} | userName is required",
            "a user whose userName is blank | PUT | id | {\"userName\":\" \",\"roles\":[]} | userName is required and not empty",
            "a role entry without value | PUT | id | {\"userName\":\"%s\",\"roles\":[{\"display\":\"Educator\"}]} | roles[0].value is required",
            "a patch without Operations | PATCH | id | {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]} | Operations is required",
            "a patch with no operation | PATCH | id | {\"Operations\":[]} | Operations is required and not empty",
            "an operation without op | PATCH | id | {\"Operations\":[{\"path\":\"active\",\"value\":false}]} | Operations[0].op is required"})
    void aBodyWithoutWhatTheScimSchemaDeclaresRequiredIsAnInvalidValueThatChangesNothing(String what, String method,
            String target, String body, String detail) {
        String email = World.email("required");
        String id = asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0))).when()
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        asProvisioner(lea.code()).body(body.formatted(method.equals("POST") ? lea.school(0) : email)).when()
                .request(method, "/scim/v2/Users" + (target == null ? "" : "/" + id)).then().statusCode(400)
                .contentType("application/scim+json").body("scimType", equalTo("invalidValue"))
                .body("detail", containsString(detail));
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().statusCode(200)
                .body("active", equalTo(true)).body("roles.value", contains("EDUCATOR_ROSTER@" + lea.school(0)));
    }

    @Test
    void theRfcsExamplesAreUnderstood() {
        // RFC 7643 section 8.2, the full representation, in a district's words
        String full = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"701984","userName":"%s",
                 "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara",
                         "middleName":"Jane","honorificPrefix":"Ms.","honorificSuffix":"III"},
                 "displayName":"Babs Jensen","nickName":"Babs","profileUrl":"https://login.example.com/bjensen",
                 "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                           {"value":"babs@jensen.org","type":"home"}],
                 "addresses":[{"type":"work","streetAddress":"100 Universal City Plaza","locality":"Hollywood",
                               "region":"CA","postalCode":"91608","country":"USA","primary":true}],
                 "phoneNumbers":[{"value":"555-555-5555","type":"work"},{"value":"555-555-4444","type":"mobile"}],
                 "userType":"Employee","title":"Tour Guide","preferredLanguage":"en-US","locale":"en-US",
                 "timezone":"America/Los_Angeles","active":true,
                 "roles":[{"value":"EDUCATOR_ROSTER@%s","display":"Educator - Roster","type":"TOMS"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984",
                     "costCenter":"4130","organization":"Universal Studios","division":"Theme Park",
                     "department":"Tour Operations","manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}}}"""
                .formatted(World.email("bjensen"), lea.school(0));
        String id = asProvisioner(lea.code()).body(full).when().post("/scim/v2/Users").then().statusCode(201)
                .body("name.givenName", equalTo("Barbara")).body("phoneNumbers[0].value", equalTo("555-555-5555"))
                .extract().path("id");

        // RFC 7644 section 3.5.2: add a member value, replace an attribute, remove by a value filter
        asProvisioner(lea.code()).body(patch("""
                {"op":"add","path":"roles","value":[{"value":"EDUCATOR_TEST_SITE@%s"}]},
                {"op":"replace","path":"name.familyName","value":"Jensen-Smith"},
                {"op":"remove","path":"roles[value eq \\"EDUCATOR_ROSTER@%s\\"]"},
                {"op":"replace","path":"phoneNumbers[type eq \\"work\\"].value","value":"555-555-1234"}"""
                .formatted(lea.school(1), lea.school(0)))).when().patch("/scim/v2/Users/" + id).then().statusCode(200)
                .body("name.familyName", equalTo("Jensen-Smith"))
                .body("roles.value", contains("EDUCATOR_TEST_SITE@" + lea.school(1)))
                .body("phoneNumbers[0].value", equalTo("555-555-1234"));

        // RFC 7644 section 3.4.2: filtering, paging
        asProvisioner(lea.code()).queryParam("filter", "meta.lastModified ge \"2000-01-01T00:00:00Z\"")
                .queryParam("startIndex", 1).queryParam("count", 1).when().get("/scim/v2/Users").then().statusCode(200)
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", greaterThanOrEqualTo(1)).body("itemsPerPage", equalTo(1))
                .body("startIndex", equalTo(1));
        asProvisioner(lea.code()).queryParam("count", 0).when().get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", greaterThanOrEqualTo(1)).body("Resources", empty());
    }

    @Test
    void aStartIndexNearTheLargestWholeNumberIsAPastTheEndPageNotAnError() {
        for (int startIndex : new int[] {2147483549, Integer.MAX_VALUE}) {
            asProvisioner(lea.code()).queryParam("startIndex", startIndex).queryParam("count", 200).when()
                    .get("/scim/v2/Users").then().statusCode(200)
                    .body("startIndex", equalTo(startIndex)).body("Resources", empty());
        }
        asProvisioner(lea.code()).queryParam("startIndex", "2147483648").when().get("/scim/v2/Users").then()
                .statusCode(400).body("detail", containsString("to 2147483647"));
    }

    @Test
    void theDiscoveryDocumentsSayWhatIsSupported() {
        asProvisioner(lea.code()).when().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .body("patch.supported", equalTo(true)).body("bulk.supported", equalTo(false))
                .body("filter.supported", equalTo(true)).body("etag.supported", equalTo(true));
        asProvisioner(lea.code()).when().get("/scim/v2/ResourceTypes").then().statusCode(200)
                .body("Resources[0].endpoint", equalTo("/Users"));
        asProvisioner(lea.code()).when().get("/scim/v2/Schemas").then().statusCode(200)
                .body("Resources[0].attributes.name", hasItems("userName", "name", "active", "roles"))
                .body("Resources[0].attributes.find { it.name == 'roles' }.description", containsString("ROLE_ID@CDSCODE"));
    }

    @Test
    void eachDiscoveryDocumentIsServedWhereItsAbsoluteLocationPoints() {
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        for (String list : new String[] {"/scim/v2/ResourceTypes", "/scim/v2/Schemas"}) {
            String location = asProvisioner(lea.code()).when().get(list).then().statusCode(200)
                    .extract().path("Resources[0].meta.location");
            assertThat(location).startsWith(base + list + "/");
            asProvisioner(lea.code()).when().get(location.substring(base.length())).then().statusCode(200)
                    .body("meta.location", equalTo(location));
        }
        asProvisioner(lea.code()).when().get("/scim/v2/ServiceProviderConfig").then()
                .body("documentationUri", equalTo(base + "/q/openapi"))
                .body("meta.location", equalTo(base + "/scim/v2/ServiceProviderConfig"));
        asProvisioner(lea.code()).when().get("/scim/v2/ResourceTypes/Widget").then().statusCode(404)
                .contentType("application/scim+json").body("status", equalTo("404"));
        asProvisioner(lea.code()).when().get("/scim/v2/Schemas/urn:example:Widget").then().statusCode(404);
    }

    @Test
    void anAnswerCarriesOnlyTheAttributesAskedForOrLeavesOutThoseExcluded() {
        String email = World.email("attributes");
        String id = asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0)))
                .queryParam("attributes", "userName").when().post("/scim/v2/Users").then().statusCode(201)
                .body("userName", equalTo(email)).body("id", notNullValue()).body("schemas", hasSize(1))
                .body("$", not(hasKey("roles"))).body("$", not(hasKey("meta"))).extract().path("id");
        asProvisioner(lea.code()).queryParam("attributes", "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName,ACTIVE")
                .when().get("/scim/v2/Users/" + id).then().statusCode(200)
                .body("name.givenName", equalTo("Pat")).body("name", not(hasKey("familyName")))
                .body("active", equalTo(true)).body("$", not(hasKey("userName"))).body("id", equalTo(id));
        asProvisioner(lea.code()).queryParam("excludedAttributes", "roles,meta,id,emails.type")
                .queryParam("filter", "userName eq \"" + email + "\"").when().get("/scim/v2/Users").then()
                .statusCode(200).body("Resources[0].id", equalTo(id)).body("Resources[0]", not(hasKey("roles")))
                .body("Resources[0]", not(hasKey("meta"))).body("Resources[0].userName", equalTo(email))
                .body("Resources[0].emails[0].value", equalTo(email)).body("Resources[0].emails[0]", not(hasKey("type")));
    }

    @Test
    void anIdThatIsNoUsersIsNotFoundWhateverItLooksLike() {
        for (String id : new String[] {"not-a-uuid", "12345", UUID.randomUUID().toString()}) {
            asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().statusCode(404)
                    .contentType("application/scim+json").body("status", equalTo("404"));
            asProvisioner(lea.code()).body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                    .when().patch("/scim/v2/Users/" + id).then().statusCode(404);
            asProvisioner(lea.code()).when().delete("/scim/v2/Users/" + id).then().statusCode(404);
        }
    }

    @Test
    void removingActiveRestoresItsDefaultAsTheSchemaSays() {
        String id = asProvisioner(lea.code()).body(user(World.email("removed"), "EDUCATOR_ROSTER@" + lea.school(0)))
                .when().post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        asProvisioner(lea.code()).body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        asProvisioner(lea.code()).body(patch("{\"op\":\"remove\",\"path\":\"active\"}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(true));
        asProvisioner(lea.code()).when().get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").then()
                .body("attributes.find { it.name == 'active' }.required", equalTo(false));
    }

    @Test
    void phonesAreTakenAsIdentityProvidersSendThemAndAMobileNeverTakesTheWorkPhonesPlace() {
        String email = World.email("phones");
        String body = user(email, "EDUCATOR_ROSTER@" + lea.school(0)).replace("\"active\":true",
                "\"active\":true,\"phoneNumbers\":[{\"value\":\"+19165550199\",\"type\":\"mobile\"},"
                        + "{\"value\":\"tel:+1-916-555-0100;ext=12\",\"type\":\"work\"}]");
        String id = asProvisioner(lea.code()).body(body).when().post("/scim/v2/Users").then().statusCode(201)
                .body("phoneNumbers.value", contains("916-555-0100 x12")).body("phoneNumbers[0].type", equalTo("work"))
                .extract().path("id");
        asProvisioner(lea.code()).body(patch("""
                {"op":"replace","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"(916) 555-0142"},
                {"op":"remove","path":"phoneNumbers[type eq \\"mobile\\"]"}""")).when().patch("/scim/v2/Users/" + id)
                .then().statusCode(200).body("phoneNumbers.value", contains("916-555-0100 x12"));
        asProvisioner(lea.code()).body(patch("""
                {"op":"replace","path":"phoneNumbers[type eq \\"work\\"].value","value":"916.555.0177"}"""))
                .when().patch("/scim/v2/Users/" + id).then().statusCode(200)
                .body("phoneNumbers.value", contains("916-555-0177"));
        as(world.admin(Role.STATE_ADMINISTRATOR, "CA")).when().get("/api/v1/users/" + id).then()
                .body("phone", equalTo("916-555-0177"));

        String mobileOnly = World.email("mobile-only");
        asProvisioner(lea.code()).body(user(mobileOnly, "EDUCATOR_ROSTER@" + lea.school(0)).replace("\"active\":true",
                "\"active\":true,\"phoneNumbers\":[{\"value\":\"+19165550199\",\"type\":\"mobile\"}]")).when()
                .post("/scim/v2/Users").then().statusCode(201).body("$", not(hasKey("phoneNumbers")));
        asProvisioner(lea.code()).body(user(World.email("abroad"), "EDUCATOR_ROSTER@" + lea.school(0)).replace(
                "\"active\":true", "\"active\":true,\"phoneNumbers\":[{\"value\":\"+44 20 7946 0958\",\"type\":\"work\"}]"))
                .when().post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("10-digit North American"));
    }

    @Test
    void aFilterThatSelectsNothingTomsKeepsIsNoTargetAndChangesNothing() {
        String id = asProvisioner(lea.code()).body(user(World.email("no-target"), "EDUCATOR_ROSTER@" + lea.school(0)))
                .when().post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        for (String operation : new String[] {
                "{\"op\":\"remove\",\"path\":\"roles[value eq \\\"EDUCATOR_TEST_SITE@" + lea.school(0) + "\\\"]\"}",
                "{\"op\":\"replace\",\"path\":\"phoneNumbers[type eq \\\"work\\\"].value\",\"value\":\"916-555-0100\"}",
                "{\"op\":\"remove\",\"path\":\"phoneNumbers[value eq \\\"916-555-0100\\\"]\"}"}) {
            asProvisioner(lea.code()).body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}," + operation))
                    .when().patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("noTarget"));
        }
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().body("active", equalTo(true))
                .body("roles.value", contains("EDUCATOR_ROSTER@" + lea.school(0)));
    }

    @Test
    void aPersonProvisionedWithoutRolesIsTheClientsUntilDeletedAndIsFoundByTheClientsOwnId() {
        String email = World.email("groupie");
        String id = asProvisioner(lea.code()).body(user(email)).when().post("/scim/v2/Users").then().statusCode(201)
                .body("roles", empty()).body("externalId", equalTo("ext-" + email)).extract().path("id");
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().statusCode(200)
                .body("userName", equalTo(email));
        asProvisioner(lea.code()).queryParam("filter", "externalId eq \"ext-" + email + "\"").when()
                .get("/scim/v2/Users").then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        find(lea.code(), email).body("totalResults", equalTo(1));
        asProvisioner(other.code()).when().get("/scim/v2/Users/" + id).then().statusCode(404);
        find(other.code(), email).body("totalResults", equalTo(0));

        asProvisioner(lea.code()).body(patch("{\"op\":\"add\",\"path\":\"roles\",\"value\":[{\"value\":\"EDUCATOR_ROSTER@"
                + lea.school(0) + "\"}]},{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"E-42\"}")).when()
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("externalId", equalTo("E-42"))
                .body("roles.value", contains("EDUCATOR_ROSTER@" + lea.school(0)));
        pull(email).body("permissionsById", not(anEmptyMap()));
        asProvisioner(lea.code()).queryParam("filter", "externalId eq \"ext-" + email + "\"").when()
                .get("/scim/v2/Users").then().body("totalResults", equalTo(0));
        asProvisioner(lea.code()).body(user(World.email("twin"), "EDUCATOR_ROSTER@" + lea.school(0))
                .replaceFirst("\"externalId\":\"[^\"]*\"", "\"externalId\":\"E-42\"")).when().post("/scim/v2/Users")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));

        asProvisioner(lea.code()).when().delete("/scim/v2/Users/" + id).then().statusCode(204);
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().statusCode(404);
        asProvisioner(lea.code()).queryParam("filter", "externalId eq \"E-42\"").when().get("/scim/v2/Users").then()
                .body("totalResults", equalTo(0));
        as(world.admin(Role.STATE_ADMINISTRATOR, "CA")).when().get("/api/v1/audit-events?userId=" + id).then()
                .body("items.action", hasItems("USER_CREATED", "SCIM_LINKED", "ROLE_GRANTED", "ROLE_REVOKED",
                        "SCIM_UNLINKED"));
    }

    @Test
    void aReplaceThatLeavesOutRolesKeepsThemAndAnEmptyListRevokesThemWhileThePersonStaysTheClients() {
        String email = World.email("okta-put");
        String id = asProvisioner(lea.code()).body(user(email, "EDUCATOR_ROSTER@" + lea.school(0), "EDUCATOR_TEST_SITE@"
                + lea.school(1))).when().post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        String withoutRoles = user(email).replace(",\"roles\":[]", "").replace("\"Lee\"", "\"Lee-Okta\"");
        asProvisioner(lea.code()).body(withoutRoles).when().put("/scim/v2/Users/" + id).then().statusCode(200)
                .body("name.familyName", equalTo("Lee-Okta")).body("roles", hasSize(2));
        pull(email).body("permissionsById", not(anEmptyMap()));
        asProvisioner(lea.code()).body(user(email)).when().put("/scim/v2/Users/" + id).then().statusCode(200)
                .body("roles", empty());
        pull(email).body("permissionsById", anEmptyMap());
        asProvisioner(lea.code()).when().get("/scim/v2/Users/" + id).then().statusCode(200).body("roles", empty());
    }

    private static ValidatableResponse pull(String email) {
        return asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(200);
    }
}
