package org.tomsprov.api;

import static org.tomsprov.testdata.Api.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.Tokens;
import org.tomsprov.testdata.World;

@QuarkusTest
class AuthenticationTest {

    @Inject
    World world;

    static Stream<Arguments> badTokens() {
        String email = "someone@test.example";
        return Stream.of(
                Arguments.of("expired", Tokens.expired(email)),
                Arguments.of("wrong issuer", Tokens.wrongIssuer(email)),
                Arguments.of("wrong key", Tokens.wrongKey(email)),
                Arguments.of("alg none", Tokens.unsigned(email)),
                Arguments.of("garbage", "not.a.jwt"));
    }

    @ParameterizedTest(name = "{0} token gets 401")
    @MethodSource("badTokens")
    void invalidTokensAreUnauthenticated(String kind, String token) {
        given().auth().oauth2(token).when().get("/api/v1/roles").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @ParameterizedTest(name = "no token on {0} gets 401")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/api/v1/roles", "/api/v1/me", "/api/v1/users",
            "/api/v1/organizations", "/api/v1/audit-events", "/api/v1/cers/permission-changes",
            "/api/v1/t4t/users/a@b.org/access", "/api/v1/cers/users/a@b.org/permissions", "/api/v1/permissions"})
    void everyApiPathNeedsAToken(String path) {
        given().when().get(path).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"))
                .body("requestId", not(emptyOrNullString()));
    }

    @Test
    void aPersonIsKnownByEmailThenUpnThenSub() {
        World.Lea lea = world.lea(1);
        String email = world.admin(Role.LEA_CAASPP_COORDINATOR, lea.code());

        given().auth().oauth2(Tokens.person(email)).when().get("/api/v1/me").then().statusCode(200)
                .body("email", equalToIgnoringCase(email)).body("roles[0].roleId", equalTo("LEA_CAASPP_COORDINATOR"));
        given().auth().oauth2(Tokens.subjectOnly(email)).when().get("/api/v1/me").then().statusCode(200)
                .body("roles[0].orgCode", equalTo(lea.code()));
    }

    @Test
    void rightsComeFromAssignmentsNeverFromTheToken() {
        String stranger = World.email("stranger");
        given().auth().oauth2(io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).upn(stranger).claim("email", stranger)
                        .groups(java.util.Set.of("STATE_ADMINISTRATOR", "admin")).sign())
                .when().get("/api/v1/users").then().statusCode(403).body("code", equalTo("NOT_AN_ADMINISTRATOR"));
    }

    @Test
    void requestIdsAreEchoedAndGenerated() {
        given().header("X-Request-Id", "trace-123").when().get("/api/v1/roles").then().statusCode(401)
                .header("X-Request-Id", "trace-123").body("requestId", equalTo("trace-123"));
    }
}
