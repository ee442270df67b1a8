package org.tomsprov;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tomsprov.testdata.PackagedService;

/**
 * The packaged service on its default embedded PostgreSQL, under a bounded write load (creates, grants, revokes from
 * a few client threads), through the faults an operator meets: the database killed, the service killed, the
 * service stopped. Every write acknowledged with a 2xx is there afterwards, with its feed entry; no request gets a
 * 500 while the database is away.
 */
class DurabilityIT {

    static final String ADMIN = "durability.admin@it.example";
    Path dataDir;
    PackagedService service;

    @BeforeEach
    void freshDataDirectory() throws IOException {
        dataDir = Files.createTempDirectory("toms-durability");
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (service != null && service.process().isAlive()) {
            service.kill();
        }
        postmaster().ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void killingThePostmasterMidLoadLosesNoAcknowledgedWriteAndTheServiceRecoversWithoutARestart() throws Exception {
        service = start();
        String school = leaWithSchool();
        long postmasterBefore = postmaster().orElseThrow().pid();
        Load load = new Load(school);
        load.start(4);
        load.awaitAcks(20);

        postmaster().orElseThrow().destroyForcibly();
        long killedAt = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                service.as(ADMIN).get("/api/v1/me").statusCode() == 200);
        double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;
        load.awaitAcks(load.acks.size() + 20);
        load.stop();

        assertThat(service.process().isAlive()).as("the same service process served throughout").isTrue();
        assertThat(postmaster().orElseThrow().pid()).as("a new postmaster").isNotEqualTo(postmasterBefore);
        assertThat(recoverySeconds).isLessThan(30);
        assertThat(load.statuses).as("statuses during the outage").doesNotContainKey(500);
        assertThat(load.statuses.keySet()).allMatch(s -> s < 500 || s == 503, "only 503 among the 5xx");
        assertThat(load.brokenConnections.get()).as("the HTTP server itself stayed up").isZero();
        load.verifyEveryAcknowledgedWrite();
    }

    @Test
    void afterTheServiceIsKilledMidLoadOneStartOnTheSameDataDirectoryServesEveryAcknowledgedWrite() throws Exception {
        service = start();
        String school = leaWithSchool();
        Load load = new Load(school);
        load.start(4);
        load.awaitAcks(30);
        service.kill();
        load.stop();
        assertThat(postmaster()).as("the killed service's PostgreSQL is left running, orphaned").isPresent();

        service = start();
        assertThat(postmaster()).as("the new start took over the data directory").isPresent();
        load.verifyEveryAcknowledgedWrite();
    }

    @Test
    void sigtermDuringLoadFinishesInFlightRequestsAndStopsTheDatabaseCleanlyAfterwards() throws Exception {
        service = start();
        String school = leaWithSchool();
        Load load = new Load(school);
        load.start(4);
        load.awaitAcks(30);
        int exit = service.terminate();
        load.stop();

        assertThat(exit).as("exit code").isIn(0, 130, 143);
        assertThat(load.statuses).as("no 500 while stopping").doesNotContainKey(500);
        assertThat(load.statuses.keySet()).allMatch(s -> s < 500 || s == 503, "only 503 among the 5xx");
        assertThat(postmaster()).as("the database stopped with the service").isEmpty();
        String logBefore = Files.readString(dataDir.resolve("db/postgres.log"), StandardCharsets.UTF_8);
        assertThat(logBefore).contains("database system is shut down");

        service = start();
        String logAfter = Files.readString(dataDir.resolve("db/postgres.log"), StandardCharsets.UTF_8)
                .substring(logBefore.length());
        assertThat(logAfter).as("a clean shutdown needs no crash recovery")
                .doesNotContain("database system was not properly shut down");
        load.verifyEveryAcknowledgedWrite();
    }

    // ---------------------------------------------------------------- helpers

    PackagedService start() {
        return PackagedService.start(dataDir.resolve("service.log"),
                List.of("toms.data-dir=" + dataDir, "toms.bootstrap-admin-email=" + ADMIN));
    }

