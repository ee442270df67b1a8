package org.tomsprov.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A job's own steps may commit without waiting for the disk; nothing after them inherits that. */
@QuarkusTest
class UploadRepositoryTest {

    @Inject
    UploadRepository uploads;

    @Inject
    EntityManager em;

    /** The backend serving this transaction and whether its commit waits for the WAL flush. */
    private List<Object> session() {
        Object[] row = (Object[]) em.createNativeQuery(
                "select pg_backend_pid(), current_setting('synchronous_commit')").getSingleResult();
        return List.of(row[0], row[1]);
    }

    @AfterEach
    void resetSessions() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("reset synchronous_commit").executeUpdate());
    }

    @Test
    void aStepThatDoesNotWaitForTheDiskLeavesTheConnectionsNextTransactionWaiting() {
        // The test database runs without waiting; this connection waits, as every outside the test profile does.
        List<Object> waiting = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set synchronous_commit = on").executeUpdate();
            return session();
        });
        List<Object> step = QuarkusTransaction.requiringNew().call(() -> {
            uploads.commitWithoutWaitingForDisk();
            return session();
        });
        List<Object> next = QuarkusTransaction.requiringNew().call(this::session);

        assertEquals(List.of(waiting.get(0), "off"), step, "the step runs on the same connection, without waiting");
        assertEquals(List.of(waiting.get(0), "on"), next, "the connection's next transaction waits again");
    }
}
