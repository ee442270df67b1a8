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

    /**
     * The algorithm-confusion attack: HS256, keyed with the service's own public key (which anyone may hold), as if
     * that key were a shared secret.
     */
    public static String hmacKeyedWithThePublicKey(String email) {
        try {
            byte[] publicKey = resource("/test-jwt/publicKey.pem");
            String signingInput = encoded("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encoded(claimsOf(email, ""));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(publicKey, "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the right key and algorithm, with these claims beyond issuer and emails, and no others. */
    public static String rs256With(String email, String moreClaims) {
        try {
            String signingInput = encoded("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encoded(claimsOf(email, moreClaims));
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey("/test-jwt/privateKey.pem"));
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claimsOf(String email, String moreClaims) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + ISSUER + "\",\"upn\":\"" + email + "\",\"email\":\"" + email + "\",\"iat\":" + now;
        return claims + (moreClaims.isEmpty() ? ",\"exp\":" + (now + 600) : "," + moreClaims) + "}";
    }

    private static String encoded(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey otherKey() {
        return privateKey("/test-jwt/otherPrivateKey.pem");
    }

    private static PrivateKey privateKey(String resource) {
        try {
            String pem = new String(resource(resource), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (var in = Tokens.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
