package org.tomsprov.api;

import static org.tomsprov.testdata.Api.given;
import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Tokens;
import org.tomsprov.testdata.World;

@QuarkusTest
class OrganizationResourceTest {

    @Inject
    World world;

    String stateAdmin;

    @BeforeEach
    void setUp() {
        world.state();
        stateAdmin = world.admin(Role.STATE_ADMINISTRATOR, "CA");
    }

    @Test
    void aStateAdministratorCreatesAnLeaAndItsSchool() {
        String prefix = World.freshPrefix();
        String lea = prefix + "0000000";

        as(stateAdmin).body("{\"code\":\"" + lea + "\",\"name\":\"New District\",\"type\":\"LEA\",\"parentCode\":\"CA\"}")
                .when().post("/api/v1/organizations").then().statusCode(201)
                .header("Location", endsWith("/api/v1/organizations/" + lea + "?type=LEA"))
                .body("code", equalTo(lea)).body("status", equalTo("ACTIVE")).body("parentCode", equalTo("CA"));
        as(stateAdmin).body("{\"code\":\"" + prefix + "1234567\",\"name\":\"New School\",\"type\":\"SCHOOL\",\"parentCode\":\"" + lea + "\"}")
                .when().post("/api/v1/organizations").then().statusCode(201);

        as(stateAdmin).when().get("/api/v1/organizations?parentCode=" + lea).then().statusCode(200)
                .body("items.code", contains(prefix + "1234567")).body("nextCursor", nullValue());
        as(stateAdmin).body("{\"code\":\"" + lea + "\",\"name\":\"Again\",\"type\":\"LEA\",\"parentCode\":\"CA\"}")
                .when().post("/api/v1/organizations").then().statusCode(409).body("code", equalTo("ORGANIZATION_EXISTS"));
    }

    @Test
    void cdsRulesAreEnforcedWithFieldErrors() {
        World.Lea lea = world.lea(0);
        as(stateAdmin).body("{\"code\":\"99999991234567\",\"name\":\"Wrong Prefix\",\"type\":\"SCHOOL\",\"parentCode\":\"" + lea.code() + "\"}")
                .when().post("/api/v1/organizations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("code")).body("errors[0].code", equalTo("SCHOOL_OUTSIDE_LEA"));
        as(stateAdmin).body("{\"code\":\"123\",\"name\":\"Short\",\"type\":\"LEA\",\"parentCode\":\"CA\"}")
                .when().post("/api/v1/organizations").then().statusCode(400).body("errors.code", hasItem("INVALID_CDS_CODE"));
    }

    @Test
    void onlyAStateAdministratorCreatesOrganizations() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code(), true);

