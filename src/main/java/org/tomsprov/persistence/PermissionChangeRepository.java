package org.tomsprov.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The permission-change feed consumers follow with {@code after=}. Its sequences must become visible in commit
 * order, or a consumer polling past a row committed late would never see it: every append takes one lock that
 * serializes the feed's writers until their transaction ends. So that writers wait for each other only as long as
 * that takes, a transaction's entries are written as its last statement, just before it commits, and the lock is
 * taken there.
 */
@ApplicationScoped
public class PermissionChangeRepository implements PanacheRepositoryBase<PermissionChangeEntity, Long> {

    private static final String LOCK = "select pg_advisory_xact_lock(7340301)";

    /** The entries of the users the inner query yields, in id order. */
    private static final String APPEND = """
            insert into permission_change (user_id, email, changed_at)
            select id, email, now() from app_user where id in (%s) order by id""";

    private final TransactionSynchronizationRegistry transactions;
    private final AgroalDataSource pool;

    PermissionChangeRepository(TransactionSynchronizationRegistry transactions, AgroalDataSource pool) {
        this.transactions = transactions;
        this.pool = pool;
    }

    /**
     * These users' access changed: each gets one feed entry, with their email as the transaction leaves it, written
     * when the caller's transaction commits (nothing if it rolls back). A user changed twice in one transaction
     * gets one entry.
     */
    public void appendAtCommit(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(Pending.class, pending);
            transactions.registerInterposedSynchronization(pending);
        }
        pending.users.addAll(userIds);
    }

    /**
     * Appends an entry now for each user {@code usersQuery} (one column of ids, positional parameters) yields, and
     * holds the feed's lock until the caller's transaction ends: for changes of more users than memory should hold,
     * written as the last step of their transaction.
     */
    public void appendNow(String usersQuery, Object... parameters) {
        getEntityManager().flush();
        getEntityManager().createNativeQuery(LOCK).getSingleResult();
        var append = getEntityManager().createNativeQuery(APPEND.formatted(usersQuery));
        for (int i = 0; i < parameters.length; i++) {
            append.setParameter(i + 1, parameters[i]);
        }
        append.executeUpdate();
    }

    public List<PermissionChangeEntity> after(long sequence, int limit) {
        return find("sequence > ?1 order by sequence", sequence).page(0, limit).list();
    }

    /** The entries a transaction owes, written by its last statement. */
    private final class Pending implements Synchronization {
        final Set<UUID> users = new LinkedHashSet<>();

        @Override
        public void beforeCompletion() {
            if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
                return;
            }
            try (Connection c = pool.getConnection();
                 PreparedStatement lock = c.prepareStatement(LOCK);
                 PreparedStatement append = c.prepareStatement(APPEND.formatted("select unnest(?::uuid[])"))) {
                lock.execute();
                append.setArray(1, c.createArrayOf("uuid", users.toArray()));
                append.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("writing the permission-change feed failed", e);
            }
        }

        @Override
        public void afterCompletion(int status) {
        }
    }
}
