package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Uploads;
import org.tomsprov.testdata.World;

/** No email, name or token reaches a log line at INFO or above while people are provisioned. */
@QuarkusTest
class LogPrivacyTest {

    @Inject
    World world;

    @Test
    void provisioningLogsNoPersonalDataOrTokens() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                            + " " + (record.getThrown() == null ? "" : record.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            World.Lea lea = world.lea(1);
            String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
            String email = World.email("private");
            as(coordinator).body(newUser(email, "EDUCATOR_ROSTER", lea.school(0))).when().post("/api/v1/users")
                    .then().statusCode(201);
            as(coordinator).body(newUser(email, "EDUCATOR_ROSTER", "99999999999999")).when().post("/api/v1/users")
                    .then().statusCode(400);
            asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(200);
            String upload = Uploads.csv(coordinator, "First Name,Last Name,Email Address,CDS Code,Role\nZed,Quimby,"
                    + World.email("bulk") + "," + lea.school(0) + ",Educator - Roster\n");
            Uploads.commit(coordinator, Uploads.settled(coordinator, upload).path("id"));

            assertThat(lines).as("the upload's own INFO lines were captured").anyMatch(line -> line.contains(upload));
            assertThat(lines).noneMatch(line -> line.contains("@test.example"))
                    .noneMatch(line -> line.contains("Díaz") || line.contains("Quimby"))
                    .noneMatch(line -> line.matches("(?s).*eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}.*"));
        } finally {
            root.removeHandler(capture);
        }
    }
}
