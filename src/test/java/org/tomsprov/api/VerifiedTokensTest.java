package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import org.junit.jupiter.api.Test;

/** A token is verified once and then served from memory until its exp; nothing unverified is ever kept. */
class VerifiedTokensTest {

    static final long NOW = 1_800_000_000_000L;

    /** The real verifier's stand-in: accepts tokens named "good-*" expiring at the given second, refuses the rest. */
    static final class Verifier extends JWTCallerPrincipalFactory {
        final List<String> verified = new ArrayList<>();
        long expiresAt = NOW / 1000 + 3600;

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
            verified.add(token);
            if (!token.startsWith("good-")) {
                throw new ParseException("bad signature");
            }
            return principal(token, expiresAt);
        }
    }

    static JWTCallerPrincipal principal(String token, long exp) {
        Map<String, Object> claims = Map.of("exp", exp, "sub", token);
        return new JWTCallerPrincipal(token, "JWT") {
            @Override
            protected Collection<String> doGetClaimNames() {
                return claims.keySet();
            }

            @Override
            protected Object getClaimValue(String name) {
                return claims.get(name);
            }
        };
    }

    final Verifier verifier = new Verifier();
    final AtomicLong clock = new AtomicLong(NOW);
    final VerifiedTokens tokens = new VerifiedTokens(verifier, clock::get);

    @Test
    void aTokenSeenAgainIsNotVerifiedAgain() throws Exception {
        JWTCallerPrincipal first = tokens.parse("good-a", null);
        JWTCallerPrincipal second = tokens.parse("good-a", null);

        assertThat(second).isSameAs(first);
        assertThat(verifier.verified).containsExactly("good-a");
    }

    @Test
    void anotherTokenStringIsVerifiedOnItsOwn() throws Exception {
        tokens.parse("good-a", null);

        tokens.parse("good-b", null);

        assertThat(verifier.verified).containsExactly("good-a", "good-b");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverKept() {
        assertThatThrownBy(() -> tokens.parse("forged", null)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("forged", null)).isInstanceOf(ParseException.class);

        assertThat(verifier.verified).containsExactly("forged", "forged");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenPastItsExpIsVerifiedAgainAndTheVerifierDecides() throws Exception {
        tokens.parse("good-a", null);
        clock.set(NOW + 3_600_001);
        tokens.parse("good-a", null);

        assertThat(verifier.verified).containsExactly("good-a", "good-a");
    }

    @Test
    void atMostTheBoundIsKept() throws Exception {
        for (int i = 0; i < VerifiedTokens.MAX_TOKENS + 500; i++) {
            tokens.parse("good-" + i, null);
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_TOKENS);
    }
}
