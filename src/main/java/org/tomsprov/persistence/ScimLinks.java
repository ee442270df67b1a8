package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which people a district's identity provider has provisioned into its LEA, and its own id for each
 * ({@code externalId}): table {@code scim_link}.
 */
@ApplicationScoped
public class ScimLinks {

    private final EntityManager em;

    ScimLinks(EntityManager em) {
        this.em = em;
    }

    /** Links the person to the LEA; returns whether they were not linked before. Their externalId is kept. */
    public boolean link(long leaId, UUID userId) {
        return em.createNativeQuery("insert into scim_link (lea_id, user_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, leaId).setParameter(2, userId).executeUpdate() == 1;
    }

    /** Sets (or with null, clears) the client's id for a linked person. */
    public void externalId(long leaId, UUID userId, String externalId) {
        em.createNativeQuery("update scim_link set external_id = ?3 where lea_id = ?1 and user_id = ?2")
                .setParameter(1, leaId).setParameter(2, userId).setParameter(3, externalId).executeUpdate();
    }

    /** Unlinks; returns whether they were linked. */
    public boolean unlink(long leaId, UUID userId) {
        return em.createNativeQuery("delete from scim_link where lea_id = ?1 and user_id = ?2")
                .setParameter(1, leaId).setParameter(2, userId).executeUpdate() == 1;
    }

    public boolean linked(long leaId, UUID userId) {
        return !em.createNativeQuery("select 1 from scim_link where lea_id = ?1 and user_id = ?2")
                .setParameter(1, leaId).setParameter(2, userId).getResultList().isEmpty();
    }

    /** The person the client knows by this externalId in its LEA. */
    public Optional<UUID> byExternalId(long leaId, String externalId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select user_id from scim_link where lea_id = ?1 and external_id = ?2")
                .setParameter(1, leaId).setParameter(2, externalId).getResultList();
        return rows.stream().findFirst().map(id -> (UUID) id);
    }

    /** The client's ids of these people, where it has given one. */
    public Map<UUID, String> externalIds(long leaId, Collection<UUID> userIds) {
        Map<UUID, String> ids = new HashMap<>();
        if (userIds.isEmpty()) {
            return ids;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select user_id, external_id from scim_link
                where lea_id = :lea and user_id in (:users) and external_id is not null""")
                .setParameter("lea", leaId).setParameter("users", List.copyOf(userIds)).getResultList();
        rows.forEach(row -> ids.put((UUID) row[0], (String) row[1]));
        return ids;
    }
}
