package org.tomsprov.app.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.tomsprov.app.Cursors;
import org.tomsprov.domain.RdwScope;
import org.tomsprov.domain.ReportingPermission;
import org.tomsprov.persistence.PermissionChangeEntity;
import org.tomsprov.persistence.PermissionChangeRepository;

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
            List.of("getCersPermissions", "listPermissionChanges"));

    /** One RDW reporting permission and its scope, as RDW derives it from the user's tenancy chains. */
    public record RdwPermission(ReportingPermission id, RdwScope scope) {
    }

    /**
     * What CERS reads: the RDW reporting permissions, and the tenancy chains they come from, as a list and joined
     * into the {@code sbacTenancyChain} attribute value RDW parses.
     */
    public record CersPermissions(String email, Map<String, RdwPermission> permissionsById,
            List<String> tenancyChains, String sbacTenancyChain, String version) {
    }

    /** A user whose effective permissions changed. */
    public record PermissionChange(long sequence, UUID userId, String email, OffsetDateTime changedAt) {
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

    @Transactional
    public CersPermissions permissions(String email) {
        PermissionCache.Entry entry = pulls.pull(CONSUMER, email);
        Map<String, RdwPermission> byId = new TreeMap<>();
        entry.permissions().reportingPermissions().forEach((permission, scope) ->
                byId.put(permission.name(), new RdwPermission(permission, scope)));
        return new CersPermissions(entry.email(), byId, entry.permissions().tenancyChains(),
                entry.permissions().sbacTenancyChain(), entry.version());
    }

    @Transactional
    public ChangeFeed changes(String after, Integer limit) {
        pulls.authorize(CONSUMER);
        int size = Cursors.limit(limit);
        long position = Cursors.decodeSequence(after, "seq:");
        List<PermissionChangeEntity> rows = changes.after(position, size);
        List<PermissionChange> items = rows.stream()
                .map(c -> new PermissionChange(c.sequence, c.userId, c.email, c.changedAt)).toList();
        long next = rows.isEmpty() ? position : rows.get(rows.size() - 1).sequence;
        return new ChangeFeed(items, Cursors.encode("seq:" + next));
    }
}
