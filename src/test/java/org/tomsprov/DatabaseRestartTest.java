package org.tomsprov;

import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.given;

import io.quarkus.test.junit.QuarkusTest;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tomsprov.persistence.embedded.EmbeddedDatabase;
import org.tomsprov.testdata.EmbeddedPostgresResource;

/**
 * The service keeps answering health while PostgreSQL is stopped, reports not ready, answers requests with a 503 the
 * client may retry, and recovers by itself once the database is back.
 */
@QuarkusTest
class DatabaseRestartTest {

    @Test
    void readinessFollowsTheDatabaseAndTheServiceRecoversOnItsOwn() {
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
        } finally {
            database.startAgain();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
        as("anyone@test.example").when().get("/api/v1/me").then().statusCode(200);
    }
}
