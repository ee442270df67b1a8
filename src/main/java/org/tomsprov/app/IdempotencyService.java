package org.tomsprov.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.tomsprov.persistence.IdempotencyRepository;

/**
 * Idempotency keys of creating POSTs: a retry with the same key and body gets the first response again; the same
 * key with another body is a 422. Records live 24 hours and are written in the operation's own transaction, so
 * every instance sharing the database honours them.
 */
@ApplicationScoped
public class IdempotencyService {

    public static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyRepository records;
    private final ObjectMapper json;

    IdempotencyService(IdempotencyRepository records, ObjectMapper json) {
        this.records = records;
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
    public void remember(String caller, String key, String fingerprint, int status, String location, Object body) {
        if (key == null) {
            return;
        }
        try {
            records.save(caller, key, new IdempotencyRepository.Stored(fingerprint, status, location,
                    json.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
