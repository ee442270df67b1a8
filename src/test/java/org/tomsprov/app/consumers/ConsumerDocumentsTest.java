package org.tomsprov.app.consumers;

import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.asService;
import static org.tomsprov.testdata.Api.feedHead;
import static org.tomsprov.testdata.Api.newUser;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Uploads;
import org.tomsprov.testdata.World;

/**
 * Pulls read stored documents, yet every change (a grant, a revocation, a deactivation, an email change, an
 * upload, an organization renamed or closed) shows in the very next pull, with a new ETag and a feed entry.
 */
@QuarkusTest
class ConsumerDocumentsTest {

    @Inject
    World world;

    @Inject
    EntityManager em;

    @Inject
    ConsumerDocuments documents;

    @Inject
    DataSource dataSource;

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

    @Test
    void anEmailChangeMovesTheDocumentToTheNewAddress() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String before = World.email("renamed");
        String after = World.email("renamed");
        String id = as(coordinator).body(newUser(before, "EDUCATOR_DISTRICT", lea.code())).when()
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        asService("t4t-service").when().get("/api/v1/t4t/users/" + before + "/access").then().statusCode(200);

        String cursor = feedHead();
        as(coordinator).contentType("application/merge-patch+json").body("{\"email\":\"" + after + "\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(200);

        asService("t4t-service").when().get("/api/v1/t4t/users/" + before + "/access").then().statusCode(404);
        asService("t4t-service").when().get("/api/v1/t4t/users/" + after + "/access").then().statusCode(200)
                .body("email", equalTo(after)).body("allowed", equalTo(true));
        asService("cers-service").when().get("/api/v1/cers/permission-changes?after=" + cursor).then()
                .body("items.findAll { it.userId == '" + id + "' }.email", hasItem(after));
    }

    @Test
    void anUploadsCommitShowsInTheNextPullOfEveryoneItChanged() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String existing = World.email("uploaded");
        as(coordinator).body(newUser(existing, "TOOLS_FOR_TEACHERS_ONLY", lea.school(0))).when().post("/api/v1/users")
                .then().statusCode(201);
        String etag = asService("cers-service").when().get("/api/v1/cers/users/" + existing + "/permissions").then()
                .body("permissionsById", anEmptyMap()).extract().header("ETag");
        String first = World.email("uploaded");
        String second = World.email("uploaded");
        String upload = Uploads.csv(coordinator, "First Name,Last Name,Email Address,CDS Code,Role,Action\n"
                + "Ana,Lopez," + first + "," + lea.school(0) + ",EDUCATOR_TEST_SITE,ADD\n"
                + "Ben,Ngo," + second + "," + lea.school(0) + ",TOOLS_FOR_TEACHERS_ONLY,ADD\n"
                + "Cy,Ortiz," + existing + "," + lea.school(0) + ",EDUCATOR_TEST_SITE,ADD\n");
        Uploads.settled(coordinator, upload).then().body("status", equalTo("VALIDATED"));
        Uploads.commit(coordinator, upload).then().body("status", equalTo("COMMITTED"));

