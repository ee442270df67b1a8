package org.tomsprov.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.Email;
import org.tomsprov.config.TomsConfig;

/**
 * What a verified token must also be before anyone acts on it (SmallRye JWT has checked its signature, issuer and
 * expiry). A failure is a 401 on every endpoint.
 *
 * <ul>
 *   <li>It is a person or a service client, never both: a token naming a person ({@code email} or {@code upn})
 *       may not carry a service group ({@code cers-service}, {@code t4t-service}, {@code scim-provisioner}).</li>
 *   <li>A district provisioning client ({@code scim-provisioner}) is that alone, and names its LEA: a {@code lea}
 *       claim holding the LEA's 14-digit CDS code.</li>
 *   <li>The person it names ({@code email}, {@code upn}, {@code sub}) has no character that lower-cases to a
 *       plain letter without being one ({@link Email#disguisedLetter}), and none that shows nothing, a space
 *       included ({@link Email#unseenCharacter}): either would be someone else in disguise.</li>
 *   <li>It says when it was issued ({@code iat}), and not later than now plus the allowed clock skew.</li>
 *   <li>It lives no longer than {@code toms.tokens.max-lifetime} ({@code exp - iat}), so no token is good for
 *       longer than that, however it was made.</li>
 * </ul>
 */
@ApplicationScoped
public class TokenRules implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(TokenRules.class);
    private static final Set<String> SERVICE_GROUPS = CallerContext.SERVICE_GROUPS;
    private static final java.util.List<String> PERSON_CLAIMS = java.util.List.of("email", "upn", "sub");

    private final Duration maxLifetime;
    private final Duration clockSkew;

    TokenRules(TomsConfig config) {
        this.maxLifetime = config.tokens().maxLifetime();
        this.clockSkew = config.tokens().clockSkew();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Optional<String> refusal = refusal(token, Instant.now());
        if (refusal.isPresent()) {
            LOG.debugf("token refused: %s", refusal.get());
            return Uni.createFrom().failure(new AuthenticationFailedException(refusal.get()));
        }
        return Uni.createFrom().item(identity);
    }

    Optional<String> refusal(JsonWebToken token, Instant now) {
        boolean person = present(token, "email") || present(token, "upn");
        boolean service = token.getGroups() != null && token.getGroups().stream().anyMatch(SERVICE_GROUPS::contains);
        if (person && service) {
            return Optional.of("a token is a person's or a service client's, not both");
        }
        if (token.getGroups() != null && token.getGroups().contains(CallerContext.PROVISIONER_GROUP)) {
            if (token.getGroups().stream().filter(SERVICE_GROUPS::contains).count() > 1) {
                return Optional.of("a provisioning client's token carries no other service group");
            }
            Object lea = token.getClaim("lea");
            String code = lea instanceof jakarta.json.JsonString json ? json.getString() : lea == null ? "" : lea.toString();
            if (!CdsCodes.isFourteenDigits(code) || !CdsCodes.hasZeroSchoolPart(code)) {
                return Optional.of("a provisioning client's token names its LEA in lea (a 14-digit CDS code)");
            }
        }
        Optional<String> disguised = service ? Optional.empty() : disguisedPerson(token);
        if (disguised.isPresent()) {
            return disguised;
        }
        long issuedAt = token.getIssuedAtTime();
        long expiresAt = token.getExpirationTime();
        if (issuedAt <= 0) {
            return Optional.of("the token has no iat");
        }
        if (Instant.ofEpochSecond(issuedAt).isAfter(now.plus(clockSkew))) {
            return Optional.of("the token is issued in the future");
        }
        if (expiresAt - issuedAt > maxLifetime.toSeconds()) {
            return Optional.of("the token lives longer than " + maxLifetime);
        }
        return Optional.empty();
    }

    /** Why the person a token names, by any of the claims that may name them, would be someone else in disguise. */
    private static Optional<String> disguisedPerson(JsonWebToken token) {
        for (String claim : PERSON_CLAIMS) {
            Object value = token.getClaim(claim);
            String text = value instanceof jakarta.json.JsonString json ? json.getString() : value == null ? "" : value.toString();
            Email named = new Email(text);
            if (named.disguisedLetter().isPresent()) {
                return Optional.of("the token's " + claim + " has a character that lower-cases to a plain letter");
            }
            if (named.unseenCharacter().isPresent()) {
                return Optional.of("the token's " + claim + " has a character that shows nothing");
            }
        }
        return Optional.empty();
    }

    private static boolean present(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        return value != null && !value.toString().isBlank() && !"\"\"".equals(value.toString());
    }
}
