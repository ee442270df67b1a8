package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tomsprov.domain.ServedChange;

/**
 * The permission-change feed consumers follow with {@code after=}. A consumer that has read past a position must
 * never find an entry appear behind it later, whatever order the changes commit in. Each entry carries the id of
 * the transaction that wrote it, and the feed's order is (transaction, sequence); a read returns only entries of
 * transactions older than every transaction still running (the snapshot's {@code xmin}): those have all ended, so
 * nothing can still be added before them. Writers take no lock and commit side by side; an entry shows once the
 * transactions that began writing before its own have ended (a long one, such as a large upload's commit, holds
 * the feed back for as long as it runs). Each entry says what moved ({@link ServedChange}).
 */
@ApplicationScoped
public class PermissionChangeRepository {

    /** The entries of the users the source (id, changes as a comma-separated text) names, in id order. */
    private static final String APPEND = """
            insert into permission_change (user_id, email, changed_at, changes)
            select u.id, u.email, now(), string_to_array(s.changes, ',')::varchar[]
            from (%s) s join app_user u on u.id = s.id order by u.id""";

    private static final String AFTER = """
            select sequence, user_id, email, changed_at, tx::text::bigint, array_to_string(changes, ',')
            from permission_change
            where (tx, sequence) > (cast(cast(?1 as text) as xid8), ?2) and tx < pg_snapshot_xmin(pg_current_snapshot())
            order by tx, sequence limit ?3""";

    /** A place in the feed: after the entries of earlier transactions, and of this one up to {@code sequence}. */
    public record Position(long transaction, long sequence) {

        /** Before every entry. */
        public static final Position START = new Position(0, 0);
    }

    /** An entry of the feed, at its place. */
    public record Entry(Position position, UUID userId, String email, OffsetDateTime changedAt,
            Set<ServedChange> changes) {

        /** The entry's own number, as consumers see it. */
        public long sequence() {
            return position.sequence();
        }
    }

    private final EntityManager em;

    PermissionChangeRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * One entry for each of these users, with their email as it stands and what moved, in the caller's transaction.
     * One user, the usual change, is bound as scalars ({@link Jdbc.AnyOf} says why).
     */
    public void append(Map<UUID, Set<ServedChange>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(changes.keySet());
        boolean one = ids.size() == 1;
        String source = one ? "select ?::uuid as id, ?::text as changes"
                : "select * from unnest(?::uuid[], ?::text[]) as s(id, changes)";
        Jdbc.update(em, APPEND.formatted(source), (c, statement) -> {
            List<String> texts = ids.stream().map(id -> text(changes.get(id))).toList();
            statement.setObject(1, one ? ids.get(0) : c.createArrayOf("uuid", ids.toArray()));
            statement.setObject(2, one ? texts.get(0) : c.createArrayOf("text", texts.toArray()));
        });
    }

    /**
     * Appends an entry saying {@code changes} for each user {@code usersQuery} (one column of ids, positional
     * parameters) yields: for changes of more users than memory should hold, written as the last step of their
     * transaction.
     */
    public void appendNow(Set<ServedChange> changes, String usersQuery, Object... parameters) {
        Jdbc.update(em, APPEND.formatted("select id, ?::text as changes from app_user where id in (" + usersQuery + ")"),
                (c, statement) -> {
                    statement.setString(1, text(changes));
                    for (int i = 0; i < parameters.length; i++) {
                        statement.setObject(i + 2, parameters[i]);
                    }
                });
    }

    /** What moved, as a comma-separated text: how a statement takes it, and how a read gives it back. */
    private static String text(Set<ServedChange> changes) {
        return String.join(",", changes.stream().map(Enum::name).toList());
    }

    /** Up to {@code limit} entries after {@code position}, in the feed's order, of transactions that have all ended. */
    public List<Entry> after(Position position, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(AFTER)
                .setParameter(1, Long.toString(position.transaction())).setParameter(2, position.sequence())
                .setParameter(3, limit).getResultList();
        return rows.stream().map(row -> new Entry(new Position(((Number) row[4]).longValue(), ((Number) row[0]).longValue()),
                (UUID) row[1], (String) row[2], Rows.time(row[3]), changes(row[5]))).toList();
    }

    /** What moved, as {@link #text} writes it. */
    private static Set<ServedChange> changes(Object text) {
        Set<ServedChange> changes = EnumSet.noneOf(ServedChange.class);
        for (String name : String.valueOf(text).split(",")) {
            changes.add(ServedChange.valueOf(name));
        }
        return changes;
    }
}
