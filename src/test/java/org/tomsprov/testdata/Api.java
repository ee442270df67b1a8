package org.tomsprov.testdata;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests as a given caller. */
public final class Api {

    private Api() {
    }

    /** A request whose response will be checked against the committed OpenAPI document. */
    public static RequestSpecification given() {
        ContractValidation.install();
        return io.restassured.RestAssured.given();
    }

    public static RequestSpecification as(String email) {
        return given().auth().oauth2(Tokens.person(email)).contentType(ContentType.JSON);
    }

    public static RequestSpecification asService(String group) {
        return given().auth().oauth2(Tokens.service(group)).contentType(ContentType.JSON);
    }

    /** A SCIM request from the identity provider of the LEA with this CDS code; its SCIM answers read as JSON. */
    public static RequestSpecification asProvisioner(String leaCode) {
        io.restassured.RestAssured.registerParser("application/scim+json", io.restassured.parsing.Parser.JSON);
        return given().auth().oauth2(Tokens.provisioner(leaCode)).contentType("application/scim+json");
    }

    /** A create-user body with one role. */
    /** The CERS feed's cursor after its last entry, as a consumer that has caught up holds it. */
    public static String feedHead() {
        String cursor = null;
        while (true) {
            var request = asService("cers-service").queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            io.restassured.response.Response page = request.when().get("/api/v1/cers/permission-changes").then()
                    .statusCode(200).extract().response();
            String next = page.path("nextCursor");
            if (page.jsonPath().getList("items").isEmpty()) {
                return next == null ? cursor : next;
            }
            cursor = next;
        }
    }

    public static String newUser(String email, String roleId, String orgCode) {
        return """
                {"email": "%s", "firstName": "Ana", "lastName": "Díaz", "roles": [{"roleId": "%s", "orgCode": "%s"}]}"""
                .formatted(email, roleId, orgCode);
    }
}
