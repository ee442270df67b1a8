package org.tomsprov.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.RollbackException;

import java.sql.SQLException;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

/** How failures the database causes reach a client: retryable 503s, conflicts as 409, never a 500 for an outage. */
class ProblemMappersTest {

    final ProblemMappers mappers = new ProblemMappers(null, null);

    @Test
    void aLostConnectionAttachedToACommitAsSuppressedIsA503() {
        RuntimeException commit = new IllegalStateException("commit failed");
        commit.addSuppressed(new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        assertThat(ProblemMappers.databaseUnavailable(commit)).isTrue();
        assertThat(mappers.unexpected(commit).getStatus()).isEqualTo(503);
        assertThat(mappers.unexpected(commit).getHeaderString("Retry-After")).isEqualTo("5");
    }

    @Test
    void aTransactionRolledBackAtCommitIsA503AndAConflictUnderItStaysA409() {
        assertThat(mappers.unexpected(new RuntimeException(new RollbackException("ARJUNA016053"))).getStatus())
                .isEqualTo(503);
        RollbackException conflict = new RollbackException("rolled back");
        conflict.initCause(new ConstraintViolationException("duplicate", new SQLException("dup", "23505"), "uk"));
        assertThat(mappers.unexpected(conflict).getStatus()).isEqualTo(409);
    }

    @Test
    void anythingElseIsA500() {
        assertThat(mappers.unexpected(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
    }
}
