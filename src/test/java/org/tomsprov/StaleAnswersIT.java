package org.tomsprov;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.AdministrationYear;
import org.tomsprov.domain.CersPermission;
import org.tomsprov.domain.EffectivePermissions;
import org.tomsprov.domain.Grant;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;
import org.tomsprov.domain.PermissionResolver;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.TenancyChain;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.testdata.PackagedService;
import org.tomsprov.testdata.TwoReplicas;

/**
 * Hunts for stale answers, as consumers would meet them: two processes of the packaged service over one PostgreSQL,
 * several writer threads doing at random (seeded, bounded in time) what changes what consumers are served: people
 * created, roles granted and revoked, status and email (letter case included) changed, uploads committed, the
 * district and its schools renamed; half-way, everyone carried forward and the year transitioned. Each writer owns
 * its people, so after each acknowledged write it knows what they must be served; it pulls them at once from both
 * processes (CERS and Tools for Teachers) and asks again with the ETag it held before. The organizations' names may
 * be any a rename acknowledged before the pull or started before it ended. At the end every stored document equals a
 * fresh resolution and every acknowledged change has its feed entry.
 */
class StaleAnswersIT {

    static final long SEED = Long.getLong("stale.seed", 20261207L);
    static final Duration RUN = Duration.ofSeconds(Long.getLong("stale.seconds", 50));
    static final int WRITERS = 4;
    static final int PEOPLE_EACH = 4;
    static final String ADMIN = "stale.admin@it.example";
    static final List<Role> SCHOOL_ROLES = List.of(Role.EDUCATOR_ROSTER, Role.EDUCATOR_TEST_SITE,
            Role.TOOLS_FOR_TEACHERS_ONLY);
    static final PermissionResolver RESOLVER = new PermissionResolver("1000", "CA");

    static TwoReplicas replicas;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        replicas = TwoReplicas.start("stale", ADMIN);
        sign(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (replicas != null) {
            replicas.close();
        }
    }

    static void sign(int replica) {
        for (String type : List.of("TEST_SECURITY_AGREEMENT", "TEST_SECURITY_AFFIDAVIT")) {
            replicas.get(replica).as(ADMIN).body(Map.of("type", type)).post("/api/v1/me/security-agreements").then()
                    .statusCode(200);
        }
    }

    // ------------------------------------------------------------------------------------------- the model

    /** An organization's names in the order its renames started; {@code acked} and {@code started} index them. */
    static final class Names {
        final List<String> history = new CopyOnWriteArrayList<>();
        volatile int acked;
        volatile int started;

        Names(String first) {
            history.add(first);
        }
    }

    record Org(String code, OrgType type, String parent) {
    }

    /** A person as their writer knows them. */
    static final class Person {
        final String key;
        String email;
        String id;
        boolean active = true;
        /** Left without roles by the transition: no one administers them any more, so no one writes them. */
        boolean retired;
        final Map<String, String> assignments = new TreeMap<>();
        String etag;
        Set<String> served;

        Person(String key) {
            this.key = key;
            this.email = key;
        }
    }

    /** An acknowledged write that changed what its person is served, and when it ran. */
    record Change(String userId, String what, long from, long to) {
    }

    final Map<String, Org> orgs = new LinkedHashMap<>();
    final Map<String, Names> names = new ConcurrentHashMap<>();
    final List<Change> changes = new CopyOnWriteArrayList<>();
    final List<String> stale = new CopyOnWriteArrayList<>();
    final List<Change> unfed = new ArrayList<>();
    final Map<String, AtomicInteger> operations = new ConcurrentHashMap<>();
    final AtomicInteger pulls = new AtomicInteger();
    final ReentrantReadWriteLock world = new ReentrantReadWriteLock();
    volatile long deadline;
    volatile String year;

