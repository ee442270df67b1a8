package org.tomsprov.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Bearer tokens verified once: SmallRye JWT parses and checks a token (signature, issuer, expiry) the first time it
 * is seen, and a token string seen again is answered from memory until its own {@code exp}. Only tokens that
 * passed are kept; any change to a token makes it another string, verified afresh. At most
 * {@value #MAX_TOKENS} tokens are kept, the least recently used going first. {@link TokenRules} still runs on
 * every request. A cached token outlives a change of the verification key by at most its own lifetime.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    static final int MAX_TOKENS = 10_000;

    private final JWTCallerPrincipalFactory verifier;
    private final LongSupplier clock;
    private final Cache<String, JWTCallerPrincipal> verified;

    VerifiedTokens() {
        this(new DefaultJWTCallerPrincipalFactory(), System::currentTimeMillis);
    }

    VerifiedTokens(JWTCallerPrincipalFactory verifier, LongSupplier clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS)
                .expireAfter(new Expiry<String, JWTCallerPrincipal>() {
                    @Override
                    public long expireAfterCreate(String token, JWTCallerPrincipal principal, long now) {
                        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millisLeft(principal)));
                    }

                    @Override
                    public long expireAfterUpdate(String token, JWTCallerPrincipal principal, long now, long left) {
                        return left;
                    }

                    @Override
                    public long expireAfterRead(String token, JWTCallerPrincipal principal, long now, long left) {
                        return left;
                    }
                }).build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal known = verified.getIfPresent(token);
        if (known != null && millisLeft(known) > 0) {
            return known;
        }
        JWTCallerPrincipal principal = verifier.parse(token, context);
        verified.put(token, principal);
        return principal;
    }

    /** How long the token has left before its {@code exp}, by this service's clock. */
    private long millisLeft(JWTCallerPrincipal principal) {
        return principal.getExpirationTime() * 1000 - clock.getAsLong();
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