        as(coordinator).body("{\"code\":\"" + lea.code().substring(0, 7) + "7654321\",\"name\":\"Mine\",\"type\":\"SCHOOL\",\"parentCode\":\"" + lea.code() + "\"}")
                .when().post("/api/v1/organizations").then().statusCode(403).body("code", equalTo("STATE_ADMINISTRATOR_REQUIRED"));
    }

    @Test
    void listsPageWithAnOpaqueCursor() {
        World.Lea lea = world.lea(5);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(stateAdmin).queryParam("parentCode", lea.code()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/organizations").then().statusCode(200).extract().response();
            seen.addAll(page.jsonPath().getList("items.code"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);

        assertThatInOrder(seen, lea.schools());
        as(stateAdmin).queryParam("cursor", "bogus!").when().get("/api/v1/organizations").then().statusCode(400)
                .body("errors[0].code", equalTo("INVALID_CURSOR"));
        as(stateAdmin).queryParam("limit", 501).when().get("/api/v1/organizations").then().statusCode(400);
    }

    private static void assertThatInOrder(List<String> seen, List<String> expected) {
        org.assertj.core.api.Assertions.assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void oneOrganizationByCodeAndUnknownCodesAre404() {
        World.Lea lea = world.lea(1);
        as(stateAdmin).when().get("/api/v1/organizations/" + lea.school(0)).then().statusCode(200)
                .body("type", equalTo("SCHOOL")).body("parentCode", equalTo(lea.code()));
        as(stateAdmin).when().get("/api/v1/organizations/00000000000000").then().statusCode(404)
                .body("code", equalTo("ORGANIZATION_NOT_FOUND"));
    }

    @Test
    void importLoadsTheDirectoryAllOrNothing() {
        String p1 = World.freshPrefix();
        String p2 = World.freshPrefix();
        String good = "CDS Code,Name,Type,Parent CDS Code\r\n"
                + p1 + "0000000,\"District, One\",LEA,CA\r\n"
                + p1 + "0000001,School A,SCHOOL," + p1 + "0000000\r\n"
                + p2 + "0000000,District Two,lea,CA\r\n";
        String bad = "\uFEFFcds code,NAME,type,parent cds code\n"
                + p2 + "9999999,Stray School,SCHOOL,00000000000000\n"
                + p2 + "0000000,District Two,LEA,CA\n"
                + "12,Too Short,LEA,CA\n";

        given().auth().oauth2(Tokens.person(stateAdmin)).contentType("text/csv").body(bad)
                .when().post("/api/v1/organizations/imports").then().statusCode(422)
                .body("code", equalTo("IMPORT_REJECTED"))
                .body("errors.field", hasItems("row 2: Parent CDS Code", "row 4: CDS Code"));
        as(stateAdmin).when().get("/api/v1/organizations/" + p2 + "0000000").then().statusCode(404);

        given().auth().oauth2(Tokens.person(stateAdmin)).contentType("text/csv").body(good)
                .when().post("/api/v1/organizations/imports").then().statusCode(200)
                .body("rows", equalTo(3)).body("created", equalTo(3)).body("updated", equalTo(0));
        as(stateAdmin).when().get("/api/v1/organizations/" + p1 + "0000001").then().statusCode(200)
                .body("parentCode", equalTo(p1 + "0000000"));
        as(stateAdmin).when().get("/api/v1/organizations/" + p1 + "0000000").then().body("name", equalTo("District, One"));

        given().auth().oauth2(Tokens.person(stateAdmin)).contentType("text/csv")
                .body("CDS Code,Name,Type,Parent CDS Code,name\n" + p2 + "0000000,District Two,LEA,CA,Another Name\n")
                .when().post("/api/v1/organizations/imports").then().statusCode(422)
                .body("code", equalTo("DUPLICATE_COLUMN")).body("detail", containsString("Name twice (columns B and E: "));
        as(stateAdmin).when().get("/api/v1/organizations/" + p2 + "0000000").then().body("name", equalTo("District Two"));
        given().auth().oauth2(Tokens.person(stateAdmin)).contentType("text/csv")
                .body("CDS Code,Name,Type,Parent CDS Code\n" + p2 + "0000000,District, Two,LEA,CA\n")
                .when().post("/api/v1/organizations/imports").then().statusCode(422)
                .body("code", equalTo("IMPORT_REJECTED")).body("errors[0].field", equalTo("row 2: Row"))
                .body("errors[0].code", equalTo("TOO_MANY_CELLS"));
        given().auth().oauth2(Tokens.person(stateAdmin)).contentType("text/csv").body("CDS Code,Name\n1,2\n")
                .when().post("/api/v1/organizations/imports").then().statusCode(422)
                .body("code", equalTo("MISSING_COLUMN")).body("detail", containsString("Type"));
        given().auth().oauth2(Tokens.person(stateAdmin)).contentType("text/csv")
                .body(new byte[] {'C', 'D', 'S', (byte) 0xC3, (byte) 0x28, '\n'})
                .when().post("/api/v1/organizations/imports").then().statusCode(422).body("code", equalTo("NOT_UTF8"));
    }
}