    /** The embedded PostgreSQL's postmaster, found the way an operator finds it. */
    Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("db/cluster/postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String pid = Files.readAllLines(pidFile).get(0).trim();
            return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    String leaWithSchool() {
        for (String type : List.of("TEST_SECURITY_AGREEMENT", "TEST_SECURITY_AFFIDAVIT")) {
            service.as(ADMIN).body(Map.of("type", type)).post("/api/v1/me/security-agreements").then().statusCode(200);
        }
        String prefix = String.format("%07d", 4000000 + (int) (Math.random() * 900000));
        service.as(ADMIN).body(Map.of("code", prefix + "0000000", "name", "Durable District", "type", "LEA",
                "parentCode", "CA")).post("/api/v1/organizations").then().statusCode(201);
        service.as(ADMIN).body(Map.of("code", prefix + "0000001", "name", "Durable School", "type", "SCHOOL",
                "parentCode", prefix + "0000000")).post("/api/v1/organizations").then().statusCode(201);
        return prefix + "0000001";
    }

    /** One acknowledged change: a user created with a role, a role granted, a role revoked. */
    record Ack(String kind, String userId, String assignmentId) {
    }

    /**
     * Client threads that create users, grant them a second role and revoke it again, recording every answer. The
     * loop is bounded: it stops when told, after two minutes, or after 400 users per thread.
     */
    final class Load {
        final String school;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final String token = PackagedService.token(ADMIN);
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
        final Set<String> revokesAttempted = ConcurrentHashMap.newKeySet();
        final AtomicInteger brokenConnections = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();

        Load(String school) {
            this.school = school;
        }

        void start(int count) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (int t = 0; t < count; t++) {
                int worker = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 400 && running.get() && System.nanoTime() < deadline; i++) {
                        cycle(worker, i);
                    }
                }, "load-" + t);
                threads.add(thread);
                thread.start();
            }
        }

        void cycle(int worker, int i) {
            String email = "w" + worker + "-" + i + "-" + System.nanoTime() + "@it.example";
            Answer created = send("POST", "/api/v1/users", """
                    {"email":"%s","firstName":"Dura","lastName":"Ble","roles":[{"roleId":"EDUCATOR_ROSTER","orgCode":"%s"}]}"""
                    .formatted(email, school));
            if (created.status() != 201) {
                return;
            }
            String userId = JsonPath.from(created.body()).getString("id");
            acks.add(new Ack("CREATED", userId, JsonPath.from(created.body()).getString("roles[0].id")));
            Answer granted = send("POST", "/api/v1/users/" + userId + "/roles",
                    "{\"roleId\":\"EDUCATOR_TEST_SITE\",\"orgCode\":\"" + school + "\"}");
            if (granted.status() != 201) {
                return;
            }
            String assignmentId = JsonPath.from(granted.body()).getString("id");
            acks.add(new Ack("GRANTED", userId, assignmentId));
            revokesAttempted.add(assignmentId);
            Answer revoked = send("DELETE", "/api/v1/users/" + userId + "/roles/" + assignmentId, null);
            if (revoked.status() == 204) {
                acks.add(new Ack("REVOKED", userId, assignmentId));
            }
        }

        record Answer(int status, String body) {
        }

        Answer send(String method, String path, String json) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
            request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                return new Answer(response.statusCode(), response.body());
            } catch (ConnectException e) {
                return new Answer(-1, "");
            } catch (IOException e) {
                brokenConnections.incrementAndGet();
                return new Answer(-2, "");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-3, "");
            }
        }

        void awaitAcks(int count) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= count);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(90).toMillis());
            }
        }

        /** Every acknowledged creation, grant and revocation is in the user's record and has its feed entry. */
        void verifyEveryAcknowledgedWrite() {
            assertThat(acks).isNotEmpty();
            Map<String, Integer> acknowledgedChanges = new HashMap<>();
            Map<String, Set<String>> mustHold = new HashMap<>();
            Map<String, Set<String>> mustNotHold = new HashMap<>();
            for (Ack ack : acks) {
                acknowledgedChanges.merge(ack.userId(), 1, Integer::sum);
                switch (ack.kind()) {
                    case "CREATED" -> mustHold.computeIfAbsent(ack.userId(), k -> new java.util.HashSet<>());
                    case "GRANTED" -> {
                        if (!revokesAttempted.contains(ack.assignmentId())) {
                            mustHold.computeIfAbsent(ack.userId(), k -> new java.util.HashSet<>()).add(ack.assignmentId());
                        }
                    }
                    case "REVOKED" -> mustNotHold.computeIfAbsent(ack.userId(), k -> new java.util.HashSet<>())
                            .add(ack.assignmentId());
                    default -> throw new IllegalStateException(ack.kind());
                }
            }
            for (String userId : acknowledgedChanges.keySet()) {
                Response user = service.as(ADMIN).get("/api/v1/users/" + userId).then().extract().response();
                assertThat(user.statusCode()).as("user " + userId + " acknowledged as created").isEqualTo(200);
                List<String> held = user.path("roles.id");
                List<String> roleIds = user.path("roles.roleId");
                assertThat(roleIds).as("user " + userId + " keeps the role it was created with").contains("EDUCATOR_ROSTER");
                for (String granted : mustHold.getOrDefault(userId, Set.of())) {
                    assertThat(held).as("acknowledged grant " + granted + " of " + userId).contains(granted);
                }
                for (String revoked : mustNotHold.getOrDefault(userId, Set.of())) {
                    assertThat(held).as("acknowledged revocation " + revoked + " of " + userId).doesNotContain(revoked);
                }
            }
            Map<String, Integer> feed = feedEntriesByUser();
            acknowledgedChanges.forEach((userId, changes) -> assertThat(feed.getOrDefault(userId, 0))
                    .as("feed entries of " + userId).isGreaterThanOrEqualTo(changes));
        }

        Map<String, Integer> feedEntriesByUser() {
            Map<String, Integer> counts = new HashMap<>();
            String cursor = null;
            for (int pages = 0; pages < 200; pages++) {
                var request = service.asCers().queryParam("limit", 500);
                if (cursor != null) {
                    request.queryParam("after", cursor);
                }
                Response page = request.get("/api/v1/cers/permission-changes").then().statusCode(200).extract().response();
                List<String> users = page.path("items.userId");
                if (users.isEmpty()) {
                    return counts;
                }
                users.forEach(u -> counts.merge(u, 1, Integer::sum));
                cursor = page.path("nextCursor");
            }
            throw new AssertionError("the feed did not end within 200 pages");
        }
    }
}
