package org.tomsprov.testdata;

import io.smallrye.jwt.build.Jwt;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Bearer tokens for tests, signed with the test key (or deliberately wrong). */
public final class Tokens {

    public static final String ISSUER = "https://toms-provisioning.demo";

    private Tokens() {
    }

    /** A person's token carrying their email. */
    public static String person(String email) {
        return Jwt.issuer(ISSUER).upn(email).claim("email", email).subject("sub-" + email).sign();
    }

    /** A person known only by {@code sub}. */
    public static String subjectOnly(String subject) {
        return Jwt.issuer(ISSUER).subject(subject).sign();
    }

    public static String service(String group) {
        return Jwt.issuer(ISSUER).subject(group).groups(Set.of(group)).sign();
    }

    /** A district identity provider's SCIM client, bound to the LEA with this CDS code. */
    public static String provisioner(String leaCode) {
        return Jwt.issuer(ISSUER).subject("idp-" + leaCode).groups(Set.of("scim-provisioner")).claim("lea", leaCode).sign();
    }

    public static String expired(String email) {
        return Jwt.issuer(ISSUER).upn(email).claim("email", email)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
    }

    public static String wrongIssuer(String email) {
        return Jwt.issuer("https://someone-else.example").upn(email).claim("email", email).sign();
    }

    public static String wrongKey(String email) {
        return Jwt.issuer(ISSUER).upn(email).claim("email", email).sign(otherKey());
    }

    /** An unsigned token ({@code alg: none}) that claims to be the person. */
    public static String unsigned(String email) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"upn\":\"" + email + "\",\"email\":\"" + email
                + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".";
    }

    private static PrivateKey otherKey() {
        try (var in = Tokens.class.getResourceAsStream("/test-jwt/otherPrivateKey.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
