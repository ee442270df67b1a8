package org.tomsprov.api;

import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogResourceTest {

    @Test
    void anyAuthenticatedCallerReadsTheRoleCatalog() {
        as("anyone@test.example").when().get("/api/v1/roles").then().statusCode(200)
                .body("items", hasSize(16))
                .body("items.find { it.id == 'EDUCATOR_TEST_SITE' }.siteBased", equalTo(true))
                .body("items.find { it.id == 'EDUCATOR_TEST_SITE' }.level", equalTo("SCHOOL"))
                .body("items.find { it.id == 'LST_CORRESPONDENCE_ADMINISTRATOR' }.permissions",
                        contains("PII_GROUP", "DL_EndUser"));
        asService("cers-service").when().get("/api/v1/roles").then().statusCode(200);
    }

    @Test
    void aRoleIsFoundByIdOrByAnySpellingOfItsName() {
        as("anyone@test.example").when().get("/api/v1/roles/Educator—District").then().statusCode(200)
                .body("id", equalTo("EDUCATOR_DISTRICT")).body("name", equalTo("Educator - District"));
        as("anyone@test.example").when().get("/api/v1/roles/NO_SUCH_ROLE").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("ROLE_NOT_FOUND"));
    }

    @Test
    void permissionsListTheirReportingExpansion() {
        as("anyone@test.example").when().get("/api/v1/permissions").then().statusCode(200)
                .body("items", hasSize(6))
                .body("items.find { it.id == 'PII' }.reportingPermissions",
                        contains("INDIVIDUAL_PII_READ", "GROUP_PII_READ", "GROUP_READ", "CUSTOM_AGGREGATE_READ"))
                .body("items.find { it.id == 'DL_EndUser' }.reportingPermissions", empty());
    }
}
