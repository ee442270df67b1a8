package org.tomsprov.app.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;
import static org.tomsprov.testdata.Api.as;
import static org.tomsprov.testdata.Api.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Demo mode and the bootstrap administrator, at start and again at a restart. */
@QuarkusTest
@TestProfile(StartupDataTest.DemoProfile.class)
class StartupDataTest {

    static final Path DATA = Path.of("target", "demo-data-test");
    static final String BOOT = "boot.admin@test.example";

    /** Demo mode on, a bootstrap administrator, the data directory under target/. */
    public static class DemoProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            DemoKeys.ensure(DATA.toAbsolutePath().resolve("demo-keys"));
            return Map.of("toms.demo", "true", "toms.bootstrap-admin-email", BOOT,
                    "toms.data-dir", DATA.toAbsolutePath().toString());
        }
    }

    @Inject
    Bootstrap bootstrap;

    @Inject
    EntityManager em;

    @Transactional
    long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    @Test
    void theBootstrapAdministratorAndTheDemoSetAreThereOnceEvenAfterAnotherStart() {
        String adminRoles = "select count(*) from role_assignment a join app_user u on u.id = a.user_id"
                + " where lower(u.email) = '" + BOOT + "' and a.role_id = 'STATE_ADMINISTRATOR'";
        String demoPeople = "select count(*) from app_user where email like '%.demo'";
        String demoLeas = "select count(*) from organization where type = 'LEA' and code in"
                + " ('19647330000000', '37683380000000', '01612590000000', '19101990000000', '38684780000000')";
        assertThat(count(adminRoles)).isEqualTo(1);
        assertThat(count(demoLeas)).isEqualTo(5);
        long people = count(demoPeople);
        assertThat(people).isEqualTo(DemoData.PEOPLE.size());

        bootstrap.onStart(null);

        assertThat(count(adminRoles)).isEqualTo(1);
        assertThat(count(demoPeople)).isEqualTo(people);
        as(BOOT).when().get("/api/v1/me").then().statusCode(200)
                .body("roles.roleId", contains("STATE_ADMINISTRATOR")).body("roles[0].orgCode", equalTo("CA"));
    }

    @Test
    void demoTokensAreSignedWithTheKeyInTheDataDirectoryNeverOneFromTheJar() throws Exception {
        String token = given().when().get("/demo/token?email=teacher@lausd.demo").then().statusCode(200)
                .extract().asString();
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"email\":\"teacher@lausd.demo\"");
        assertThat(Files.exists(DATA.toAbsolutePath().resolve("demo-keys/demo-private.pem"))).isTrue();
        assertThat(getClass().getClassLoader().getResource("demo-keys/demo-private.pem")).isNull();
        given().when().get("/demo/tokens").then().statusCode(200)
                .body("keySet()", hasItems("cers-service", "t4t-service", "teacher (teacher@lausd.demo)"));
    }
}
