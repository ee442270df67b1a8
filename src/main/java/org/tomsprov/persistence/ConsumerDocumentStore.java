package org.tomsprov.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.Session;

/**
 * The consumer documents: per consumer and user, the body that consumer pulls, already rendered. Reads go straight
 * to the pool (no session, no transaction): a pull is one index lookup. Writes join the caller's transaction, the
 * one that made the change.
 */
@ApplicationScoped
public class ConsumerDocumentStore {

    /** A document to write; {@code aspects} are the digests of its parts ({@code ServedChange.Aspects#text}). */
    public record Document(String consumer, UUID userId, String emailKey, String administrationYear, String version,
            String body, String aspects) {
    }

    /**
     * A document a write replaced with a different body: the aspects it had (null when there was none, or it was
     * written before aspects were kept) and has.
     */
    public record Rewritten(UUID userId, String aspectsBefore, String aspectsNow) {
    }

    /** A document as read. */
    public record Stored(String emailKey, String version, String body) {
    }

    /**
     * Documents of the current year only: the calendar's, or the year given. One user is read with {@code = ?}:
     * binding an array and planning {@code = any(?)} made the single pull's statement about twice as costly.
     */
    private static final String READ = """
            select email_key, version, body from consumer_document
            where consumer = ? and email_key %s
              and administration_year = coalesce(?, (select current_year from administration_calendar))""";
    private static final String READ_ONE = READ.formatted("= ?");
    private static final String READ_MANY = READ.formatted("= any(?)");

    private static final String UPSERT = """
            insert into consumer_document as d (consumer, user_id, email_key, administration_year, version, body, aspects)
            %s
            on conflict (consumer, user_id) do update
            set email_key = excluded.email_key, administration_year = excluded.administration_year,
                version = excluded.version, body = excluded.body, aspects = excluded.aspects
            where %s""";

    /**
     * A document written by a reader that found none (or one of another year) keeps whatever a change has written
     * since: it only fills in the missing and replaces another year's.
     */
    private static final String FILL = UPSERT.formatted("values (?, ?, ?, ?, ?, ?, ?)",
            "d.administration_year <> excluded.administration_year");

    /**
     * A change's documents, each written only where it differs from the stored one (the same body of the same year
     * is the same document: its version is the body's digest); answers each replaced body with the aspects it had,
     * read from the statement's snapshot (a document a reader stored meanwhile counts as none).
     */
    private static final String REWRITE = """
            with incoming as (
              select * from unnest(?::varchar[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[],
                                   ?::varchar[])
                as i(consumer, user_id, email_key, administration_year, version, body, aspects)),
            before as (
              select d.consumer, d.user_id, d.version, d.aspects from consumer_document d
              join incoming i on i.consumer = d.consumer and i.user_id = d.user_id),
            written as (%s returning d.consumer, d.user_id, d.version, d.aspects)
            select w.user_id, b.aspects, w.aspects from written w
            left join before b on b.consumer = w.consumer and b.user_id = w.user_id
            where b.version is distinct from w.version""".formatted(UPSERT.formatted(
            "select consumer, user_id, email_key, administration_year, version, body, aspects from incoming",
            """
            d.version <> excluded.version or d.administration_year <> excluded.administration_year
                or d.aspects is distinct from excluded.aspects"""));

    private final AgroalDataSource pool;
    private final EntityManager em;

    ConsumerDocumentStore(AgroalDataSource pool, EntityManager em) {
        this.pool = pool;
        this.em = em;
    }

    /**
     * This consumer's documents of the current year (the calendar's, or {@code year} when given) of the users with
     * these email keys, by key; keys without one are absent.
     */
    public Map<String, Stored> find(String consumer, Collection<String> emailKeys, String year) {
        try (Reader reader = reader()) {
            return reader.find(consumer, emailKeys, year);
        }
    }

