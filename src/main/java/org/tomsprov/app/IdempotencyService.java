package org.tomsprov.app;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.IdempotencyRepository;

/**
 * The records behind idempotency keys: per caller and key, the fingerprint of the request and the first response
 * as it was given. Records live 24 hours and are written in the operation's own transaction.
 */
@ApplicationScoped
public class IdempotencyService {

    public static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyRepository records;

    IdempotencyService(IdempotencyRepository records) {
        this.records = records;
    }

    /** A response as first given: status, Location (or null) and JSON body. */
    public record StoredResponse(int status, String location, String body) {
    }

    /**
     * The earlier response to this key, if any within 24 hours; 422 when the key came with another request. The key
     * stays held until the transaction ends, so the same key sent twice at once runs the action once: the second
     * request waits, then gets the first's response (or its 422).
     */
    public Optional<StoredResponse> replay(String caller, String key, String fingerprint) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.validation(List.of(new Violation("Idempotency-Key",
                    "INVALID_IDEMPOTENCY_KEY", "an Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        records.claim(caller, key);
        Optional<IdempotencyRepository.Stored> stored = records.find(caller, key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!fingerprint.equals(stored.get().requestHash())) {
            throw ProblemException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was used with a different request");
        }
        return Optional.of(new StoredResponse(stored.get().status(), stored.get().location(), stored.get().body()));
    }

    /** Remembers the response to this key, in the current transaction. */
    public void remember(String caller, String key, String fingerprint, StoredResponse response) {
        records.save(caller, key, new IdempotencyRepository.Stored(fingerprint, response.status(), response.location(),
                response.body()));
    }
}
