package org.tomsprov.app.uploads;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.tomsprov.testdata.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Uploads;
import org.tomsprov.testdata.World;

/**
 * An upload received or committed on an instance is taken up by that instance's worker as soon as the request's
 * transaction commits: with the scheduler's poll off, uploads still go through.
 */
@QuarkusTest
@TestProfile(UploadWakeUpTest.NoPoll.class)
class UploadWakeUpTest {

    /** No scheduled passes at all: only the wake-up after a request moves an upload on. */
    public static class NoPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "false");
        }
    }

    @Inject
    World world;

    @Test
    void anUploadIsValidatedAndCommittedWithoutWaitingForThePoll() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String email = World.email("woken");
        String id = Uploads.csv(coordinator, "First Name,Last Name,Email Address,CDS Code,Role\nWo,Ken," + email + ","
                + lea.school(0) + ",Educator - Roster\n");

        Uploads.settled(coordinator, id).then().body("status", equalTo("VALIDATED")).body("summary.create", equalTo(1));
        Uploads.commit(coordinator, id).then().body("status", equalTo("COMMITTED"));
        as(coordinator).queryParam("email", email).when().get("/api/v1/users").then()
                .body("items[0].roles.roleId", contains("EDUCATOR_ROSTER"));
    }
}
