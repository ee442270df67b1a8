package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UploadRepository implements PanacheRepositoryBase<UploadEntity, UUID> {

    /**
     * Claims the oldest upload that needs work (validation or commit) and that no live instance holds: unclaimed,
     * or whose holder stopped sending heartbeats. {@code SKIP LOCKED} lets replicas claim side by side.
     */
    public Optional<UUID> claim(String worker, int staleSeconds) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("""
                update upload set claimed_by = ?1, heartbeat_at = now()
                where id = (select id from upload
                            where status in ('RECEIVED', 'VALIDATING', 'COMMITTING')
                              and (claimed_by is null or heartbeat_at < now() - make_interval(secs => ?2))
                            order by created_at
                            for update skip locked
                            limit 1)
                returning id""").setParameter(1, worker).setParameter(2, staleSeconds).getResultList();
        return ids.stream().findFirst();
    }

    /** The job is done with for now: another claim may take it if it still needs work. */
    public void release(UUID id, String worker) {
        getEntityManager().createNativeQuery("update upload set claimed_by = null where id = ?1 and claimed_by = ?2")
                .setParameter(1, id).setParameter(2, worker).executeUpdate();
    }

    /**
     * Ends a job that cannot go on; a commit that failed left nothing behind, its transaction rolled back. The
     * detail is cut to the column's 500 characters.
     */
    public void fail(UUID id, String code, String detail) {
        getEntityManager().createNativeQuery("""
                update upload set status = 'FAILED', problem_code = ?2, problem_detail = ?3, finished_at = now()
                where id = ?1 and status in ('RECEIVED', 'VALIDATING', 'COMMITTING')""")
                .setParameter(1, id).setParameter(2, code).setParameter(3, UploadRows.truncate(detail, 500)).executeUpdate();
    }

    /** Progress and heartbeat, written by the job's own short transactions. */
    public void progress(UUID id, int processed, int total) {
        getEntityManager().createNativeQuery(
                "update upload set processed_rows = ?2, total_rows = greatest(total_rows, ?3), heartbeat_at = now() where id = ?1")
                .setParameter(1, id).setParameter(2, processed).setParameter(3, total).executeUpdate();
    }

    /** One row error of an upload, as stored. */
    public record ErrorRow(int row, String column, String value, String code, String message) {
    }

    /** The row errors of an upload, by row and column. */
    public List<ErrorRow> errors(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select row_number, column_name, value, code, message from upload_error
                where upload_id = ?1 order by row_number, column_name""").setParameter(1, id).getResultList();
        return rows.stream().map(r -> new ErrorRow(((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4])).toList();
    }

    /** The upload, locked for this transaction and read afresh: two commits of one upload run one after the other. */
    public UploadEntity lockForUpdate(UploadEntity upload) {
        getEntityManager().lock(upload, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        getEntityManager().refresh(upload);
        return upload;
    }

    /** Validated uploads left uncommitted for a day expire. */
    public int expireStale() {
        return getEntityManager().createNativeQuery("""
                update upload set status = 'EXPIRED', finished_at = now(), content = null
                where status = 'VALIDATED' and validated_at < now() - interval '24 hours'""").executeUpdate();
    }
}
