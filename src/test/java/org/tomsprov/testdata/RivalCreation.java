package org.tomsprov.testdata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * Another transaction creating a person, caught in the act: its row (first name "Rival") is inserted and left
 * uncommitted until some other statement waits on it (PostgreSQL shows a lock wait), then committed. A creation of
 * the same email started meanwhile finds no one, and its insert then meets the committed rival.
 */
public final class RivalCreation {

    private RivalCreation() {
    }

    /** Inserts the rival on a thread of its own and returns once the row is in, uncommitted. */
    public static void begin(DataSource dataSource, String email) {
        CountDownLatch inserted = new CountDownLatch(1);
        new Thread(() -> insertAndCommitWhenWaitedOn(dataSource, email, inserted), "rival-creation").start();
        try {
            if (!inserted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the rival's insert did not happen");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void insertAndCommitWhenWaitedOn(DataSource dataSource, String email, CountDownLatch inserted) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into app_user (id, email, first_name, last_name, status, version, created_at, updated_at)
                    values (gen_random_uuid(), ?, 'Rival', 'Creation', 'ACTIVE', 0, now(), now())""")) {
                insert.setString(1, email);
                insert.executeUpdate();
            }
            inserted.countDown();
            long deadline = System.currentTimeMillis() + 10_000;
            try (PreparedStatement waiting = c.prepareStatement(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
                while (System.currentTimeMillis() < deadline) {
                    try (ResultSet rows = waiting.executeQuery()) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            break;
                        }
                    }
                    Thread.sleep(20);
                }
            }
            c.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
