package org.tomsprov.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The permission-change feed consumers follow with {@code after=}. A consumer that has read past a position must
 * never find an entry appear behind it later, whatever order the changes commit in. Each entry carries the id of
 * the transaction that wrote it, and the feed's order is (transaction, sequence); a read returns only entries of
 * transactions older than every transaction still running (the snapshot's {@code xmin}): those have all ended, so
 * nothing can still be added before them. Writers take no lock and commit side by side; an entry shows once the
 * transactions that began writing before its own have ended (a long one, such as a large upload's commit, holds
 * the feed back for as long as it runs). A transaction's entries are written just before it commits, one per user.
 */
@ApplicationScoped
public class PermissionChangeRepository {

    /** The entries of the users the condition selects, in id order; {@code tx} is the writer's, by default. */
    private static final String APPEND = """
            insert into permission_change (user_id, email, changed_at)
            select id, email, now() from app_user where %s order by id""";

    private static final String AFTER = """
            select sequence, user_id, email, changed_at, tx::text::bigint from permission_change
            where (tx, sequence) > (cast(cast(?1 as text) as xid8), ?2) and tx < pg_snapshot_xmin(pg_current_snapshot())
            order by tx, sequence limit ?3""";

    /** A place in the feed: after the entries of earlier transactions, and of this one up to {@code sequence}. */
    public record Position(long transaction, long sequence) {

        /** Before every entry. */
        public static final Position START = new Position(0, 0);
    }

    /** An entry of the feed, at its place. */
    public record Entry(Position position, UUID userId, String email, OffsetDateTime changedAt) {

        /** The entry's own number, as consumers see it. */
        public long sequence() {
            return position.sequence();
        }
    }

    private final TransactionSynchronizationRegistry transactions;
    private final AgroalDataSource pool;
    private final EntityManager em;

    PermissionChangeRepository(TransactionSynchronizationRegistry transactions, AgroalDataSource pool,
            EntityManager em) {
        this.transactions = transactions;
        this.pool = pool;
        this.em = em;
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
     * Appends an entry now for each user {@code usersQuery} (one column of ids, positional parameters) yields: for
     * changes of more users than memory should hold, written as the last step of their transaction.
     */
    public void appendNow(String usersQuery, Object... parameters) {
        em.flush();
        var append = em.createNativeQuery(APPEND.formatted("id in (" + usersQuery + ")"));
        for (int i = 0; i < parameters.length; i++) {
            append.setParameter(i + 1, parameters[i]);
        }
        append.executeUpdate();
    }

    /** Up to {@code limit} entries after {@code position}, in the feed's order, of transactions that have all ended. */
    public List<Entry> after(Position position, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(AFTER)
                .setParameter(1, Long.toString(position.transaction())).setParameter(2, position.sequence())
                .setParameter(3, limit).getResultList();
        return rows.stream().map(row -> new Entry(new Position(((Number) row[4]).longValue(), ((Number) row[0]).longValue()),
                (UUID) row[1], (String) row[2], Rows.time(row[3]))).toList();
    }

    /** The entries a transaction owes, written by its last statement. */
    private final class Pending implements Synchronization {
        final Set<UUID> users = new LinkedHashSet<>();

        @Override
        public void beforeCompletion() {
            if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
                return;
            }
            Jdbc.AnyOf ids = new Jdbc.AnyOf("id", "uuid", users.toArray());
            try (Connection c = pool.getConnection();
                 PreparedStatement append = c.prepareStatement(APPEND.formatted(ids.sql()))) {
                ids.bind(c, append, 1);
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
