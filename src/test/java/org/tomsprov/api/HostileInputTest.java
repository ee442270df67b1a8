package org.tomsprov.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asProvisioner;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.given;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import io.restassured.RestAssured;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Tokens;
import org.tomsprov.testdata.World;

/**
 * What an attacker or a careless client sends: control characters, half surrogate pairs, malformed parameters,
 * oversized collections. Each gets a 400 problem naming the field or parameter, and nothing changes.
 */
@QuarkusTest
class HostileInputTest {

    @Inject
    World world;

    World.Lea lea;
    String admin;

    @BeforeEach
    void setUp() {
        lea = world.lea(1);
        admin = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
    }

    /** The refused request created no one. */
    private void assertNobodyHas(String email) {
        as(admin).queryParam("email", email).when().get("/api/v1/users").then().statusCode(200).body("items", empty());
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/v1/users?orgCode=%00", "/api/v1/users?q=a%00b", "/api/v1/users?email=a%00b@x.test",
            "/api/v1/organizations/%00", "/api/v1/organizations?q=%01", "/api/v1/me/grantable-roles?orgCode=%00",
            "/api/v1/roles/%00", "/api/v1/audit-events?orgCode=%7F"})
    void aControlCharacterInAParameterIsA400NamingIt(String path) {
        as(admin).urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].code", equalTo("INVALID_TEXT"))
                .body("errors[0].field", not(emptyOrNullString()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/cers/users/a%00b@x.test/permissions", "/api/v1/cers/permission-changes?after=%00"})
    void consumersGetTheSameRule(String path) {
        asService("cers-service").urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                .body("errors[0].code", equalTo("INVALID_TEXT"));
        asService("t4t-service").urlEncodingEnabled(false).when().get("/api/v1/t4t/users/a%00b@x.test/access").then()
                .statusCode(400).body("errors[0].code", equalTo("INVALID_TEXT"));
    }

    @Test
    void aCursorThatDecodesToControlCharactersIsRefused() {
        String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("user:a\u0000b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        as(admin).queryParam("cursor", cursor).when().get("/api/v1/users").then().statusCode(400)
                .body("errors[0].code", equalTo("INVALID_CURSOR"));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> unsafeBodies() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("email", "a\\u0000b@x.test", "A", "ORG"),
                org.junit.jupiter.params.provider.Arguments.of("firstName", "EMAIL", "a\\ud800b", "ORG"),
                org.junit.jupiter.params.provider.Arguments.of("roles[0].orgCode", "EMAIL", "A", "\\u0001"));
    }

    @ParameterizedTest(name = "unsafe {0}")
    @org.junit.jupiter.params.provider.MethodSource("unsafeBodies")
    void unsafeTextInABodyIsA400NamingTheFieldAndCreatesNobody(String field, String emailValue, String first, String org) {
        String email = World.email("hostile");
        String body = "{\"email\":\"" + emailValue.replace("EMAIL", email) + "\",\"firstName\":\"" + first
                + "\",\"lastName\":\"B\",\"roles\":[{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\""
                + org.replace("ORG", lea.school(0)) + "\"}]}";
        as(admin).body(body).when().post("/api/v1/users").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].code", equalTo("INVALID_TEXT"));
        assertNobodyHas(email);
    }

    @Test
    void anAddressWithALetterInDisguiseIsNobodyNeitherInATokenNorInARecord() {
        String kate = World.email("kate");
        String disguised = "\u212A" + kate.substring(1);
        world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code(), kate);
        given().auth().oauth2(Tokens.person(kate)).when().get("/api/v1/users").then().statusCode(200);

        given().auth().oauth2(Tokens.person(disguised)).when().get("/api/v1/users").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        given().auth().oauth2(Tokens.subjectOnly(disguised)).when().get("/api/v1/me").then().statusCode(401);

        as(admin).body(newUser(disguised, "EDUCATOR_ROSTER", lea.school(0))).when().post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("email"))
                .body("errors[0].code", equalTo("INVALID_EMAIL")).body("errors[0].message", containsString("U+212A"));
        as(admin).queryParam("email", kate).when().get("/api/v1/users").then()
                .body("items[0].roles.roleId", contains("LEA_CAASPP_COORDINATOR"));
    }

    @Test
    void anAddressThatOnlyLooksTheSameIsNobodyAndOnePastedWithSpacesAroundItIsThePersonItShows() {
        String ana = World.email("ana");
        world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code(), ana);
        for (String disguised : java.util.List.of(ana + "\u200B", "\uFEFF" + ana, ana.replace("@", "\u00A0@"))) {
            given().auth().oauth2(Tokens.person(disguised)).when().get("/api/v1/me").then().statusCode(401)
                    .body("code", equalTo("UNAUTHENTICATED"));
        }

        String inside = World.email("zero").replace("@", "\u200B@");
        as(admin).body(newUser(inside, "EDUCATOR_ROSTER", lea.school(0))).when().post("/api/v1/users").then()
                .statusCode(400).body("errors[0].code", equalTo("INVALID_EMAIL"))
                .body("errors[0].message", containsString("U+200B"));
        assertNobodyHas(inside);

        as(admin).body(newUser(ana + "\u00A0", "EDUCATOR_ROSTER", lea.school(0))).when().post("/api/v1/users").then()
                .statusCode(200);
        as(admin).queryParam("email", ana).when().get("/api/v1/users").then().body("items", hasSize(1))
                .body("items[0].email", equalTo(ana))
                .body("items[0].roles.roleId", containsInAnyOrder("LEA_CAASPP_COORDINATOR", "EDUCATOR_ROSTER"));
    }

    @ParameterizedTest(name = "{0} twice")
    @CsvSource(delimiter = '|', value = {
            "email | {\"email\":\"EMAIL\",\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"other@x.test\",\"roles\":[{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"ORG\"}]}",
            "roles[0].orgCode | {\"email\":\"EMAIL\",\"firstName\":\"A\",\"lastName\":\"B\",\"roles\":[{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"ORG\",\"orgCode\":\"ORG\"}]}"})
    void aFieldGivenTwiceInABodyIsA400NamingItAndCreatesNobody(String field, String body) {
        String email = World.email("twice");
        as(admin).body(body.replace("EMAIL", email).replace("ORG", lea.school(0))).when().post("/api/v1/users").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo(field)).body("errors[0].code", equalTo("REPEATED_FIELD"));
        assertNobodyHas(email);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/me/security-agreements | {\"type\":\"AGREEMENT\"} | type | must be one of TEST_SECURITY_AGREEMENT, TEST_SECURITY_AFFIDAVIT",
            "/api/v1/users | {\"email\":\"EMAIL\",\"firstName\":\"A\",\"lastName\":\"B\",\"roles\":[{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"ORG\",\"primary\":\"maybe\"}]} | roles[0].primary | must be true or false",
            "/api/v1/users | {\"email\":\"EMAIL\",\"firstName\":\"A\",\"lastName\":\"B\",\"roles\":{\"roleId\":\"EDUCATOR_ROSTER\"}} | roles | must be a list",
            "/api/v1/users | {\"email\":\"EMAIL\",\"firstName\":5,\"lastName\":\"B\",\"roles\":[{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"ORG\"}]} | firstName | must be a string",
            "/api/v1/users | {\"email\":\"EMAIL\",\"firstName\":\"A\",\"lastName\":true,\"roles\":[{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"ORG\"}]} | lastName | must be a string",
            "/api/v1/users | {\"email\":\"EMAIL\",\"firstName\":\"A\",\"lastName\":\"B\",\"roles\":[{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"ORG\",\"primary\":\"true\"}]} | roles[0].primary | must be true or false"})
    void aValueOfTheWrongKindIsA400SayingWhatTheFieldTakes(String path, String body, String field, String message) {
        String email = World.email("wrong-kind");
        as(admin).body(body.replace("EMAIL", email).replace("ORG", lea.school(0))).when().post(path).then()
                .statusCode(400).body("code", equalTo("INVALID_VALUE")).body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message)).body("detail", endsWith(message));
        assertNobodyHas(email);
    }

    @Test
    void aBatchPullWithAMissingEmailIsA400NamingItsPlace() {
        asService("cers-service").contentType("application/json").body("{\"emails\":[\"a@x.test\",null]}")
                .when().post("/api/v1/cers/users/permissions").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("emails[1]"))
                .body("errors[0].code", equalTo("REQUIRED"));
        asService("cers-service").contentType("application/json").body("{\"emails\":[5]}")
                .when().post("/api/v1/cers/users/permissions").then().statusCode(400)
                .body("errors[0].field", equalTo("emails[0]")).body("errors[0].message", equalTo("must be a string"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"lastName\":\"x\\u0000y\"} | INVALID_TEXT",
            "{\"lastName\":\"Ortiz\",\"lastName\":\"Ruiz\"} | REPEATED_FIELD"})
    void aHostilePatchIsA400NamingTheFieldAndChangesNothing(String patch, String code) {
        String email = World.email("patched");
        String id = as(admin).body(newUser(email, "EDUCATOR_ROSTER", lea.school(0))).when().post("/api/v1/users")
                .then().statusCode(201).extract().path("id");
        as(admin).contentType("application/merge-patch+json").body(patch)
                .when().patch("/api/v1/users/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("lastName")).body("errors[0].code", equalTo(code));
        as(admin).when().get("/api/v1/users/" + id).then().statusCode(200).body("lastName", equalTo("Díaz"));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource({
            "/api/v1/users?limit=abc, limit",
            "/api/v1/users?limit=2147483648, limit",
            "/api/v1/users?status=BOGUS, status",
            "/api/v1/organizations?type=BOGUS, type",
            "/api/v1/audit-events?userId=notuuid, userId",
            "/api/v1/users/not-a-uuid, id",
            "/api/v1/uploads/not-a-uuid, id"})
    void aMalformedParameterIsA400NamingItAndWhatItTakes(String path, String parameter) {
        as(admin).when().get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(parameter)).body("errors[0].code", equalTo("INVALID_PARAMETER"))
                .body("detail", containsString(parameter + " must be"));
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/users?orgCode=1964733, orgCode, INVALID_CDS_CODE",
            "/api/v1/organizations?parentCode=ca-1, parentCode, INVALID_CDS_CODE",
            "/api/v1/organizations/x, code, INVALID_CDS_CODE",
            "/api/v1/me/grantable-roles?orgCode=19 64733 0000000, orgCode, INVALID_CDS_CODE",
            "/api/v1/audit-events?orgCode=x, orgCode, INVALID_CDS_CODE",
            "/api/v1/users?administrationYear=2026, administrationYear, INVALID_YEAR"})
    void aCodeOrYearNotWrittenAsDeclaredIsA400NotAnEmptyPageOrA404(String path, String parameter, String code) {
        as(admin).when().get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(parameter)).body("errors[0].code", equalTo(code))
                .body("detail", containsString(parameter + " must be"));
    }

    @Test
    void moreRolesThanOneRequestMayGrantIsA400BeforeAnyWork() {
        String email = World.email("many");
        String role = "{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"" + lea.school(0) + "\"}";
        String body = "{\"email\":\"" + email + "\",\"firstName\":\"M\",\"lastName\":\"Any\",\"roles\":["
                + String.join(",", Collections.nCopies(UserResource.CreateUserRequest.MAX_ROLES + 1, role)) + "]}";
        as(admin).body(body).when().post("/api/v1/users").then().statusCode(400)
                .body("errors[0].field", equalTo("roles")).body("errors[0].code", equalTo("TOO_MANY_ITEMS"));
        assertNobodyHas(email);
    }

    /**
     * Quarkus' HTTP server checks the request line before any handler of ours: such a request gets a bare 400 (what
     * docs/api.md promises), never a resource, whoever sends it.
     */
    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/v1/users?cursor=%%%", "/api/v1/users?q=%zz", "/api/v1/users/%zz", "/q/health?x=%"})
    void aMalformedPercentEncodingIsRefusedBeforeAnythingRuns(String path) throws Exception {
        for (String token : new String[] {Tokens.person(admin), "not-a-token"}) {
            String response;
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                // No HTTP client sends such a request line; a socket does.
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(response, startsWith("HTTP/1.1 400 "));
            assertThat(response.toLowerCase(java.util.Locale.ROOT), containsString("content-length: 0"));
        }
        as(admin).when().get("/api/v1/roles").then().statusCode(200);
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/v1/users?limit=1&limit=2", "/api/v1/users?orgCode=A&orgCode=B",
            "/api/v1/audit-events?limit=5&limit=5"})
    void aQueryParameterGivenTwiceIsA400NamingIt(String path) {
        String name = path.substring(path.indexOf('?') + 1, path.indexOf('='));
        as(admin).urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo(name)).body("errors[0].code", equalTo("REPEATED_PARAMETER"));
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/users?stauts=INACTIVE | stauts | stauts is not a parameter of this request; it takes administrationYear, cursor, email, limit, orgCode, q, roleId, status",
            "/api/v1/roles?limit=5 | limit | limit is not a parameter of this request; it takes none"})
    void aQueryParameterTheRequestDoesNotTakeIsA400SayingWhatItTakes(String path, String name, String message) {
        as(admin).urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo(name)).body("errors[0].code", equalTo("UNKNOWN_PARAMETER"))
                .body("errors[0].message", equalTo(message));
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/users?status=, status",
            "/api/v1/users?limit=, limit",
            "/api/v1/users?administrationYear=, administrationYear",
            "/api/v1/audit-events?userId=, userId",
    })
    void aParameterGivenWithoutAValueIsA400NamingItNotReadAsAbsent(String path, String name) {
        as(admin).urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo(name)).body("errors[0].code", equalTo("EMPTY_PARAMETER"));
    }

    @Test
    void aSearchTextMayBeEmptyAsItsDeclarationSaysAndSoMayNoScimParameter() {
        as(admin).when().get("/api/v1/users?q=").then().statusCode(200);
        as(admin).when().get("/api/v1/organizations?q=").then().statusCode(200);
        for (String parameter : new String[] {"count", "startIndex"}) {
            asProvisioner(lea.code()).urlEncodingEnabled(false).when()
                    .get("/scim/v2/Users?" + parameter + "=").then().statusCode(400);
        }
    }

    @Test
    void aStandardScimParameterTheServiceDoesNotOfferIsIgnoredEvenWithoutAValue() {
        asProvisioner(lea.code()).urlEncodingEnabled(false).when()
                .get("/scim/v2/Users?sortBy=&sortOrder=").then().statusCode(200)
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "CreateUserRequest; /api/v1/users; {\"firstName\":\"A\",\"lastName\":\"B\",\"roles\":[]}; email",
            "CreateUserRequest; /api/v1/users; {\"email\":\"a@b.example\",\"lastName\":\"B\",\"roles\":[]}; firstName",
            "CreateUserRequest; /api/v1/users; {\"email\":\"a@b.example\",\"firstName\":\"A\",\"lastName\":\"B\"}; roles",
            "GrantRequest; /api/v1/users; {\"email\":\"a@b.example\",\"firstName\":\"A\",\"lastName\":\"B\",\"roles\":[{\"orgCode\":\"CA\"}]}; roles[0].roleId",
            "SignRequest; /api/v1/me/security-agreements; {}; type",
    })
    void aFieldTheDocumentsDeclareRequiredIsRequiredByTheService(String schema, String path, String body, String field) {
        String property = field.substring(field.lastIndexOf('.') + 1);
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("components.schemas." + schema + ".required", hasItem(property));
        as(admin).body(body).when().post(path).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.code", equalTo("REQUIRED"));
    }

    @Test
    void theDocumentsDeclareTheShapesOfKeysYearsCodesNamesAndPhonesThatTheServiceRefusesOtherwise() {
        var document = given().accept("application/json").when().get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        @SuppressWarnings("unchecked")
        var parameters = (java.util.List<java.util.Map<String, Object>>) ((java.util.Map<String, Object>) document
                .<String, java.util.Map<String, Object>>getMap("paths").get("/api/v1/users").get("post")).get("parameters");
        var key = parameters.stream().filter(p -> "Idempotency-Key".equals(p.get("name"))).findFirst().orElseThrow();
        assertThat(((java.util.Map<?, ?>) key.get("schema")).get("maxLength"), equalTo(200));
        assertThat(document.getString("components.schemas.GrantRequest.properties.administrationYear.pattern"),
                equalTo(org.tomsprov.domain.AdministrationYear.WRITTEN));
        assertThat(document.getString("components.schemas.GrantRequest.properties.orgCode.pattern"),
                equalTo(org.tomsprov.domain.CdsCodes.WRITTEN));
        for (String schema : new String[] {"CreateUserRequest", "UserPatch"}) {
            assertThat(document.getInt("components.schemas." + schema + ".properties.firstName.maxLength"),
                    equalTo(org.tomsprov.domain.PersonRules.MAX_NAME));
            assertThat(document.getInt("components.schemas." + schema + ".properties.phone.maxLength"),
                    equalTo(org.tomsprov.domain.PersonRules.MAX_PHONE));
            assertThat(document.getString("components.schemas." + schema + ".properties.phone.description"),
                    containsString(org.tomsprov.domain.PersonRules.PHONE_FORMS));
        }
        as(admin).body(java.util.Map.of("email", World.email("long"), "firstName", "x".repeat(
                org.tomsprov.domain.PersonRules.MAX_NAME + 1), "lastName", "L", "roles", java.util.List.of(java.util.Map.of(
                "roleId", "EDUCATOR_ROSTER", "orgCode", lea.school(0))))).when().post("/api/v1/users").then()
                .statusCode(400).body("errors[0].field", equalTo("firstName")).body("errors[0].code", equalTo("TOO_LONG"));

        as(admin).header("Idempotency-Key", "k".repeat(201)).body(newUser(World.email("key"), "EDUCATOR_ROSTER",
                lea.school(0))).when().post("/api/v1/users").then().statusCode(400)
                .body("errors[0].code", equalTo("INVALID_IDEMPOTENCY_KEY"));
        String user = as(admin).when().get("/api/v1/me").then().extract().path("id");
        as(admin).body("{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"" + lea.school(0)
                + "\",\"administrationYear\":\"2027-2028\"}").when().post("/api/v1/users/" + user + "/roles").then()
                .statusCode(400).body("errors[0].code", equalTo("INVALID_YEAR"));
        as(admin).body(newUser(World.email("code"), "EDUCATOR_ROSTER", lea.school(0).substring(1))).when()
                .post("/api/v1/users").then().statusCode(anyOf(equalTo(400), equalTo(404), equalTo(422)));
    }

    @Test
    void aRepeatedParameterIsRefusedToServiceClientsToo() {
        asService("cers-service").when().get("/api/v1/cers/permission-changes?limit=1&limit=500").then().statusCode(400)
                .body("errors[0].code", equalTo("REPEATED_PARAMETER"));
    }

    @Test
    void twoAuthorizationHeadersAreA400WhateverTheTokens() {
        String email = World.email("two-tokens");
        String body = newUser(email, "EDUCATOR_ROSTER", lea.school(0));
        for (String second : new String[] {Tokens.person(admin), Tokens.service("cers-service"), "garbage"}) {
            given().header("Authorization", "Bearer " + Tokens.person(admin)).header("Authorization", "Bearer " + second)
                    .contentType("application/json").body(body).when().post("/api/v1/users").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("AMBIGUOUS_CREDENTIALS"));
        }
        as(admin).queryParam("email", email).when().get("/api/v1/users").then().body("items", empty());
    }

    @Test
    void optionsAnswersTheMethodsAPathServesAndNoOther() {
        as(admin).when().options("/api/v1/roles").then().statusCode(204).header("Allow", equalTo("GET, HEAD, OPTIONS"));
        as(admin).when().options("/api/v1/users/" + java.util.UUID.randomUUID()).then().statusCode(204)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, PATCH"));
        as(admin).when().options("/api/v1/users").then().statusCode(204)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
    }

    @Test
    void errorsOfTheHttpLayerAreProblemsToo() {
        as(admin).body("{\"email\":\"" + "x".repeat(1_000_001) + "\"}").when().post("/api/v1/users").then()
                .statusCode(413).contentType("application/problem+json").body("code", equalTo("PAYLOAD_TOO_LARGE"));
        as(admin).queryParam("q", "x".repeat(9000)).when().get("/api/v1/users").then()
                .statusCode(414).contentType("application/problem+json").body("code", equalTo("URI_TOO_LONG"));
        for (int size : new int[] {40_000, 100_000}) {
            as(admin).header("X-Padding", "x".repeat(size)).when().get("/api/v1/roles").then()
                    .statusCode(431).contentType("application/problem+json").body("code", equalTo("HEADERS_TOO_LARGE"));
        }
        as(admin).when().delete("/api/v1/roles").then()
                .statusCode(405).contentType("application/problem+json").body("code", equalTo("METHOD_NOT_ALLOWED"))
                .header("Allow", equalTo("GET, HEAD, OPTIONS"));
        String user = as(admin).when().get("/api/v1/me").then().extract().path("id");
        as(admin).when().post("/api/v1/users/" + user).then().statusCode(405)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, PATCH"));
        as(admin).accept("image/png").when().get("/api/v1/roles").then()
                .statusCode(406).contentType("application/problem+json").body("code", equalTo("NOT_ACCEPTABLE"));
        as(admin).contentType("text/plain").body("hello").when().post("/api/v1/users").then()
                .statusCode(415).contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void anEventAboutAUserIsShownOnlyToThoseWhoCouldSeeTheUserThen() {
        World.Lea other = world.lea(1);
        String otherAdmin = world.admin(Role.LEA_CAASPP_COORDINATOR, other.code());
        String email = World.email("two-leas");
        String id = as(otherAdmin).body(newUser(email, "EDUCATOR_ROSTER", other.school(0))).when().post("/api/v1/users")
                .then().statusCode(201).extract().path("id");
        as(admin).body(newUser(email, "EDUCATOR_ROSTER", lea.school(0))).when().post("/api/v1/users")
                .then().statusCode(200);

        as(admin).queryParam("userId", id).when().get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", hasItem("ROLE_GRANTED")).body("items.action", not(hasItem("USER_CREATED")))
                .body("items.actor", everyItem(equalTo(admin)));
        as(otherAdmin).queryParam("userId", id).when().get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", hasItems("USER_CREATED", "ROLE_GRANTED"))
                .body("items.actor", everyItem(equalTo(otherAdmin)));
    }
}