        asService("cers-service").when().get("/api/v1/cers/users/" + first + "/permissions").then()
                .body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(0)));
        asService("t4t-service").when().get("/api/v1/t4t/users/" + second + "/access").then()
                .body("allowed", equalTo(true));
        String changed = asService("cers-service").when().get("/api/v1/cers/users/" + existing + "/permissions").then()
                .body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(0)))
                .extract().header("ETag");
        assertNotEquals(etag, changed);
        assertTrue(storedCersBody(world.idOf(existing)).contains(lea.school(0)),
                "the commit itself rewrote the document of the person who existed before it");
    }

    @Test
    void anUploadOfMorePeopleThanOnePageGivesEachOfThemDocumentsAndOneFeedEntry() {
        World.Lea lea = world.lea(2);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        int people = 2 * ConsumerDocuments.PAGE + 300;
        List<String> emails = new ArrayList<>();
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email Address,CDS Code,Role\n");
        for (int i = 0; i < people; i++) {
            emails.add(World.email("paged"));
            csv.append("Pa,Ged,").append(emails.get(i)).append(',').append(lea.school(i % 2)).append(",EDUCATOR_TEST_SITE\n");
        }
        long feedHead = world.lastFeedSequence();
        String upload = Uploads.csv(coordinator, csv.toString());
        Uploads.settled(coordinator, upload).then().body("status", equalTo("VALIDATED"));
        Uploads.commit(coordinator, upload).then().body("status", equalTo("COMMITTED"));

        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select id from app_user where lower(email) in (?1)", UUID.class).setParameter(1, emails).getResultList());
        assertEquals(people, ids.size());
        assertEquals((long) people, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from permission_change where sequence > ?1 and user_id in (?2)")
                .setParameter(1, feedHead).setParameter(2, ids).getSingleResult()).longValue()));
        for (int i : new int[] {0, ConsumerDocuments.PAGE, people - 1}) {
            asService("cers-service").when().get("/api/v1/cers/users/" + emails.get(i) + "/permissions").then()
                    .body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(i % 2)));
        }
        Awaitility.await("the first documents of everyone the upload created").atMost(Duration.ofSeconds(60))
                .until(() -> documentsOf(ids) == 2L * people);
        assertEquals(0L, notedPeopleOf(UUID.fromString(upload)), "no one is left noted for documents");
    }

    @Test
    void peopleACommittedUploadCreatedWithoutDocumentsAreWrittenByWhoeverTakesThemNext() {
        World.Lea lea = world.lea(3);
        String email = World.email("left");
        UUID id = world.person(email, Role.EDUCATOR_TEST_SITE, lea.school(1), false);
        UUID upload = notedAsCreatedByAnUpload(id);

        assertEquals(0, documents.writeCreated(() -> true), "a stopping writer takes no one");
        assertTrue(documents.writeCreated(() -> false) >= 1);

        assertEquals(2L, documentsOf(List.of(id)));
        assertEquals(0L, notedPeopleOf(upload));
        assertTrue(storedCersBody(id).contains(lea.school(1)));
    }

    @Test
    void aDocumentAChangeWroteIsKeptWhenTheFirstDocumentsOfAnUploadsPeopleAreWritten() {
        World.Lea lea = world.lea(3);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String email = World.email("raced");
        UUID id = world.person(email, Role.EDUCATOR_TEST_SITE, lea.school(0), false);
        UUID upload = notedAsCreatedByAnUpload(id);
        as(coordinator).body("{\"roleId\":\"EDUCATOR_DISTRICT\",\"orgCode\":\"" + lea.code() + "\"}")
                .when().post("/api/v1/users/" + id + "/roles").then().statusCode(201);
        assertTrue(storedCersBody(id).contains("GROUP_WRITE"), "the grant's own transaction wrote the document");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update consumer_document set body = '{\"kept\":true}' where user_id = ?1 and consumer = 'cers-service'")
                .setParameter(1, id).executeUpdate());

        documents.writeCreated(() -> false);

        assertEquals("{\"kept\":true}", storedCersBody(id), "the writer of first documents does not write over it");
        assertEquals(0L, notedPeopleOf(upload));
    }

    @Test
    void renamingADistrictChangesItsPeoplesChainsETagsAndFeed() {
        World.Lea lea = world.lea(1);
        String stateAdmin = world.admin(Role.STATE_ADMINISTRATOR, "CA");
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String email = World.email("district");
        String id = as(coordinator).body(newUser(email, "EDUCATOR_TEST_SITE", lea.school(0))).when()
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        String etag = asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                .body("sbacTenancyChain", containsString(lea.name())).extract().header("ETag");
        String cursor = feedHead();

        as(stateAdmin).contentType("text/csv").body("CDS Code,Name,Type,Parent CDS Code\n"
                + lea.code() + ",Renamed Unified,LEA,CA\n").when().post("/api/v1/organizations/imports").then()
                .statusCode(200).body("updated", equalTo(1));

        String renamed = asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                .body("sbacTenancyChain", containsString("Renamed Unified"))
                .body("sbacTenancyChain", not(containsString(lea.name()))).extract().header("ETag");
        assertNotEquals(etag, renamed);
        asService("cers-service").when().get("/api/v1/cers/permission-changes?after=" + cursor).then()
                .body("items.findAll { it.userId == '" + id + "' }.changes", contains(List.of("ORGANIZATION")));
    }

    /**
     * A rename is held between finding its people and writing their documents (another transaction holds the row of
     * one of them) while a coordinator gives someone new their first role under the district. Both are acknowledged,
     * and the new person's chains carry the new name: the grant renders after the rename commits.
     */
    @Test
    void aFirstGrantUnderADistrictBeingRenamedIsServedTheNewName() throws Exception {
        World.Lea lea = world.lea(2);
        String stateAdmin = world.admin(Role.STATE_ADMINISTRATOR, "CA");
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String existing = World.email("renamed-existing");
        String id = as(coordinator).body(newUser(existing, "EDUCATOR_TEST_SITE", lea.school(0))).when()
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        String newcomer = World.email("renamed-newcomer");
        String renamed = "Renamed While Granting " + UUID.randomUUID().toString().substring(0, 8);

        CompletableFuture<Integer> rename;
        CompletableFuture<Integer> grant;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement(
                    "select 1 from consumer_document where user_id = ?::uuid for update")) {
                hold.setString(1, id);
                hold.executeQuery().close();
            }
            rename = CompletableFuture.supplyAsync(() -> as(stateAdmin).contentType("text/csv")
                    .body("CDS Code,Name,Type,Parent CDS Code\n" + lea.code() + "," + renamed + ",LEA,CA\n")
                    .when().post("/api/v1/organizations/imports").then().extract().statusCode());
            awaitLockWaits(1, rename);
            grant = CompletableFuture.supplyAsync(() -> as(coordinator)
                    .body(newUser(newcomer, "EDUCATOR_TEST_SITE", lea.school(1))).when().post("/api/v1/users")
                    .then().extract().statusCode());
            awaitLockWaits(2, grant);
            holder.rollback();
        }
        assertEquals(200, rename.get(30, TimeUnit.SECONDS));
        assertEquals(201, grant.get(30, TimeUnit.SECONDS));

        for (String email : List.of(existing, newcomer)) {
            asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                    .body("sbacTenancyChain", containsString("|" + renamed + "|"))
                    .body("sbacTenancyChain", not(containsString("|" + lea.name() + "|")));
        }
    }

    /** Waits until this many statements wait for a lock, or the request is answered first. */
    private void awaitLockWaits(int waits, CompletableFuture<?> request) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (request.isDone()) {
                return true;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement count = c.prepareStatement(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'");
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1) >= waits;
            }
        });
    }

    @Test
    void aChangeOfTheEmailsLetterCaseAloneIsServedWithANewETagAndAProfileEntry() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String lower = World.email("case.only");
        String upper = lower.substring(0, 1).toUpperCase() + lower.substring(1, 5).toUpperCase() + lower.substring(5);
        String id = as(coordinator).body(newUser(upper, "EDUCATOR_TEST_SITE", lea.school(0))).when()
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        String etag = asService("cers-service").when().get("/api/v1/cers/users/" + lower + "/permissions").then()
                .body("email", equalTo(upper)).extract().header("ETag");
        String cursor = feedHead();

        as(coordinator).contentType("application/merge-patch+json; charset=UTF-8").body("{\"email\":\"" + lower + "\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(200).body("email", equalTo(lower));

        String renewed = asService("cers-service").when().get("/api/v1/cers/users/" + upper + "/permissions").then()
                .statusCode(200).body("email", equalTo(lower)).extract().header("ETag");
        assertNotEquals(etag, renewed);
        asService("cers-service").header("If-None-Match", etag).when()
                .get("/api/v1/cers/users/" + lower + "/permissions").then().statusCode(200).body("email", equalTo(lower));
        asService("t4t-service").when().get("/api/v1/t4t/users/" + lower + "/access").then().body("email", equalTo(lower));
        asService("cers-service").when().get("/api/v1/cers/permission-changes?after=" + cursor).then()
                .body("items.findAll { it.userId == '" + id + "' }.changes", contains(List.of("PROFILE")));
    }

    @Test
    void anEditNoConsumerIsServedWritesNoDocumentAndNoEntry() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String email = World.email("first.name.only");
        String id = as(coordinator).body(newUser(email, "EDUCATOR_TEST_SITE", lea.school(0))).when()
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        String etag = asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                .extract().header("ETag");
        String cursor = feedHead();

        as(coordinator).contentType("application/merge-patch+json; charset=UTF-8").body("{\"firstName\":\"Another\"}")
                .when().patch("/api/v1/users/" + id).then().statusCode(200);

        asService("cers-service").header("If-None-Match", etag).when()
                .get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(304);
        asService("cers-service").when().get("/api/v1/cers/permission-changes?after=" + cursor).then()
                .body("items.userId", not(hasItem(id)));
    }

    @Test
    void aUserWithoutADocumentIsResolvedOnTheSpotAndStored() {
        World.Lea lea = world.lea(1);
        String email = World.email("direct");
        UUID id = world.person(email, Role.EDUCATOR_TEST_SITE, lea.school(0), false);
        assertEquals(0L, documentsOf(List.of(id)));

        asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then().statusCode(200)
                .body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(0)));
        assertEquals(2L, documentsOf(List.of(id)));

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update consumer_document set administration_year = '2019-20', body = '{}' where user_id = ?1")
                .setParameter(1, id).executeUpdate());
        asService("t4t-service").when().get("/api/v1/t4t/users/" + email + "/access").then().statusCode(200)
                .body("allowed", equalTo(true)).body("tenancyChains", hasSize(1));
        asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                .body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(0)));
    }

    @Test
    void theBackfillWritesTheDocumentsOfUsersNoChangeWrote() {
        World.Lea lea = world.lea(1);
        String email = World.email("loaded");
        UUID id = world.person(email, Role.SITE_CAASPP_COORDINATOR, lea.school(0), false);

        backfillEveryone();

        assertEquals(2L, documentsOf(List.of(id)));
        asService("cers-service").when().get("/api/v1/cers/users/" + email + "/permissions").then()
                .body("permissionsById.INDIVIDUAL_PII_READ.scope.institutionIds", contains(lea.school(0)));
    }

    @Test
    void aBackfillPassLooksAtEachUserWithoutDocumentsOnceAndLeavesNoneOfThemBehind() {
        World.Lea lea = world.lea(3);
        List<UUID> loaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            loaded.add(world.person(World.email("paged"), Role.SITE_CAASPP_COORDINATOR, lea.school(i % 2), false));
        }

        List<UUID> looked = new ArrayList<>();
        for (List<UUID> page = documents.backfillPage(ConsumerDocuments.FIRST, 2); !page.isEmpty();
                page = documents.backfillPage(page.get(page.size() - 1), 2)) {
            assertTrue(page.size() <= 2, "a page holds at most the limit");
            looked.addAll(page);
        }

        assertEquals(new HashSet<>(looked).size(), looked.size(), "no user is looked at twice in one pass");
        assertTrue(looked.containsAll(loaded));
        assertEquals(2L * loaded.size(), documentsOf(loaded));
        List<UUID> again = documents.backfillPage(ConsumerDocuments.FIRST, ConsumerDocuments.PAGE);
        assertTrue(again.stream().noneMatch(loaded::contains), "the next pass finds them written");
    }

    @Test
    void aBackfillPassIsNeededExactlyWhileSomeUserHasNoDocumentOfTheYear() {
        backfillEveryone();
        assertFalse(documents.backfillNeeded(), "every user has a document");

        World.Lea lea = world.lea(2);
        UUID loaded = world.person(World.email("counted"), Role.SITE_CAASPP_COORDINATOR, lea.school(0), false);
        assertTrue(documents.backfillNeeded(), "a user loaded without documents needs a pass");

        backfillEveryone();
        assertEquals(2L, documentsOf(List.of(loaded)));
        assertFalse(documents.backfillNeeded());
    }

    private void backfillEveryone() {
        for (List<UUID> page = documents.backfillPage(ConsumerDocuments.FIRST, ConsumerDocuments.PAGE); !page.isEmpty();
                page = documents.backfillPage(page.get(page.size() - 1), ConsumerDocuments.PAGE)) {
            // every page of users without a current document
        }
    }

    /** The person, noted as a committed upload's new person whose first documents are not written yet. */
    private UUID notedAsCreatedByAnUpload(UUID person) {
        UUID upload = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into upload_affected (upload_id, user_id, created) values (?1, ?2, true)")
                .setParameter(1, upload).setParameter(2, person).executeUpdate());
        return upload;
    }

    private String storedCersBody(UUID user) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select body from consumer_document where user_id = ?1 and consumer = 'cers-service'")
                .setParameter(1, user).getSingleResult());
    }

    private long notedPeopleOf(UUID upload) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from upload_affected where upload_id = ?1").setParameter(1, upload)
                .getSingleResult()).longValue());
    }

    private long documentsOf(List<UUID> users) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from consumer_document where user_id in (?1) and administration_year = ?2")
                .setParameter(1, users).setParameter(2, World.YEAR).getSingleResult()).longValue());
    }
}