    void count(String operation) {
        operations.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    /** What this person must be served: their email as written, and their chains without names. */
    Set<String> expected(Person person) {
        List<Grant> grants = new ArrayList<>();
        for (String assignment : person.assignments.values()) {
            String[] parts = assignment.split("@");
            grants.add(new Grant(Role.valueOf(parts[0]), path(parts[1]), AdministrationYear.parse(year)));
        }
        EffectivePermissions resolved = RESOLVER.resolve(person.active ? UserStatus.ACTIVE : UserStatus.INACTIVE,
                AdministrationYear.parse(year), grants);
        Set<String> served = new TreeSet<>();
        served.add("email " + person.email);
        served.add("t4t " + resolved.has(CersPermission.DL_EndUser));
        resolved.tenancyChains().forEach(chain -> served.add(TenancyChain.withoutNames(chain)));
        return served;
    }

    OrgPath path(String code) {
        Organization state = new Organization("CA", "", OrgType.STATE, null, OrgStatus.ACTIVE);
        Org org = orgs.get(code);
        if (org.type() == OrgType.LEA) {
            return OrgPath.ofLea(state, new Organization(code, "", OrgType.LEA, "CA", OrgStatus.ACTIVE));
        }
        return OrgPath.ofSchool(state, new Organization(org.parent(), "", OrgType.LEA, "CA", OrgStatus.ACTIVE),
                new Organization(code, "", OrgType.SCHOOL, org.parent(), OrgStatus.ACTIVE));
    }

    /**
     * Pulls the person from both processes and compares with what they must be served; with {@code changed}, the
     * ETag held before must no longer answer 304. Returns nothing: a difference counts as a stale answer.
     */
    void check(Person person, String after, boolean changed) {
        Set<String> expected = expected(person);
        Map<String, Integer> ackedAtStart = new HashMap<>();
        names.forEach((code, n) -> ackedAtStart.put(code, n.acked));
        String etag = null;
        for (int replica = 0; replica < 2; replica++) {
            String asked = replica == 0 ? person.email : person.email.toUpperCase(Locale.ROOT);
            Response cers = replicas.get(replica).asCers().get("/api/v1/cers/users/" + asked + "/permissions");
            Response t4t = replicas.get(replica).asService("t4t-service").get("/api/v1/t4t/users/" + asked + "/access");
            pulls.addAndGet(2);
            if (cers.statusCode() != 200 || t4t.statusCode() != 200) {
                stale.add(after + ": replica " + replica + " answered " + cers.statusCode() + "/" + t4t.statusCode());
                continue;
            }
            List<String> chains = cers.path("tenancyChains");
            Set<String> served = new TreeSet<>();
            served.add("email " + cers.<String>path("email"));
            served.add("t4t " + t4t.<Boolean>path("allowed"));
            chains.forEach(chain -> served.add(TenancyChain.withoutNames(chain)));
            if (!served.equals(expected) || !person.email.equals(t4t.path("email"))) {
                stale.add(after + ": replica " + replica + " served " + served + ", expected " + expected);
            }
            for (String chain : chains) {
                String[] fields = chain.split("\\|", -1);
                checkName(after, replica, fields[12], fields[13], ackedAtStart);
                checkName(after, replica, fields[16], fields[17], ackedAtStart);
            }
            if (changed && person.etag != null) {
                pulls.incrementAndGet();
                int conditional = replicas.get(replica).asCers().header("If-None-Match", person.etag)
                        .get("/api/v1/cers/users/" + person.email + "/permissions").statusCode();
                if (conditional != 200 || person.etag.equals(cers.header("ETag"))) {
                    stale.add(after + ": replica " + replica + " kept the ETag held before (" + conditional + ")");
                }
            }
            etag = cers.header("ETag");
        }
        person.etag = etag;
        person.served = expected;
    }

    void checkName(String after, int replica, String code, String name, Map<String, Integer> ackedAtStart) {
        Names n = names.get(code);
        if (n == null) {
            return;
        }
        int index = n.history.indexOf(name);
        if (index < ackedAtStart.get(code) || index > n.started) {
            stale.add(after + ": replica " + replica + " named " + code + " '" + name + "', acknowledged '"
                    + n.history.get(ackedAtStart.get(code)) + "'");
        }
    }

    // ------------------------------------------------------------------------------------------- the writers

    void writer(int number) {
        Random random = new Random(SEED + number);
        List<Person> mine = new ArrayList<>();
        for (int i = 0; i < PEOPLE_EACH; i++) {
            mine.add(new Person("p" + number + "-" + i + "." + SEED + "@stale.example"));
        }
        people.addAll(mine);
        while (System.currentTimeMillis() < deadline) {
            Person person = mine.get(random.nextInt(mine.size()));
            world.readLock().lock();
            try {
                act(random, person, replicas.get(random.nextInt(2)));
            } catch (RuntimeException | AssertionError e) {
                deadline = 0;
                throw e;
            } finally {
                world.readLock().unlock();
            }
        }
    }

    final List<Person> people = new CopyOnWriteArrayList<>();

    void act(Random random, Person person, PackagedService replica) {
        if (person.retired) {
            return;
        }
        long from = System.currentTimeMillis();
        String what;
        if (person.id == null) {
            String role = randomAssignment(random);
            if (random.nextBoolean()) {
                what = "create";
                Response created = replica.as(ADMIN).body(Map.of("email", person.email, "firstName", "Stale",
                        "lastName", "Answer", "roles", List.of(Map.of("roleId", role.split("@")[0],
                                "orgCode", role.split("@")[1])))).post("/api/v1/users");
                assertThat(created.statusCode()).as(what).isEqualTo(201);
                person.id = created.path("id");
                person.assignments.put(created.path("roles[0].id"), role);
            } else {
                what = "upload creating";
                upload(replica, person, role);
                Response found = replica.as(ADMIN).queryParam("email", person.email).get("/api/v1/users");
                person.id = found.path("items[0].id");
                person.assignments.put(found.path("items[0].roles[0].id"), role);
            }
        } else {
            int dice = random.nextInt(10);
            if (dice < 3) {
                String role = randomAssignment(random);
                if (!person.active || person.assignments.containsValue(role)) {
                    return;
                }
                what = "grant " + role;
                Response granted = replica.as(ADMIN).body(Map.of("roleId", role.split("@")[0],
                        "orgCode", role.split("@")[1])).post("/api/v1/users/" + person.id + "/roles");
                assertThat(granted.statusCode()).as(what).isEqualTo(201);
                person.assignments.put(granted.path("id"), role);
            } else if (dice < 5) {
                if (person.assignments.size() < 2) {
                    return;
                }
                List<String> ids = new ArrayList<>(person.assignments.keySet());
                String id = ids.get(random.nextInt(ids.size()));
                what = "revoke " + person.assignments.get(id);
                assertThat(replica.as(ADMIN).delete("/api/v1/users/" + person.id + "/roles/" + id).statusCode())
                        .as(what).isEqualTo(204);
                person.assignments.remove(id);
            } else if (dice < 6) {
                what = person.active ? "deactivate" : "activate";
                patch(replica, person, Map.of("status", person.active ? "INACTIVE" : "ACTIVE"), what);
                person.active = !person.active;
            } else if (dice < 8) {
                String spelling = respelled(random, person.key);
                if (spelling.equals(person.email)) {
                    return;
                }
                what = "email " + spelling;
                patch(replica, person, Map.of("email", spelling), what);
                person.email = spelling;
            } else if (dice < 9) {
                String role = SCHOOL_ROLES.get(random.nextInt(SCHOOL_ROLES.size())) + "@"
                        + schools().get(random.nextInt(schools().size()));
                if (!person.active || person.assignments.containsValue(role)) {
                    return;
                }
                what = "upload " + role;
                upload(replica, person, role);
                Response user = replica.as(ADMIN).get("/api/v1/users/" + person.id);
                List<Map<String, Object>> roles = user.path("roles");
                roles.stream().filter(r -> (r.get("roleId") + "@" + r.get("orgCode")).equals(role)
                        && year.equals(r.get("administrationYear")))
                        .forEach(r -> person.assignments.put((String) r.get("id"), role));
            } else {
                what = "first name";
                patch(replica, person, Map.of("firstName", "Name" + random.nextInt(1000)), what);
            }
        }
        count(what.split(" ")[0]);
        Set<String> before = person.served;
        boolean changed = !expected(person).equals(before);
        if (changed) {
            changes.add(new Change(person.id, what, from, System.currentTimeMillis()));
        }
        check(person, person.key + " after " + what, changed);
    }

    /** A merge patch, sent again (as the problem says to) when a concurrent change of the person answers 409. */
    void patch(PackagedService replica, Person person, Map<String, Object> body, String what) {
        int status = 409;
        for (int attempt = 0; attempt < 5 && status == 409; attempt++) {
            status = replica.as(ADMIN).contentType("application/merge-patch+json").body(body)
                    .patch("/api/v1/users/" + person.id).statusCode();
            if (status == 409) {
                count("conflict");
            }
        }
        assertThat(status).as(what).isEqualTo(200);
    }

    void upload(PackagedService replica, Person person, String assignment) {
        Role role = Role.valueOf(assignment.split("@")[0]);
        String csv = "First Name,Last Name,Email Address,CDS Code,Role\nStale,Upload," + person.email + ","
                + assignment.split("@")[1] + "," + role.displayName() + "\n";
        String id = replica.as(ADMIN).contentType("text/csv").body(csv).post("/api/v1/uploads").then()
                .statusCode(202).extract().path("id");
        assertThat(settle(replica, id)).isEqualTo("VALIDATED");
        replica.as(ADMIN).post("/api/v1/uploads/" + id + "/commit").then().statusCode(202);
        assertThat(settle(replica, id)).isEqualTo("COMMITTED");
    }

    static String settle(PackagedService replica, String id) {
        String[] status = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            status[0] = replica.as(ADMIN).get("/api/v1/uploads/" + id).path("status");
            return Set.of("VALIDATED", "COMMITTED", "FAILED", "REJECTED").contains(status[0]);
        });
        return status[0];
    }

    static String respelled(Random random, String key) {
        StringBuilder spelled = new StringBuilder();
        int at = key.indexOf('@');
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            spelled.append(i < at && random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
        }
        return spelled.toString();
    }

    List<String> schools() {
        return orgs.values().stream().filter(o -> o.type() == OrgType.SCHOOL).map(Org::code).toList();
    }

    String randomAssignment(Random random) {
        if (random.nextInt(5) == 0) {
            String lea = orgs.values().stream().filter(o -> o.type() == OrgType.LEA).findFirst().orElseThrow().code();
            return Role.EDUCATOR_DISTRICT + "@" + lea;
        }
        List<String> schools = schools();
        return SCHOOL_ROLES.get(random.nextInt(SCHOOL_ROLES.size())) + "@" + schools.get(random.nextInt(schools.size()));
    }

    /** Renames one organization at a time, each rename acknowledged before the next starts. */
    void renamer() {
        Random random = new Random(SEED - 1);
        List<Org> all = new ArrayList<>(orgs.values());
        int counter = 0;
        while (System.currentTimeMillis() < deadline) {
            world.readLock().lock();
            try {
                Org org = all.get(random.nextInt(all.size()));
                Names n = names.get(org.code());
                String name = (org.type() == OrgType.LEA ? "Stale District " : "Stale School ") + (++counter);
                n.history.add(name);
                n.started = n.history.size() - 1;
                replicas.get(random.nextInt(2)).as(ADMIN).contentType("text/csv")
                        .body("CDS Code,Name,Type,Parent CDS Code\n" + org.code() + "," + name + "," + org.type() + ","
                                + org.parent() + "\n")
                        .post("/api/v1/organizations/imports").then().statusCode(200);
                n.acked = n.started;
                count("rename");
            } catch (RuntimeException | AssertionError e) {
                deadline = 0;
                throw e;
            } finally {
                world.readLock().unlock();
            }
            sleep(random.nextInt(300));
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * With every writer held: everyone's roles carried forward, the year transitioned, and every person pulled at
     * once; their roles are then those of the new year.
     */
    void transition() {
        world.writeLock().lock();
        try {
            String next = AdministrationYear.parse(year).next().toString();
            replicas.get(1).as(ADMIN).post("/api/v1/administration-years/" + next + "/carry-forward").then()
                    .statusCode(200);
            long from = System.currentTimeMillis();
            replicas.get(0).as(ADMIN).post("/api/v1/administration-years/" + next + "/transition").then()
                    .statusCode(200);
            long to = System.currentTimeMillis();
            count("transition");
            year = next;
            sign(1);
            for (Person person : people) {
                if (person.id == null) {
                    continue;
                }
                Set<String> carried = new TreeSet<>(person.active ? person.assignments.values() : Set.of());
                person.assignments.clear();
                Response user = replicas.get(0).as(ADMIN).get("/api/v1/users/" + person.id);
                person.retired = user.statusCode() == 404;
                List<Map<String, Object>> roles = person.retired ? List.of() : user.path("roles");
                roles.stream().filter(r -> year.equals(r.get("administrationYear")))
                        .forEach(r -> person.assignments.put((String) r.get("id"), r.get("roleId") + "@" + r.get("orgCode")));
                assertThat(new TreeSet<>(person.assignments.values())).as(person.key + " carried forward")
                        .isEqualTo(carried);
                boolean changed = !expected(person).equals(person.served);
                if (changed) {
                    changes.add(new Change(person.id, "transition", from, to));
                }
                check(person, person.key + " after the transition", changed);
            }
        } finally {
            world.writeLock().unlock();
        }
    }

    @Test
    void noAcknowledgedWriteIsFollowedByAStaleAnswerOnEitherProcess() throws Exception {
        year = replicas.get(0).as(ADMIN).get("/api/v1/administration-years").path("current");
        String next = AdministrationYear.parse(year).next().toString();
        String admin = replicas.get(0).as(ADMIN).get("/api/v1/me").path("id");
        replicas.get(0).as(ADMIN).body(Map.of("roleId", "STATE_ADMINISTRATOR", "orgCode", "CA",
                "administrationYear", next)).post("/api/v1/users/" + admin + "/roles").then().statusCode(201);
        String prefix = String.format("%07d", 4000000 + new Random(SEED).nextInt(900000));
        String lea = prefix + "0000000";
        orgs.put(lea, new Org(lea, OrgType.LEA, "CA"));
        for (int i = 1; i <= 3; i++) {
            String school = prefix + String.format("%07d", i);
            orgs.put(school, new Org(school, OrgType.SCHOOL, lea));
        }
        for (Org org : orgs.values()) {
            String name = (org.type() == OrgType.LEA ? "Stale District " : "Stale School ") + org.code();
            replicas.get(0).as(ADMIN).body(Map.of("code", org.code(), "name", name, "type", org.type().name(),
                    "parentCode", org.parent())).post("/api/v1/organizations").then().statusCode(201);
            names.put(org.code(), new Names(name));
        }

        long start = System.currentTimeMillis();
        deadline = start + RUN.toMillis();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            int number = i;
            running.add(threads.submit(() -> writer(number)));
        }
        running.add(threads.submit(this::renamer));
        while (System.currentTimeMillis() < start + RUN.toMillis() / 2 && deadline > 0) {
            sleep(100);
        }
        if (deadline > 0) {
            transition();
        }
        for (Future<?> thread : running) {
            thread.get(RUN.toSeconds() + 120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        int fresh = 0;
        for (Person person : people) {
            if (person.id == null) {
                continue;
            }
            Response served = replicas.get(0).asCers().get("/api/v1/cers/users/" + person.email + "/permissions");
            if (person.retired) {
                if (!served.<List<String>>path("tenancyChains").isEmpty()) {
                    stale.add(person.key + " at the end: stored " + served.path("tenancyChains") + " without roles");
                } else {
                    fresh++;
                }
                continue;
            }
            Response resolved = replicas.get(1).as(ADMIN).get("/api/v1/users/" + person.id + "/effective-permissions");
            List<String> servedChains = new ArrayList<>(served.<List<String>>path("tenancyChains"));
            List<String> freshChains = new ArrayList<>(resolved.<List<String>>path("tenancyChains"));
            Collections.sort(servedChains);
            Collections.sort(freshChains);
            if (!servedChains.equals(freshChains) || !served.path("email").equals(resolved.path("email"))) {
                stale.add(person.key + " at the end: stored " + servedChains + ", resolved " + freshChains);
            } else {
                fresh++;
            }
        }
        int missing = missingFeedEntries();
        int total = operations.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("stale-answer hunt (seed %d, %d s, %d writers on 2 processes): %d operations %s, %d pulls,"
                + " %d documents equal to a fresh resolution at the end, stale answers %d, missing feed entries %d%n",
                SEED, RUN.toSeconds(), WRITERS, total, new TreeMap<>(operations), pulls.get(), fresh, stale.size(),
                missing);
        stale.stream().limit(20).forEach(s -> System.out.println("stale: " + s));
        unfed.stream().limit(20).forEach(c -> System.out.println("no feed entry: " + c));
        assertThat(total).isGreaterThan(50);
        assertThat(stale).as("stale answers").isEmpty();
        assertThat(missing).as("acknowledged changes without a feed entry").isZero();
    }

    /**
     * Each acknowledged change that altered what its person is served must have a feed entry written within its time
     * (an entry's time is its transaction's start); one entry answers for one change.
     */
    int missingFeedEntries() {
        Map<String, List<Long>> entries = new HashMap<>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            var request = replicas.get(1).asCers().queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.get("/api/v1/cers/permission-changes").then().statusCode(200).extract().response();
            List<Map<String, Object>> items = page.path("items");
            if (items.isEmpty()) {
                break;
            }
            for (Map<String, Object> item : items) {
                entries.computeIfAbsent((String) item.get("userId"), k -> new ArrayList<>())
                        .add(OffsetDateTime.parse((String) item.get("changedAt")).toInstant().toEpochMilli());
            }
            cursor = page.path("nextCursor");
        }
        int missing = 0;
        Set<String> used = new HashSet<>();
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(java.util.Comparator.comparingLong(Change::from));
        for (Change change : ordered) {
            List<Long> times = entries.getOrDefault(change.userId(), List.of());
            boolean found = false;
            for (int i = 0; i < times.size() && !found; i++) {
                long at = times.get(i);
                if (at >= change.from() - 1000 && at <= change.to() + 1000 && used.add(change.userId() + "#" + i)) {
                    found = true;
                }
            }
            if (!found) {
                missing++;
                unfed.add(change);
            }
        }
        return missing;
    }
}
