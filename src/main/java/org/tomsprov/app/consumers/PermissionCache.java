package org.tomsprov.app.consumers;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

import org.apache.commons.codec.digest.DigestUtils;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

import org.tomsprov.domain.Email;
import org.tomsprov.domain.EffectivePermissions;
import org.tomsprov.persistence.PermissionChangeEntity;
import org.tomsprov.persistence.PermissionChangeRepository;

/**
 * Effective permissions of recently pulled users, kept correct by the permission-change feed: every grant,
 * revocation, status or email change appends to the feed in its own transaction, so before answering from memory
 * the cache reads the feed's head (one index lookup) and drops every user that changed since it last looked, on
 * whichever replica the change happened. Organization names inside tenancy chains may lag by at most
 * {@link #MAX_AGE}.
 */
@ApplicationScoped
public class PermissionCache {

    static final Duration MAX_AGE = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 200_000;

    /**
     * A user's permissions as computed at a feed position. {@code version} changes exactly when what a consumer
     * reads changes (the email, the status, any chain): it is their digest, and the pulls' ETag.
     */
    public record Entry(UUID userId, String email, EffectivePermissions permissions, String version) {

        static Entry of(UUID userId, String email, EffectivePermissions permissions) {
            String version = DigestUtils.sha256Hex(email + "\n" + permissions.status() + "\n"
                    + permissions.sbacTenancyChain()).substring(0, 32);
            return new Entry(userId, email, permissions, version);
        }
    }

    private final PermissionChangeRepository changes;
    /** Bounded, least recently used first out; an entry lives {@link #MAX_AGE} at most (organization renames). */
    private final Cache<String, Entry> byEmail = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterWrite(MAX_AGE).build();
    private final Cache<UUID, String> emailOf = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterWrite(MAX_AGE).build();
    private long seen;

    PermissionCache(PermissionChangeRepository changes) {
        this.changes = changes;
    }

    /**
     * The entries for these emails, by email key: the cached ones, and the rest from {@code loader} in one call
     * (it answers by email key, leaving out emails no user has). Call inside a transaction.
     */
    public Map<String, Entry> getAll(Collection<Email> emails, Function<List<Email>, Map<String, Entry>> loader) {
        long position = catchUp();
        Map<String, Entry> found = new HashMap<>();
        List<Email> missing = new ArrayList<>();
        for (Email email : emails) {
            Entry hit = byEmail.getIfPresent(email.key());
            if (hit != null) {
                found.put(email.key(), hit);
            } else {
                missing.add(email);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        Map<String, Entry> loaded = loader.apply(missing);
        found.putAll(loaded);
        synchronized (this) {
            // a change seen while loading may not be in what was loaded: then it is not kept
            if (seen == position) {
                loaded.forEach((key, entry) -> {
                    byEmail.put(key, entry);
                    String previous = emailOf.asMap().put(entry.userId(), key);
                    if (previous != null && !previous.equals(key)) {
                        byEmail.invalidate(previous);
                    }
                });
            }
        }
        return found;
    }

    /** Drops the users that changed since the last look at the feed; returns the feed position now reflected. */
    private long catchUp() {
        long head = changes.head();
        synchronized (this) {
            if (head > seen) {
                if (head - seen > 10_000) {
                    // a batch this large (an upload, a rollover) touches more users than are worth reading one by one
                    byEmail.invalidateAll();
                    emailOf.invalidateAll();
                } else {
                    for (PermissionChangeEntity change : changes.after(seen, (int) (head - seen))) {
                        String key = emailOf.asMap().remove(change.userId);
                        if (key != null) {
                            byEmail.invalidate(key);
                        }
                        byEmail.invalidate(Email.keyOf(change.email));
                    }
                }
                seen = head;
            }
            return seen;
        }
    }
}
