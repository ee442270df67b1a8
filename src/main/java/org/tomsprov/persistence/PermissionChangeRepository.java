package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

@ApplicationScoped
public class PermissionChangeRepository implements PanacheRepositoryBase<PermissionChangeEntity, Long> {

    /**
     * Serializes the feed's writers until the transaction ends, so sequences become visible in commit order and a
     * consumer polling with {@code after=} never skips a row committed late. Every append takes it first.
     */
    public void lockForAppend() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(7340301)").getSingleResult();
    }

    /** Appends a change of one user's access that is no change of roles (status, email). */
    public void append(java.util.UUID userId, String email) {
        lockForAppend();
        PermissionChangeEntity change = new PermissionChangeEntity();
        change.userId = userId;
        change.email = email;
        change.changedAt = OffsetDateTime.now();
        persist(change);
    }

    public List<PermissionChangeEntity> after(long sequence, int limit) {
        return find("sequence > ?1 order by sequence", sequence).page(0, limit).list();
    }
}
