package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.tomsprov.domain.UploadSummary;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.Role;

/**
 * An upload's staged rows and row errors: written chunk by chunk while the file is validated, checked across
 * rows, summarized, and read by the commit (the commit's writes are {@link GrantLedger}'s).
 */
@ApplicationScoped
public class UploadRows {

    /** A row that passed every check, ready to apply; {@code administrationYear} null for the current year. */
    public record StagedRow(int row, Email email, String firstName, String lastName, String phone, Role role,
            Place place, boolean remove, String administrationYear) {
    }

    /** A row's error as stored: the row, the column, the value as written, a code and a message. */
    public record RowError(int row, String column, String value, String code, String message) {
    }

    /** A distinct (role, organization, action, year: null for the current) of the staged rows, for re-checking rights. */
    public record Pair(Role role, long orgId, boolean remove, String administrationYear) {
    }

    private final EntityManager em;

    UploadRows(EntityManager em) {
        this.em = em;
    }

    /** Forgets the staged rows and, with {@code errorsToo}, the row errors. */
    public void clear(UUID uploadId, boolean errorsToo) {
        em.createNativeQuery("delete from upload_row where upload_id = ?1").setParameter(1, uploadId).executeUpdate();
        if (errorsToo) {
            em.createNativeQuery("delete from upload_error where upload_id = ?1").setParameter(1, uploadId).executeUpdate();
        }
    }

    /**
     * Stages good rows with {@code COPY} (the PostgreSQL JDBC {@code CopyManager}, one round trip for the chunk) and
     * records errors in a JDBC batch.
     */
    public void write(UUID uploadId, List<StagedRow> staged, List<RowError> errors) {
        em.unwrap(Session.class).doWork(connection -> {
            if (!staged.isEmpty()) {
                StringBuilder copy = new StringBuilder(staged.size() * 128);
                for (StagedRow s : staged) {
                    copy.append(uploadId).append(',').append(s.row());
                    field(copy, s.email().value());
                    field(copy, s.email().key());
                    field(copy, s.firstName());
                    field(copy, s.lastName());
                    field(copy, s.phone());
                    field(copy, s.role().id());
                    copy.append(',').append(s.place().id()).append(',');
                    if (s.place().leaId() != null) {
                        copy.append(s.place().leaId());
                    }
                    copy.append(',').append(s.remove());
                    field(copy, s.administrationYear());
                    copy.append('\n');
                }
                try {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                            COPY upload_row (upload_id, row_number, email, email_key, first_name, last_name, phone,
                                             role_id, org_id, lea_id, remove, administration_year)
                            FROM STDIN (FORMAT csv)""",
                            new StringReader(copy.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            try (PreparedStatement errs = connection.prepareStatement(
                    "insert into upload_error (upload_id, row_number, column_name, value, code, message) values (?, ?, ?, ?, ?, ?)")) {
                for (RowError e : errors) {
                    errs.setObject(1, uploadId);
                    errs.setInt(2, e.row());
                    errs.setString(3, e.column());
                    errs.setString(4, truncate(e.value(), 200));
                    errs.setString(5, e.code());
                    errs.setString(6, truncate(e.message(), 500));
                    errs.addBatch();
                }
                errs.executeBatch();
            }
        });
    }

    /** A CSV field of a COPY row, after its comma: empty for null, otherwise always quoted (so "" is not null). */
    private static void field(StringBuilder copy, String value) {
        copy.append(',');
        if (value != null) {
            copy.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }

    /**
     * The checks that need every row: one email with two different names, and the same role at the same
     * organization for the same email twice. Records their errors; returns how many rows they flagged.
     */
    public int crossRowChecks(UUID uploadId) {
        int conflicting = em.createNativeQuery("""
                insert into upload_error (upload_id, row_number, column_name, value, code, message)
                select r.upload_id, r.row_number, 'First Name', r.first_name || ' ' || r.last_name, 'CONFLICTING_NAMES',
                       'row ' || f.row_number || ' names this email ' || f.first_name || ' ' || f.last_name
                from upload_row r
                join (select distinct on (email_key) email_key, row_number, first_name, last_name
                      from upload_row where upload_id = ?1 and not remove order by email_key, row_number) f
                  on f.email_key = r.email_key
                where r.upload_id = ?1 and not r.remove
                  and (r.first_name, r.last_name) is distinct from (f.first_name, f.last_name)""")
                .setParameter(1, uploadId).executeUpdate();
        int duplicates = em.createNativeQuery("""
                insert into upload_error (upload_id, row_number, column_name, value, code, message)
                select upload_id, row_number, 'Role', role_id, 'DUPLICATE_ROW',
                       'row ' || first_row || ' has the same email, role and CDS code'
                from (select upload_id, row_number, role_id,
                             first_value(row_number) over (partition by email_key, role_id, org_id,
                                 administration_year order by row_number) first_row
                      from upload_row where upload_id = ?1) d
                where row_number <> first_row""").setParameter(1, uploadId).executeUpdate();
        return conflicting + duplicates;
    }

    /** People to create and to update, roles to grant and to remove, rows that change nothing, against {@code year}. */
    public UploadSummary count(UUID uploadId, String year) {
        Object[] r = (Object[]) em.createNativeQuery("""
                with rows as (
                  select r.email_key, r.remove, u.id as user_id,
                         exists (select 1 from role_assignment a where a.user_id = u.id and a.role_id = r.role_id
                                 and a.org_id = r.org_id and a.administration_year = coalesce(r.administration_year, ?2)) as held
                  from upload_row r left join app_user u on lower(u.email) = r.email_key
                  where r.upload_id = ?1)
                select count(distinct email_key) filter (where user_id is null and not remove),
                       count(distinct user_id) filter (where (not remove and not held) or (remove and held)),
                       count(*) filter (where not remove and not held),
                       count(*) filter (where remove and held),
                       count(*) filter (where (not remove and held) or (remove and not held))
                from rows""").setParameter(1, uploadId).setParameter(2, year).getSingleResult();
        return new UploadSummary(n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]));
    }

    /** The distinct (role, organization, action) of the staged rows. */
    public List<Pair> pairs(UUID uploadId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select distinct role_id, org_id, remove, administration_year from upload_row where upload_id = ?1")
                .setParameter(1, uploadId).getResultList();
        return rows.stream().map(r -> new Pair(Role.valueOf((String) r[0]), ((Number) r[1]).longValue(), (Boolean) r[2],
                (String) r[3])).toList();
    }

    private static int n(Object value) {
        return ((Number) value).intValue();
    }

    /** The text cut to {@code max} characters, ending in "..." when cut. */
    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
