package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.given;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.World;

/** What an operator reads on {@code /q/metrics}: each pull counted by consumer, each grant counted. */
@QuarkusTest
class OperatorMetricsTest {

    @Inject
    World world;

    static double meter(String series) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(text);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    @Test
    void everyPullIsCountedUnderItsConsumerAndEveryGrantIsCounted() {
        World.Lea lea = world.lea(1);
        String email = World.email("metered");
        double grants = meter("toms_role_grants_total");
        as(world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code())).body(newUser(email, "EDUCATOR_ROSTER", lea.school(0)))
                .when().post("/api/v1/users").then().statusCode(201);
        assertThat(meter("toms_role_grants_total")).isEqualTo(grants + 1);

        String cers = "toms_permission_pulls_total{consumer=\"cers-service\"}";
        double pulls = meter(cers);
        asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(200);
        asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(200);
        assertThat(meter(cers)).isEqualTo(pulls + 2);
    }
}
