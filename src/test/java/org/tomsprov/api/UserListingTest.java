package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tomsprov.testdata.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.World;

/**
 * A coordinator pages through the users holding a role in their LEA or school, in email order, each once, and no
 * one else: the same users whether the listing reads the scope's own index (no filter) or probes every user (a
 * filter that keeps everyone).
 */
@QuarkusTest
class UserListingTest {

    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    World world;

    @Inject
    EntityManager em;

    @Test
    void anLeaCoordinatorPagesThroughEveryoneInTheirLeaOnceInEmailOrder() {
        World.Lea lea = world.lea(2);
        World.Lea other = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String atSchool = World.email("at-school");
        String twoSchools = "Mixed.Case." + World.email("two-schools");
        String atLea = World.email("at-lea");
        String elsewhere = World.email("elsewhere");
        String both = World.email("both-leas");
        world.person(atSchool, Role.EDUCATOR_ROSTER, lea.school(0), false);
        world.person(twoSchools, Role.EDUCATOR_ROSTER, lea.school(0), false);
        world.person(twoSchools, Role.CAASPP_TEST_EXAMINER, lea.school(1), false);
        world.person(atLea, Role.EDUCATOR_DISTRICT, lea.code(), false);
        world.person(elsewhere, Role.EDUCATOR_ROSTER, other.school(0), false);
        world.person(both, Role.EDUCATOR_ROSTER, other.school(0), false);
        world.person(both, Role.CAASPP_TEST_EXAMINER, lea.school(1), false);

        List<String> expected = sorted(coordinator, atSchool, twoSchools, atLea, both);
        assertThat(walk(coordinator, Map.of())).isEqualTo(expected);
        assertThat(walk(coordinator, Map.of("status", "ACTIVE"))).isEqualTo(expected);
    }

    @Test
    void aSiteCoordinatorPagesThroughTheirSchoolOnly() {
        World.Lea lea = world.lea(2);
        String site = world.admin(Role.SITE_CAASPP_COORDINATOR, lea.school(0));
        String here = World.email("here");
        String there = World.email("there");
        world.person(here, Role.EDUCATOR_ROSTER, lea.school(0), false);
        world.person(here, Role.CAASPP_TEST_EXAMINER, lea.school(0), false);
        world.person(there, Role.EDUCATOR_ROSTER, lea.school(1), false);

        List<String> expected = sorted(site, here);
        assertThat(walk(site, Map.of())).isEqualTo(expected);
        assertThat(walk(site, Map.of("status", "ACTIVE"))).isEqualTo(expected);
    }

    @Test
    void aPersonWhoseEmailChangedIsListedUnderTheNewOneInItsPlace() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String before = "zz-" + World.email("renamed");
        String after = "aa-" + World.email("renamed");
        String id = world.person(before, Role.EDUCATOR_ROSTER, lea.school(0), false).toString();
        assertThat(walk(coordinator, Map.of())).isEqualTo(sorted(coordinator, before));

        as(coordinator).contentType(MERGE_PATCH).body("{\"email\":\"" + after + "\"}").when()
                .patch("/api/v1/users/" + id).then().statusCode(200);

        assertThat(walk(coordinator, Map.of())).isEqualTo(sorted(coordinator, after)).first().isEqualTo(after);
        assertThat(walk(coordinator, Map.of("status", "ACTIVE"))).isEqualTo(sorted(coordinator, after));
    }

    @Test
    void anAssignmentWrittenWithoutTheEmailKeyAsAnOlderReplicaWritesItIsListed() {
        World.Lea lea = world.lea(1);
        String coordinator = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());
        String older = "Older." + World.email("replica");
        UUID id = world.person(older, Role.EDUCATOR_ROSTER, lea.school(0), false);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from role_assignment where user_id = ?1").setParameter(1, id).executeUpdate();
            em.createNativeQuery("""
                    insert into role_assignment (id, user_id, role_id, org_id, lea_id, administration_year, is_primary,
                                                 created_at)
                    select gen_random_uuid(), ?1, 'EDUCATOR_ROSTER', o.id, o.parent_id, ?2, false, now()
                    from organization o where o.code = ?3 and o.type = 'SCHOOL'""")
                    .setParameter(1, id).setParameter(2, World.YEAR).setParameter(3, lea.school(0)).executeUpdate();
        });

        assertThat(walk(coordinator, Map.of())).isEqualTo(sorted(coordinator, older));
    }

    /** Every page of two, following the cursors; the emails listed, in order. */
    private static List<String> walk(String caller, Map<String, String> filter) {
        List<String> emails = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as(caller).queryParams(filter).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/users").then().statusCode(200).extract();
            emails.addAll(page.path("items.email"));
            cursor = page.path("nextCursor");
        } while (cursor != null && emails.size() < 100);
        return emails;
    }

    private static List<String> sorted(String... emails) {
        return java.util.Arrays.stream(emails).sorted((a, b) -> a.toLowerCase(Locale.ROOT)
                .compareTo(b.toLowerCase(Locale.ROOT))).toList();
    }
}