    /** Reads of documents over one connection of the pool, borrowed until the reader is closed. */
    public interface Reader extends AutoCloseable {

        /** As {@link ConsumerDocumentStore#find}, each call one statement that sees what was committed before it. */
        Map<String, Stored> find(String consumer, Collection<String> emailKeys, String year);

        @Override
        void close();
    }

    /** A reader over a connection borrowed now (and validated, as every borrow is). */
    public Reader reader() {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw failed(e);
        }
        return new Reader() {
            @Override
            public Map<String, Stored> find(String consumer, Collection<String> emailKeys, String year) {
                return read(c, consumer, emailKeys, year);
            }

            @Override
            public void close() {
                try {
                    c.close();
                } catch (SQLException e) {
                    throw failed(e);
                }
            }
        };
    }

    private static Map<String, Stored> read(Connection c, String consumer, Collection<String> emailKeys, String year) {
        boolean one = emailKeys.size() == 1;
        try (PreparedStatement statement = c.prepareStatement(one ? READ_ONE : READ_MANY)) {
            statement.setString(1, consumer);
            if (one) {
                statement.setString(2, emailKeys.iterator().next());
            } else {
                statement.setArray(2, c.createArrayOf("varchar", emailKeys.toArray()));
            }
            statement.setString(3, year);
            Map<String, Stored> found = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Stored stored = new Stored(rows.getString(1), rows.getString(2), rows.getString(3));
                    found.put(stored.emailKey(), stored);
                }
            }
            return found;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("reading consumer documents failed", e);
    }

    /**
     * Writes these documents in the caller's transaction where they differ from what each user had; returns those
     * whose body changed (a document of another year, or without aspects, is rewritten even when its body is the
     * same, and not returned).
     */
    public List<Rewritten> write(List<Document> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        em.flush();
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement statement = c.prepareStatement(REWRITE)) {
                statement.setArray(1, c.createArrayOf("varchar", documents.stream().map(Document::consumer).toArray()));
                statement.setArray(2, c.createArrayOf("uuid", documents.stream().map(Document::userId).toArray()));
                statement.setArray(3, c.createArrayOf("varchar", documents.stream().map(Document::emailKey).toArray()));
                statement.setArray(4, c.createArrayOf("varchar",
                        documents.stream().map(Document::administrationYear).toArray()));
                statement.setArray(5, c.createArrayOf("varchar", documents.stream().map(Document::version).toArray()));
                statement.setArray(6, c.createArrayOf("text", documents.stream().map(Document::body).toArray()));
                statement.setArray(7, c.createArrayOf("varchar", documents.stream().map(Document::aspects).toArray()));
                List<Rewritten> rewritten = new java.util.ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rewritten.add(new Rewritten(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3)));
                    }
                }
                return rewritten;
            }
        });
    }

    /**
     * Holds, until the transaction ends, what lets this transaction render organizations into documents: shared
     * with other changes, or alone for a change of the organizations themselves (which waits for the changes
     * rendering now to commit, and makes the next ones wait for it). Taken right before rendering, after the
     * transaction's other writes, so that no holder waits for a row another holder has locked before it.
     */
    public void holdOrganizations(boolean alone) {
        if (alone) {
            AdvisoryLocks.hold(em, AdvisoryLocks.Held.RENDERED_ORGANIZATIONS);
        } else {
            AdvisoryLocks.holdShared(em, AdvisoryLocks.Held.RENDERED_ORGANIZATIONS);
        }
    }

    /** Writes these documents where a user has none, or one of another year; never over a change's. */
    public void fill(List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement statement = c.prepareStatement(FILL)) {
                for (Document d : documents) {
                    statement.setString(1, d.consumer());
                    statement.setObject(2, d.userId());
                    statement.setString(3, d.emailKey());
                    statement.setString(4, d.administrationYear());
                    statement.setString(5, d.version());
                    statement.setString(6, d.body());
                    statement.setString(7, d.aspects());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }
}
