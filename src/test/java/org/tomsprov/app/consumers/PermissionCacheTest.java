package org.tomsprov.app.consumers;

import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.World;

/** Pulls are served from memory, yet a grant, a revocation or a deactivation shows in the very next pull. */
@QuarkusTest
class PermissionCacheTest {

    @Inject
    World world;

    @Test
    void theNextPullAfterAChangeSeesIt() {
        World.Lea lea = world.lea(2);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String email = World.email("cached");
        String id = as(coordinator).body(newUser(email, "TOOLS_FOR_TEACHERS_ONLY", lea.school(0))).when()
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 3; i++) {
            asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                    .body("permissionsById", anEmptyMap());
        }

        String assignment = as(coordinator).body("{\"roleId\":\"EDUCATOR_DISTRICT\",\"orgCode\":\"" + lea.code() + "\"}")
                .when().post("/api/v1/users/" + id + "/roles").then().statusCode(201).extract().path("id");
        asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                .body("permissionsById.GROUP_WRITE.scope.districtIds", contains(lea.code()));
        asService("t4t-service").when().get("/api/v1/t4t/users/" + email + "/access").then()
                .body("tenancyChains", hasSize(2));

        as(coordinator).when().delete("/api/v1/users/" + id + "/roles/" + assignment).then().statusCode(204);
        asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                .body("permissionsById", anEmptyMap());

        as(coordinator).contentType("application/merge-patch+json; charset=UTF-8").body("{\"status\":\"INACTIVE\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(200);
        asService("t4t-service").when().get("/api/v1/t4t/users/" + email + "/access").then()
                .body("allowed", equalTo(false));
    }
}
