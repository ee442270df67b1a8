package org.tomsprov.app.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.tomsprov.app.Cursors;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.RdwScope;
import org.tomsprov.domain.ReportingPermission;
import org.tomsprov.domain.ServedChange;
import org.tomsprov.persistence.PermissionChangeRepository;
import org.tomsprov.persistence.PermissionChangeRepository.Entry;
import org.tomsprov.persistence.PermissionChangeRepository.Position;

/**
 * CERS, the California Educator Reporting System: it pulls a user's RDW reporting permissions exactly as RDW
 * derives them, with the tenancy chains they come from, and follows the feed of users whose permissions changed.
 */
@ApplicationScoped
public class CersPulls {

    public static final Consumer CONSUMER = new Consumer("cers-service", "CERS",
            "What the California Educator Reporting System pulls (cers-service tokens)",
            "cers.yaml", "TOMS provisioning API for CERS",
            "What the California Educator Reporting System pulls: a user's RDW reporting permissions, the feed of"
                    + " users whose permissions changed, and the role and permission catalogs. Call with a bearer"
                    + " token whose groups claim holds cers-service.",
            List.of("getCersPermissions", "getCersPermissionsOfMany", "listPermissionChanges"));

    /** The most users one batch pull asks for. */
    public static final int MAX_BATCH = 500;

    /** One RDW reporting permission and its scope, as RDW derives it from the user's tenancy chains. */
    public record RdwPermission(ReportingPermission id, RdwScope scope) {
    }

    /**
     * What CERS reads: the RDW reporting permissions, and the tenancy chains they come from, as a list and joined
     * into the {@code sbacTenancyChain} attribute value RDW parses.
     */
    public record CersPermissions(String email, Map<String, RdwPermission> permissionsById,
            List<String> tenancyChains, String sbacTenancyChain) {
    }

    /** The documents of many users, in the order asked, and the emails no user has. */
    public record Batch(List<String> items, List<String> notFound) {
    }

    /** A user whose served documents changed, and what moved in them. */
    public record PermissionChange(long sequence, UUID userId, String email, OffsetDateTime changedAt,
            Set<ServedChange> changes) {
    }

    /** A page of the feed; {@code nextCursor} is always the position to poll after. */
    public record ChangeFeed(List<PermissionChange> items, String nextCursor) {
    }

    private final PermissionPulls pulls;
    private final PermissionChangeRepository changes;

    CersPulls(PermissionPulls pulls, PermissionChangeRepository changes) {
        this.pulls = pulls;
        this.changes = changes;
    }

    /** A user's CERS document, once read (see {@link PermissionPulls#pull}). */
    public CompletionStage<Pulled> permissions(String email) {
        return pulls.pull(CONSUMER, email);
    }

    /** Up to {@value #MAX_BATCH} users' documents at once, for a nightly sync; an email asked twice is answered once. */
    public Batch permissions(List<Email> emails) {
        Map<String, Pulled> found = pulls.pullAll(CONSUMER, emails);
        List<String> notFound = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Email email : emails) {
            if (seen.add(email.key()) && !found.containsKey(email.key())) {
                notFound.add(email.value());
            }
        }
        return new Batch(found.values().stream().map(Pulled::body).toList(), notFound);
    }

    /** What CERS reads of a user. */
    static CersPermissions view(ConsumerDocuments.Resolved user) {
        Map<String, RdwPermission> byId = new TreeMap<>();
        user.permissions().reportingPermissions().forEach((permission, scope) ->
                byId.put(permission.name(), new RdwPermission(permission, scope)));
        return new CersPermissions(user.email(), byId, user.permissions().tenancyChains(),
                user.permissions().sbacTenancyChain());
    }

    @Transactional
    public ChangeFeed changes(String after, Integer limit) {
        pulls.authorize(CONSUMER);
        int size = Cursors.limit(limit);
        Position position = position(after);
        List<Entry> rows = changes.after(position, size);
        List<PermissionChange> items = rows.stream()
                .map(c -> new PermissionChange(c.sequence(), c.userId(), c.email(), c.changedAt(), c.changes()))
                .toList();
        Position next = rows.isEmpty() ? position : rows.get(rows.size() - 1).position();
        return new ChangeFeed(items, Cursors.encode(FEED + next.transaction() + "." + next.sequence()));
    }

    private static final String FEED = "seq:";

    /**
     * The place a feed cursor names: {@code seq:TRANSACTION.SEQUENCE}, or {@code seq:SEQUENCE} as cursors were before
     * entries carried their transaction (every such entry sorts before the later ones), or the start for none.
     */
    private static Position position(String cursor) {
        String text = Cursors.decode(cursor, FEED);
        if (text == null) {
            return Position.START;
        }
        int dot = text.indexOf('.');
        return dot < 0 ? new Position(0, Cursors.number(text))
                : new Position(Cursors.number(text.substring(0, dot)), Cursors.number(text.substring(dot + 1)));
    }
}
