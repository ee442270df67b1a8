package org.tomsprov.api;

import static org.tomsprov.testdata.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.tomsprov.testdata.OpenApiDocuments;

/**
 * The documents in {@code openapi/} are what the code's annotations produce. After a change to the API, run
 * {@code ./mvnw test -Dtest=OpenApiDocumentsTest -Dopenapi.write=true} and commit the files.
 */
@QuarkusTest
class OpenApiDocumentsTest {

    static final boolean WRITE = Boolean.getBoolean("openapi.write");

    @Test
    void theCommittedDocumentsMatchWhatTheServiceServes() throws IOException {
        String served = given().accept("application/yaml").when().get("/q/openapi").then().statusCode(200)
                .extract().asString().replace("\r\n", "\n");
        check(OpenApiDocuments.FULL, served);
        for (OpenApiDocuments.Consumer consumer : OpenApiDocuments.CONSUMERS) {
            check(OpenApiDocuments.DIR.resolve(consumer.file()), OpenApiDocuments.cut(served, consumer));
        }
    }

    @Test
    void dateTimesAreInlineStringsNotAComponentGeneratorsWouldRename() {
        String served = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        var schemas = io.restassured.path.json.JsonPath.from(served).<String, Object>getMap("components.schemas");
        assertThat(schemas).doesNotContainKey("OffsetDateTime").containsKey("AuditEvent");
        assertThat(served).doesNotContain("schemas/OffsetDateTime");
        assertThat(io.restassured.path.json.JsonPath.from(served)
                .<String>get("components.schemas.AuditEvent.properties.occurredAt.format")).isEqualTo("date-time");
    }

    @Test
    void everyOperationHasAnIdASummaryAndItsErrorResponses() {
        String served = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        var paths = io.restassured.path.json.JsonPath.from(served).<String, java.util.Map<String, java.util.Map<String, Object>>>getMap("paths");
        assertThat(paths).isNotEmpty().doesNotContainKey("/demo/tokens");
        paths.forEach((path, operations) -> operations.forEach((method, op) -> {
            assertThat(op).as(method + " " + path).containsKeys("operationId", "summary", "responses");
            @SuppressWarnings("unchecked")
            var responses = (java.util.Map<String, Object>) op.get("responses");
            assertThat(responses).as(method + " " + path).containsKeys("401", "500", "503");
        }));
    }

    @Test
    void everyJsonRequestBodyTheServiceReadsStrictlyIsDeclaredClosedSoAGeneratorRefusesAnUnknownField() {
        String served = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        var document = io.restassured.path.json.JsonPath.from(served);
        for (String schema : java.util.List.of("CreateUserRequest", "GrantRequest", "UserPatch", "SignRequest",
                "BatchRequest", "CreateOrganizationRequest")) {
            assertThat(document.<Object>get("components.schemas." + schema + ".additionalProperties")).as(schema)
                    .isEqualTo(false);
        }
        assertThat(document.<Object>get("components.schemas.UserView.additionalProperties")).as("a response").isNull();
        given().auth().oauth2(org.tomsprov.testdata.Tokens.service("cers-service")).contentType("application/json")
                .body("{\"emails\":[\"a@b.example\"],\"extra\":1}").when().post("/api/v1/cers/users/permissions")
                .then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("UNKNOWN_FIELD"));
    }

    private static void check(java.nio.file.Path file, String expected) throws IOException {
        if (WRITE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
            return;
        }
        assertThat(Files.exists(file)).as(file + " is committed").isTrue();
        assertThat(Files.readString(file).replace("\r\n", "\n"))
                .as(file + " drifted from the code: regenerate with -Dopenapi.write=true").isEqualTo(expected);
    }
}
