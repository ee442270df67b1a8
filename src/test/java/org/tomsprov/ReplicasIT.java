package org.tomsprov;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

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
import org.tomsprov.testdata.TwoReplicas;

/**
 * Two processes of the packaged service over one PostgreSQL, started at the same moment, as two replicas would
 * be: migrations run once, idempotency keys hold across them, every upload is processed exactly once, the
 * permission-change feed reads the same from both, and a transition made on one is what the other answers. The year
 * is the administration calendar's, as in production.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final String ADMIN = "replica.admin@it.example";
    static TwoReplicas replicas;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        replicas = TwoReplicas.start("replicas", ADMIN);
        for (String type : List.of("TEST_SECURITY_AGREEMENT", "TEST_SECURITY_AFFIDAVIT")) {
            as(0, ADMIN).body(Map.of("type", type)).post("/api/v1/me/security-agreements").then().statusCode(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (replicas != null) {
            replicas.close();
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
        return leaWithSchool(prefix);
    }

    static String leaWithSchool(String prefix) {
        String lea = prefix + "0000000";
        as(0, ADMIN).body(Map.of("code", lea, "name", "Replica District", "type", "LEA", "parentCode", "CA"))
                .post("/api/v1/organizations").then().statusCode(201);
        as(1, ADMIN).body(Map.of("code", prefix + "0000001", "name", "Replica School", "type", "SCHOOL", "parentCode", lea))
                .post("/api/v1/organizations").then().statusCode(201);
        return prefix + "0000001";
    }

    @Test
    void migrationsRanOnceAndBootstrapMadeOneAdministrator() throws Exception {
        try (Connection c = replicas.database().connectAsOwner();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*), count(distinct version) from flyway_schema_history where success and version is not null")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)).isGreaterThanOrEqualTo(2);
        }
        try (Connection c = replicas.database().connectAsOwner();
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

    /**
     * Runs last: it moves the year for the whole database. The state administrator is designated and signs for the
     * new year, as every administrator does.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aTransitionOnOneReplicaIsWhatTheOtherAnswersAtOnce() {
        String school = leaWithSchool(String.valueOf(Integer.parseInt(prefix) + 1));
        Response years = as(0, ADMIN).get("/api/v1/administration-years").then().statusCode(200).extract().response();
        String next = years.path("upcoming");
        String admin = as(0, ADMIN).get("/api/v1/me").then().statusCode(200).extract().path("id");
        as(0, ADMIN).body(Map.of("roleId", "STATE_ADMINISTRATOR", "orgCode", "CA", "administrationYear", next))
                .post("/api/v1/users/" + admin + "/roles").then().statusCode(201);
        String leaving = "leaving." + prefix + "@it.example";
        String staying = "staying." + prefix + "@it.example";
        as(0, ADMIN).body(Map.of("email", leaving, "firstName", "L", "lastName", "V",
                "roles", List.of(Map.of("roleId", "EDUCATOR_TEST_SITE", "orgCode", school)))).post("/api/v1/users")
                .then().statusCode(201);
        as(0, ADMIN).body(Map.of("email", staying, "firstName", "S", "lastName", "T",
                "roles", List.of(Map.of("roleId", "EDUCATOR_TEST_SITE", "orgCode", school),
                        Map.of("roleId", "EDUCATOR_TEST_SITE", "orgCode", school, "administrationYear", next))))
                .post("/api/v1/users").then().statusCode(201);
        String stayingTag = pull(1, staying).then().statusCode(200).extract().header("ETag");
        assertThat(pull(1, leaving).<Map<String, Object>>path("permissionsById")).isNotEmpty();
        String cursor = asCers(1).queryParam("limit", 500).get("/api/v1/cers/permission-changes").then()
                .extract().path("nextCursor");

        as(0, ADMIN).post("/api/v1/administration-years/" + next + "/transition").then().statusCode(200)
                .body("changed", org.hamcrest.Matchers.equalTo(true));

        as(1, ADMIN).get("/api/v1/administration-years").then().body("current", org.hamcrest.Matchers.equalTo(next));
        assertThat(pull(1, leaving).<Map<String, Object>>path("permissionsById")).isEmpty();
        asCers(1).header("If-None-Match", stayingTag).get("/api/v1/cers/users/" + staying + "/permissions").then()
                .statusCode(304);
        List<String> changed = new ArrayList<>();
        for (int pages = 0; pages < 100; pages++) {
            Response page = asCers(1).queryParam("limit", 500).queryParam("after", cursor)
                    .get("/api/v1/cers/permission-changes").then().statusCode(200).extract().response();
            List<String> emails = page.path("items.email");
            if (emails.isEmpty()) {
                break;
            }
            changed.addAll(emails);
            cursor = page.path("nextCursor");
        }
        assertThat(changed).contains(leaving).doesNotContain(staying);
        for (String type : List.of("TEST_SECURITY_AGREEMENT", "TEST_SECURITY_AFFIDAVIT")) {
            as(1, ADMIN).body(Map.of("type", type)).post("/api/v1/me/security-agreements").then().statusCode(200);
        }
        as(1, ADMIN).get("/api/v1/users?orgCode=" + school + "&administrationYear=" + years.path("current")).then()
                .statusCode(200).body("items.email", org.hamcrest.Matchers.hasItems(leaving, staying));
    }

    static Response pull(int replica, String email) {
        return asCers(replica).get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(200).extract()
                .response();
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
