package org.tomsprov.api;

import static org.hamcrest.Matchers.equalTo;
import static org.tomsprov.testdata.Api.given;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** Outside demo mode nothing signs tokens. */
@QuarkusTest
class DemoModeOffTest {

    @Test
    void theDemoTokenHelperIsGoneWhenDemoModeIsOff() {
        given().when().get("/demo/tokens").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/demo/token?email=someone@test.example").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }
}
