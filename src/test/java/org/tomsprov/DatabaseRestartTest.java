package org.tomsprov;

import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.given;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.junit.QuarkusTest;

import jakarta.inject.Inject;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tomsprov.persistence.embedded.EmbeddedDatabase;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.EmbeddedPostgresResource;
import org.tomsprov.testdata.World;

/**
 * The service keeps answering health while PostgreSQL is stopped, reports not ready, answers requests (pulls too)
 * with a 503 the client may retry, and recovers by itself once the database is back.
 */
@QuarkusTest
class DatabaseRestartTest {

    @Inject
    World world;

    @Test
    void readinessFollowsTheDatabaseAndTheServiceRecoversOnItsOwn() {
        World.Lea lea = world.lea(2);
        String email = World.email("restart");
        as(world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code())).body(newUser(email, "EDUCATOR_ROSTER", lea.school(0)))
                .when().post("/api/v1/users").then().statusCode(201);
        String pulled = "/api/v1/cers/users/" + email + "/permissions";
        asService("cers-service").when().get(pulled).then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        EmbeddedDatabase database = EmbeddedPostgresResource.database();
        database.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(503));
            given().when().get("/q/health/live").then().statusCode(200);
            as("anyone@test.example").when().get("/api/v1/me").then().statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("code", org.hamcrest.Matchers.equalTo("SERVICE_UNAVAILABLE"))
                    .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase("sql")));
            asService("cers-service").when().get(pulled).then().statusCode(503)
                    .body("code", org.hamcrest.Matchers.equalTo("SERVICE_UNAVAILABLE"));
        } finally {
            database.startAgain();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
        as("anyone@test.example").when().get("/api/v1/me").then().statusCode(200);
        asService("cers-service").when().get(pulled).then().statusCode(200);
    }
}
