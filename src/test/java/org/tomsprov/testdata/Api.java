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

    /** A SCIM request from the identity provider of the LEA with this CDS code. */
    public static RequestSpecification asProvisioner(String leaCode) {
        return given().auth().oauth2(Tokens.provisioner(leaCode)).contentType("application/scim+json");
    }

    /** A create-user body with one role. */
    public static String newUser(String email, String roleId, String orgCode) {
        return """
                {"email": "%s", "firstName": "Ana", "lastName": "Díaz", "roles": [{"roleId": "%s", "orgCode": "%s"}]}"""
                .formatted(email, roleId, orgCode);
    }
}
