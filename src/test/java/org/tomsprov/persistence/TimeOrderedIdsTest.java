package org.tomsprov.persistence;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Uploads;
import org.tomsprov.testdata.World;

/**
 * People and role assignments written later get larger ids (UUID version 7), whether one request or an upload
 * wrote them, so rows written together sit together in the indexes that lead with an id.
 */
@QuarkusTest
class TimeOrderedIdsTest {

    @Inject
    World world;

    @Inject
    EntityManager em;

    @Test
    void idsAreVersionSevenAndGrowWithTimeAcrossRequestsAndUploads() throws InterruptedException {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        List<UUID> people = new ArrayList<>();
        List<UUID> assignments = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String email = World.email("ordered");
            people.add(UUID.fromString(as(coordinator).body(newUser(email, "EDUCATOR_ROSTER", lea.school(0))).when()
                    .post("/api/v1/users").then().statusCode(201).extract().path("id")));
            assignments.add(assignmentOf(people.get(i)));
            Thread.sleep(2);
        }
        String uploaded = World.email("ordered");
        String upload = Uploads.csv(coordinator, "First Name,Last Name,Email Address,CDS Code,Role,Action\n"
                + "Ana,Lopez," + uploaded + "," + lea.school(0) + ",EDUCATOR_ROSTER,ADD\n");
        Uploads.settled(coordinator, upload).then().body("status", equalTo("VALIDATED"));
        Uploads.commit(coordinator, upload).then().body("status", equalTo("COMMITTED"));
        people.add(world.idOf(uploaded));
        assignments.add(assignmentOf(people.get(2)));

        for (List<UUID> ids : List.of(people, assignments)) {
            for (UUID id : ids) {
                assertEquals(7, id.version(), id + " is not time-ordered");
                assertEquals(2, id.variant(), id + " is not an RFC 9562 UUID");
            }
            assertTrue(ids.get(0).compareTo(ids.get(1)) < 0 && ids.get(1).compareTo(ids.get(2)) < 0,
                    "written later, sorted later: " + ids);
        }
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertTrue(ids.get(0).getMostSignificantBits() >>> 16 <= ids.get(ids.size() - 1).getMostSignificantBits() >>> 16);
    }

    private UUID assignmentOf(UUID userId) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "select id from role_assignment where user_id = ?1").setParameter(1, userId).getSingleResult());
    }
}
