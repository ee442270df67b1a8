package org.tomsprov.app.uploads;

import static org.hamcrest.Matchers.equalTo;
import static org.tomsprov.testdata.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Uploads;
import org.tomsprov.testdata.World;

/**
 * An instance that dies holding an upload job (crash, kill during shutdown) leaves a claim whose heartbeat stops;
 * another instance takes the job over and finishes it: validation starts over, a commit runs whole.
 */
@QuarkusTest
class UploadRecoveryTest {

    @Inject
    World world;

    @Inject
    EntityManager em;

    @Transactional
    void abandon(String id, String status) {
        em.createNativeQuery("update upload set status = ?2, claimed_by = 'worker-dead', "
                + "heartbeat_at = now() - interval '10 minutes' where id = cast(?1 as uuid)")
                .setParameter(1, id).setParameter(2, status).executeUpdate();
    }

    @Test
    void jobsAbandonedByADeadInstanceAreTakenOverAndFinished() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String email = World.email("recovered");
        String id = Uploads.csv(coordinator, "First Name,Last Name,Email Address,CDS Code,Role\nRe,Cover," + email + ","
                + lea.school(0) + ",Educator - Roster\n");
        Uploads.settled(coordinator, id);

        abandon(id, "VALIDATING");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(coordinator).when().get("/api/v1/uploads/" + id).then().body("status", equalTo("VALIDATED"))
                        .body("summary.create", equalTo(1)));

        abandon(id, "COMMITTING");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(coordinator).when().get("/api/v1/uploads/" + id).then().body("status", equalTo("COMMITTED")));
        as(coordinator).queryParam("email", email).when().get("/api/v1/users").then()
                .body("items[0].roles.roleId", org.hamcrest.Matchers.contains("EDUCATOR_ROSTER"));
    }
}
