package org.tomsprov.app.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.CersPermission;
import org.tomsprov.domain.PermissionResolver;
import org.tomsprov.domain.RdwScope;
import org.tomsprov.domain.ReportingPermission;
import org.tomsprov.persistence.GrantQueries;
import org.tomsprov.persistence.PermissionChangeEntity;
import org.tomsprov.persistence.PermissionChangeRepository;
import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Cursors;
import org.tomsprov.app.Metrics;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.identity.CallerContext;

/** What CERS and Tools for Teachers pull: effective permissions by email, access checks, and the change feed. */
@ApplicationScoped
public class ConsumerService {

    /** One RDW reporting permission and its scope, as RDW derives it from the user's tenancy chains. */
    public record RdwPermission(ReportingPermission id, RdwScope scope) {
    }

    /**
     * What CERS reads: the RDW reporting permissions, and the tenancy chains they come from, as a list and joined
     * into the {@code sbacTenancyChain} attribute value RDW parses.
     */
    public record CersPermissions(@Schema(format = "email") String email,
            @Schema(description = "Keyed by RDW reporting permission id") Map<String, RdwPermission> permissionsById,
            @Schema(description = "Every tenancy chain of the user (DL_EndUser included), as RDW's TenancyChain.fromString reads each")
            List<String> tenancyChains,
            @Schema(description = "The chains joined by ',' (RDW splits on '|,|'): the sbacTenancyChain attribute value")
            String sbacTenancyChain) {
    }

    /** Whether a person may use Tools for Teachers, and the DL_EndUser tenancy chains. */
    public record T4tAccess(@Schema(format = "email") String email, boolean allowed,
            @Schema(example = "[\"|CA|DL_EndUser|STATE|1000|CA|||CA|CALIFORNIA|||||||||\"]") List<String> tenancyChains) {
    }

    /** A user whose effective permissions changed. */
    public record PermissionChange(long sequence, UUID userId, @Schema(format = "email") String email, OffsetDateTime changedAt) {
    }

    /** A page of the feed; {@code nextCursor} is always the position to poll after. */
    public record ChangeFeed(List<PermissionChange> items,
            @Schema(description = "Always present: poll again with after=nextCursor") String nextCursor) {
    }

    private final CallerContext caller;
    private final HierarchyScopeAuthorizer authorizer;
    private final GrantQueries grantQueries;
    private final PermissionChangeRepository changes;
    private final PermissionResolver resolver;
    private final AdministrationYears years;
    private final Metrics metrics;
    private final PermissionCache cache;

    ConsumerService(CallerContext caller, HierarchyScopeAuthorizer authorizer, GrantQueries grantQueries,
            PermissionChangeRepository changes, PermissionResolver resolver,
            AdministrationYears years, Metrics metrics, PermissionCache cache) {
        this.caller = caller;
        this.authorizer = authorizer;
        this.grantQueries = grantQueries;
        this.changes = changes;
        this.resolver = resolver;
        this.years = years;
        this.metrics = metrics;
        this.cache = cache;
    }

    @Transactional
    public CersPermissions cersPermissions(String email) {
        ProblemException.check(authorizer.pullAsService(caller.caller(), CallerContext.CERS_SERVICE));
        metrics.pulled(CallerContext.CERS_SERVICE);
        PermissionCache.Entry entry = pull(email);
        Map<String, RdwPermission> byId = new TreeMap<>();
        entry.permissions().reportingPermissions().forEach((permission, scope) ->
                byId.put(permission.name(), new RdwPermission(permission, scope)));
        return new CersPermissions(entry.email(), byId, entry.permissions().tenancyChains(),
                entry.permissions().sbacTenancyChain());
    }

    @Transactional
    public T4tAccess t4tAccess(String email) {
        ProblemException.check(authorizer.pullAsService(caller.caller(), CallerContext.T4T_SERVICE));
        metrics.pulled(CallerContext.T4T_SERVICE);
        PermissionCache.Entry entry = pull(email);
        return new T4tAccess(entry.email(), entry.permissions().has(CersPermission.DL_EndUser),
                entry.permissions().tenancyChains(CersPermission.DL_EndUser));
    }

    @Transactional
    public ChangeFeed changes(String after, Integer limit) {
        ProblemException.check(authorizer.pullAsService(caller.caller(), CallerContext.CERS_SERVICE));
        int size = Cursors.limit(limit);
        long position = Cursors.decodeSequence(after, "seq:");
        List<PermissionChangeEntity> rows = changes.after(position, size);
        List<PermissionChange> items = rows.stream()
                .map(c -> new PermissionChange(c.sequence, c.userId, c.email, c.changedAt)).toList();
        long next = rows.isEmpty() ? position : rows.get(rows.size() - 1).sequence;
        return new ChangeFeed(items, Cursors.encode("seq:" + next));
    }

    /** A user's effective permissions, from the cache when nothing changed since they were computed. */
    private PermissionCache.Entry pull(String email) {
        String key = email == null ? "" : email.trim();
        return cache.get(key, () -> {
            GrantQueries.UserGrants user = grantQueries.byEmail(key)
                    .orElseThrow(() -> ProblemException.notFound("USER_NOT_FOUND", "no user has that email"));
            return new PermissionCache.Entry(user.userId(), user.email(),
                    resolver.resolve(user.status(), years.current(), user.grants()), System.nanoTime());
        });
    }

}
