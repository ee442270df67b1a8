package org.tomsprov.persistence;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers of new people and role assignments: UUID version 7 (RFC 9562), the Unix time in milliseconds in the
 * first 48 bits and 74 random bits after, so ids written together sort together (see migration V10, whose
 * {@code uuid_v7()} makes the same shape inside set-based statements). They are as hard to guess as random ids;
 * they reveal when the row was created, which the API shows anyway.
 */
final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    static UUID next() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long msb = System.currentTimeMillis() << 16 | 0x7000L | (random[0] & 0x0fL) << 8 | (random[1] & 0xffL);
        long lsb = 0;
        for (int i = 2; i < 10; i++) {
            lsb = lsb << 8 | (random[i] & 0xffL);
        }
        return new UUID(msb, lsb & 0x3fffffffffffffffL | 0x8000000000000000L);
    }
}
