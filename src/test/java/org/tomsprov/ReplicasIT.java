package org.tomsprov;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tomsprov.persistence.embedded.EmbeddedDatabase;
import org.tomsprov.testdata.PackagedService;

/**
 * Two processes of the packaged service over one PostgreSQL, started at the same moment, as two replicas would
 * be: migrations run once, idempotency keys hold across them, every upload is processed exactly once, and the
 * permission-change feed reads the same from both.
 */
class ReplicasIT {

    static final String ADMIN = "replica.admin@it.example";
    static Path dataDir;
    static EmbeddedDatabase database;
    static final List<PackagedService> replicas = new ArrayList<>();

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        dataDir = Files.createTempDirectory("toms-replicas");
        database = EmbeddedDatabase.start(dataDir.resolve("pg"));
        List<String> properties = List.of(
                "quarkus.datasource.jdbc.url=" + database.jdbcUrl(),
                "quarkus.datasource.username=" + EmbeddedDatabase.APP,
                "quarkus.datasource.password=" + database.appPassword(),
                "quarkus.flyway.username=" + EmbeddedDatabase.OWNER,
                "quarkus.flyway.password=" + database.ownerPassword(),
                "toms.bootstrap-admin-email=" + ADMIN,
                "toms.data-dir=" + dataDir);
        for (int i = 0; i < 2; i++) {
            replicas.add(PackagedService.launch(dataDir.resolve("replica-" + i + ".log"), properties));
        }
        for (PackagedService replica : replicas) {
            replica.awaitReady(Duration.ofSeconds(90));
        }
        for (String type : List.of("TEST_SECURITY_AGREEMENT", "TEST_SECURITY_AFFIDAVIT")) {
            as(0, ADMIN).body(Map.of("type", type)).post("/api/v1/me/security-agreements").then().statusCode(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (PackagedService replica : replicas) {
            replica.terminate();
        }
        if (database != null) {
            database.close();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    static RequestSpecification as(int replica, String email) {
        return replicas.get(replica).as(email);
    }

    static RequestSpecification asCers(int replica) {
        return replicas.get(replica).asCers();
    }

    static String prefix = String.format("%07d", 3000000 + (int) (Math.random() * 900000));

    static String leaWithSchool() {
        String lea = prefix + "0000000";
        as(0, ADMIN).body(Map.of("code", lea, "name", "Replica District", "type", "LEA", "parentCode", "CA"))
                .post("/api/v1/organizations").then().statusCode(201);
        as(1, ADMIN).body(Map.of("code", prefix + "0000001", "name", "Replica School", "type", "SCHOOL", "parentCode", lea))
                .post("/api/v1/organizations").then().statusCode(201);
        return prefix + "0000001";
    }

    @Test
    void migrationsRanOnceAndBootstrapMadeOneAdministrator() throws Exception {
        try (Connection c = database.connectAsOwner();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*), count(distinct version) from flyway_schema_history where success and version is not null")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)).isGreaterThanOrEqualTo(2);
        }
        try (Connection c = database.connectAsOwner();
             ResultSet rs = c.createStatement().executeQuery(
                     "select (select count(*) from app_user where lower(email) = '" + ADMIN + "'),"
                             + " (select count(*) from organization where code = 'CA'),"
                             + " (select count(*) from role_assignment where role_id = 'STATE_ADMINISTRATOR')")) {
            rs.next();
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).containsExactly(1, 1, 1);
        }
    }

    @Test
    void everyUploadIsProcessedExactlyOnceAndKeysAndTheFeedHoldAcrossReplicas() {
        String school = leaWithSchool();

        String key = UUID.randomUUID().toString();
        String body = "{\"email\":\"idem@it.example\",\"firstName\":\"I\",\"lastName\":\"D\","
                + "\"roles\":[{\"roleId\":\"EDUCATOR_ROSTER\",\"orgCode\":\"" + school + "\"}]}";
        String first = as(0, ADMIN).header("Idempotency-Key", key).body(body).post("/api/v1/users")
                .then().statusCode(201).extract().path("id");
        as(1, ADMIN).header("Idempotency-Key", key).body(body).post("/api/v1/users")
                .then().statusCode(201).body("id", org.hamcrest.Matchers.equalTo(first));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            StringBuilder csv = new StringBuilder("First Name,Last Name,Email Address,CDS Code,Role\n");
            for (int r = 0; r < 50; r++) {
                csv.append("F,L,u").append(i).append('-').append(r).append("@it.example,").append(school)
                        .append(",Educator - Roster\n");
            }
            ids.add(as(i % 2, ADMIN).contentType("text/csv").body(csv.toString()).post("/api/v1/uploads")
                    .then().statusCode(202).extract().path("id"));
        }
        for (String id : ids) {
            Response validated = settle(id, "VALIDATED");
            assertThat(validated.<Integer>path("summary.create")).isEqualTo(50);
        }
        for (int i = 0; i < ids.size(); i++) {
            as((i + 1) % 2, ADMIN).post("/api/v1/uploads/" + ids.get(i) + "/commit").then().statusCode(202);
        }
        for (String id : ids) {
            assertThat(settle(id, "COMMITTED").<Integer>path("summary.grant")).isEqualTo(50);
        }

        List<Map<String, Object>> committed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            assertThat(++pages).as("audit pages").isLessThan(100);
            var request = as(0, ADMIN).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.get("/api/v1/audit-events").then().statusCode(200).extract().response();
            committed.addAll(page.jsonPath().<Map<String, Object>>getList("items.findAll { it.action == 'UPLOAD_COMMITTED' }"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(committed).hasSize(ids.size());
        assertThat(committed).extracting(e -> (Object) String.valueOf(((Map<?, ?>) e.get("after")).get("uploadId")))
                .containsExactlyInAnyOrderElementsOf(new ArrayList<Object>(ids));

        List<Object> feedA = feed(0);
        List<Object> feedB = feed(1);
        assertThat(feedA).isEqualTo(feedB).hasSizeGreaterThanOrEqualTo(8 * 50 + 1);
    }

    static Response settle(String id, String expected) {
        Response[] last = new Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = as(1, ADMIN).get("/api/v1/uploads/" + id).then().statusCode(200).extract().response();
            return Set.of("VALIDATED", "COMMITTED", "FAILED", "REJECTED").contains(last[0].<String>path("status"))
                    && !("VALIDATED".equals(last[0].path("status")) && "COMMITTED".equals(expected));
        });
        assertThat(last[0].<String>path("status")).isEqualTo(expected);
        return last[0];
    }

    static List<Object> feed(int replica) {
        List<Object> sequences = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            var request = asCers(replica).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.get("/api/v1/cers/permission-changes").then().statusCode(200).extract().response();
            List<Object> items = page.path("items.sequence");
            if (items.isEmpty()) {
                return sequences;
            }
            sequences.addAll(items);
            cursor = page.path("nextCursor");
        }
        throw new AssertionError("the feed did not end within 100 pages");
    }

}
