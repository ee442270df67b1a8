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

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void aTokenUsedAgainIsServedFromTheVerifiedTokensAndStillAuthorizes() {
        String token = Tokens.person(World.email("verified-once"));
        long before = verifiedTokens.size();
        given().auth().oauth2(token).when().get("/api/v1/roles").then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/v1/roles").then().statusCode(200);

        org.assertj.core.api.Assertions.assertThat(verifiedTokens.size()).isEqualTo(before + 1);
        given().auth().oauth2(token).when().get("/api/v1/cers/permission-changes").then().statusCode(403);
    }

    @Test
    void aTokenAlteredByOneCharacterIsVerifiedAgainAndRefused() {
        String token = Tokens.person(World.email("altered"));
        given().auth().oauth2(token).when().get("/api/v1/roles").then().statusCode(200);
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        given().auth().oauth2(altered).when().get("/api/v1/roles").then().statusCode(401);
    }

    static Stream<Arguments> badTokens() {
        String email = "someone@test.example";
        long now = java.time.Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("expired", Tokens.expired(email)),
                Arguments.of("wrong issuer", Tokens.wrongIssuer(email)),
                Arguments.of("wrong key", Tokens.wrongKey(email)),
                Arguments.of("alg none", Tokens.unsigned(email)),
                Arguments.of("HS256 keyed with the public key", Tokens.hmacKeyedWithThePublicKey(email)),
                Arguments.of("no exp", Tokens.rs256With(email, "\"nbf\":0")),
                Arguments.of("nbf an hour ahead", Tokens.rs256With(email, "\"nbf\":" + (now + 3600)
                        + ",\"exp\":" + (now + 3900))),
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

    static Stream<Arguments> mixedOrOverlongTokens() {
        String email = World.email("mixed");
        java.time.Instant now = java.time.Instant.now();
        return Stream.of(
                Arguments.of("person claims, then a service group", io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER)
                        .upn(email).claim("email", email).groups(java.util.Set.of("cers-service")).sign()),
                Arguments.of("a service group, then person claims", io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER)
                        .groups(java.util.Set.of("t4t-service")).claim("email", email).sign()),
                Arguments.of("upn and a service group", io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER)
                        .groups(java.util.Set.of("cers-service")).upn(email).sign()),
                Arguments.of("iat an hour ahead", io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).upn(email)
                        .issuedAt(now.plusSeconds(3600)).expiresAt(now.plusSeconds(3900)).sign()),
                Arguments.of("exp in year 9999", io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).upn(email)
                        .expiresAt(java.time.Instant.parse("9999-12-31T00:00:00Z")).sign()),
                Arguments.of("a 13-hour lifetime", io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).upn(email)
                        .issuedAt(now.minusSeconds(60)).expiresAt(now.plusSeconds(13 * 3600)).sign()));
    }

    @ParameterizedTest(name = "{0}: 401 everywhere")
    @MethodSource("mixedOrOverlongTokens")
    void aTokenIsAPersonOrAServiceAndLivesNoLongerThanAllowed(String kind, String token) {
        for (String path : java.util.List.of("/api/v1/roles", "/api/v1/me", "/api/v1/cers/permission-changes",
                "/api/v1/t4t/users/a@b.org/access")) {
            given().auth().oauth2(token).when().get(path).then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        }
    }

    @Test
    void aHandSignedTokenWithAnExpiryIsAcceptedSoTheRefusalsAboveAreAboutTheirClaims() {
        long now = java.time.Instant.now().getEpochSecond();
        given().auth().oauth2(Tokens.rs256With("someone@test.example", "\"exp\":" + (now + 600)))
                .when().get("/api/v1/roles").then().statusCode(200);
        given().auth().oauth2(Tokens.rs256With("someone@test.example", "\"nbf\":" + (now - 60) + ",\"exp\":" + (now + 600)))
                .when().get("/api/v1/roles").then().statusCode(200);
    }

    @Test
    void aTokenOfTheLongestAllowedLifetimeIsAccepted() {
        java.time.Instant now = java.time.Instant.now();
        String token = io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).subject("cers").groups(java.util.Set.of("cers-service"))
                .issuedAt(now.minusSeconds(10)).expiresAt(now.minusSeconds(10).plusSeconds(12 * 3600)).sign();
        given().auth().oauth2(token).when().get("/api/v1/cers/permission-changes").then().statusCode(200);
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
        String uuid4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
        String first = given().header("X-Request-Id", "not sane!").when().get("/api/v1/roles").then().statusCode(401)
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern(uuid4)).extract().header("X-Request-Id");
        given().when().get("/api/v1/roles").then().statusCode(401)
                .header("X-Request-Id", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.matchesPattern(uuid4),
                        org.hamcrest.Matchers.not(first)))
                .body("requestId", org.hamcrest.Matchers.matchesPattern(uuid4));
    }
}
