package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/** Idempotency keys of creating POSTs and the first response to each, kept 24 hours. */
@ApplicationScoped
public class IdempotencyRepository {

    /** The first response given to a key, with the fingerprint of the request that got it. */
    public record Stored(String requestHash, int status, String location, String body) {
    }

    private final EntityManager em;

    IdempotencyRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Holds this caller's key until the transaction ends: a second request with the same key waits for the first
     * to commit or roll back, then finds its record (or none), instead of running the action a second time.
     */
    public void claim(String caller, String key) {
        AdvisoryLocks.hold(em, AdvisoryLocks.Held.IDEMPOTENCY_KEY, caller + " " + key);
    }

    public Optional<Stored> find(String caller, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select request_hash, status, location, body from idempotency_record
                where caller = ?1 and key = ?2 and created_at > now() - interval '24 hours'""")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(r -> new Stored((String) r[0], ((Number) r[1]).intValue(), (String) r[2],
                (String) r[3]));
    }

    /** Stores the response to a key, replacing an expired record of the same key, in the caller's transaction. */
    public void save(String caller, String key, Stored response) {
        em.createNativeQuery("""
                delete from idempotency_record
                where caller = ?1 and key = ?2 and created_at <= now() - interval '24 hours'""")
                .setParameter(1, caller).setParameter(2, key).executeUpdate();
        em.createNativeQuery("""
                insert into idempotency_record (caller, key, request_hash, status, location, body)
                values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, response.requestHash())
                .setParameter(4, response.status()).setParameter(5, response.location()).setParameter(6, response.body())
                .executeUpdate();
    }
}
