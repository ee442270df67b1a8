package org.tomsprov.persistence;

import jakarta.persistence.EntityManager;

/**
 * PostgreSQL advisory locks held until the transaction ends: one number per kind of thing held, all of them here so
 * no two kinds share one. A kind with a key takes the two-number form, its number and the key's hash, apart from
 * every one-number lock; two keys wait for each other only when their hashes agree.
 */
final class AdvisoryLocks {

    /** What a lock holds. */
    enum Held {
        /** The start-up data, across replicas starting together. */
        STARTUP(7340302),
        /** An email whose person is being looked up and perhaps created, or given to someone. */
        EMAIL(7340303),
        /** One caller's idempotency key, from the lookup of its record to the commit of its action. */
        IDEMPOTENCY_KEY(7340304),
        /**
         * The organizations' names, places and statuses as consumer documents render them: shared by every
         * transaction while it renders and writes documents, held alone by a change of organizations from the moment
         * it looks for the people it affects until it commits.
         */
        RENDERED_ORGANIZATIONS(7340305),
        /** The grants and revocations made after every migration, across replicas migrating together. */
        MIGRATION_GRANTS(7340306);

        private final int number;

        Held(int number) {
            this.number = number;
        }
    }

    private AdvisoryLocks() {
    }

    /** Waits for, then holds, the lock of this kind. */
    static void hold(EntityManager em, Held what) {
        Jdbc.query(em, "select 1 from (select pg_advisory_xact_lock(?)) l",
                (c, statement) -> statement.setLong(1, what.number), row -> { });
    }

    /** Waits for, then holds, the lock of this kind shared with other holders of it shared. */
    static void holdShared(EntityManager em, Held what) {
        Jdbc.query(em, "select 1 from (select pg_advisory_xact_lock_shared(?)) l",
                (c, statement) -> statement.setLong(1, what.number), row -> { });
    }

    /** Waits for, then holds, the lock of this kind and key. */
    static void hold(EntityManager em, Held what, String key) {
        Jdbc.query(em, "select 1 from (select pg_advisory_xact_lock(?, hashtext(?))) l", (c, statement) -> {
            statement.setInt(1, what.number);
            statement.setString(2, key);
        }, row -> { });
    }
}
