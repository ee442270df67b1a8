package org.tomsprov.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency keys of creating POSTs: a retry with the same key and body gets the first response again; the same
 * key with another body is a 422. Records live 24 hours and are written in the operation's own transaction, so
 * every instance sharing the database honours them.
 */
@ApplicationScoped
public class IdempotencyService {

    public static final int MAX_KEY_LENGTH = 200;

    private final EntityManager em;
    private final ObjectMapper json;

    IdempotencyService(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** A response as first given: status, Location (or null) and JSON body. */
    public record StoredResponse(int status, String location, String body) {
    }

    /**
     * Runs a creating action once per key: a retry with the same key and request gets the first outcome again, the
     * same key with another request is a 422; without a key the action simply runs. Call in a transaction.
     */
    public Outcome once(String caller, String key, String target, Object request, java.util.function.Supplier<Outcome> action) {
        String fingerprint = fingerprint(target, request);
        Optional<StoredResponse> replay = replay(caller, key, fingerprint);
        if (replay.isPresent()) {
            return new Outcome(replay.get().status(), replay.get().location(), replay.get().body(), null);
        }
        Outcome outcome = action.get();
        remember(caller, key, fingerprint, outcome.status(), outcome.location(), outcome.body());
        return outcome;
    }

    /** The fingerprint of a request: what it targets and its content. */
    public String fingerprint(String target, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((target + "\n" + json.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The earlier response to this key, if any within 24 hours; 422 when the key came with another request. */
    public Optional<StoredResponse> replay(String caller, String key, String fingerprint) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.validation(List.of(new org.tomsprov.domain.Violation("Idempotency-Key",
                    "INVALID_IDEMPOTENCY_KEY", "an Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select request_hash, status, location, body from idempotency_record
                where caller = ?1 and key = ?2 and created_at > now() - interval '24 hours'""")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!fingerprint.equals(row[0])) {
            throw ProblemException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was used with a different request");
        }
        return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]));
    }

    /** Remembers the response to this key, in the current transaction. */
    public void remember(String caller, String key, String fingerprint, int status, String location, Object body) {
        if (key == null) {
            return;
        }
        try {
            em.createNativeQuery("delete from idempotency_record where caller = ?1 and key = ?2")
                    .setParameter(1, caller).setParameter(2, key).executeUpdate();
            em.createNativeQuery("""
                    insert into idempotency_record (caller, key, request_hash, status, location, body)
                    values (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint)
                    .setParameter(4, status).setParameter(5, location).setParameter(6, json.writeValueAsString(body))
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
