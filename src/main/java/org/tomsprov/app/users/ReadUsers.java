package org.tomsprov.app.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

import org.tomsprov.app.AdministrationYears;
import org.tomsprov.app.Cursors;
import org.tomsprov.app.Page;
import org.tomsprov.app.ProblemException;
import org.tomsprov.app.identity.CallerContext;
import org.tomsprov.app.users.Views.UserView;
import org.tomsprov.authz.AdministrativeScope;
import org.tomsprov.authz.HierarchyScopeAuthorizer;
import org.tomsprov.domain.CdsCodes;
import org.tomsprov.domain.EffectivePermissions;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.Grant;
import org.tomsprov.domain.PermissionResolver;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;
import org.tomsprov.domain.Violation;
import org.tomsprov.persistence.OrganizationRepository;
import org.tomsprov.persistence.UserRepository;

/** Reads users within the caller's scope: one, a page of a listing, one's effective permissions. */
@ApplicationScoped
public class ReadUsers {

    /** A user's effective permissions as far as the caller's scope reaches. */
    public record UserPermissions(UUID userId, String email, EffectivePermissions permissions) {
    }

    /**
     * What a listing filters by; every field is optional. {@code modifiedAfter} keeps users changed after that
     * instant, or at it too when {@code modifiedInclusive}.
     */
    public record Filter(String orgCode, String roleId, UserStatus status, String q, Email email,
            String administrationYear, java.time.OffsetDateTime modifiedAfter, boolean modifiedInclusive) {

        public Filter(String orgCode, String roleId, UserStatus status, String q, Email email, String administrationYear) {
            this(orgCode, roleId, status, q, email, administrationYear, null, false);
        }
    }

    /** A slice of a listing at an offset, and how many users the whole listing holds. */
    public record Slice(long total, List<UserView> items) {
    }

    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final UserAccess access;
    private final HierarchyScopeAuthorizer authorizer;
    private final PermissionResolver resolver;
    private final CallerContext caller;
    private final AdministrationYears years;

    ReadUsers(UserRepository users, OrganizationRepository organizations, UserAccess access,
            HierarchyScopeAuthorizer authorizer, PermissionResolver resolver, CallerContext caller,
            AdministrationYears years) {
        this.users = users;
        this.organizations = organizations;
        this.access = access;
        this.authorizer = authorizer;
        this.resolver = resolver;
        this.caller = caller;
        this.years = years;
    }

    @Transactional
    public UserView get(UUID id, String administrationYear) {
        UserAccess.YearsShown shown = access.yearsShown(administrationYear);
        UserAccess.Visible visible = access.visible(id);
        return UserAccess.view(visible.user(), access.visibleOnly(visible.assignments()), shown);
    }

    @Transactional
    public Page<UserView> list(Filter filter, String cursor, Integer limit) {
        ProblemException.check(authorizer.administer(caller.caller()));
        int size = Cursors.limit(limit);
        UserAccess.YearsShown shown = access.yearsShown(filter.administrationYear());
        String after = Cursors.decode(cursor, "user:");
        List<UserRepository.ListedUser> page = users.page(listing(filter, shown, after), 0, size + 1);
        boolean more = page.size() > size;
        List<UserView> items = views(more ? page.subList(0, size) : page, shown);
        String next = more ? Cursors.encode("user:" + Email.keyOf(items.get(items.size() - 1).email())) : null;
        return new Page<>(items, next);
    }

    /** The users of a listing from {@code offset} on (0: the first), at most {@code limit}, and the listing's size. */
    @Transactional
    public Slice slice(Filter filter, int offset, int limit) {
        ProblemException.check(authorizer.administer(caller.caller()));
        UserAccess.YearsShown shown = access.yearsShown(filter.administrationYear());
        UserRepository.Listing listing = listing(filter, shown, null);
        return new Slice(users.count(listing), limit == 0 ? List.of() : views(users.page(listing, offset, limit), shown));
    }

    private List<UserView> views(List<UserRepository.ListedUser> listed, UserAccess.YearsShown shown) {
        return listed.stream().map(user -> access.view(user, shown)).toList();
    }

    private UserRepository.Listing listing(Filter filter, UserAccess.YearsShown shown, String afterEmailKey) {
        AdministrativeScope scope = authorizer.scopeOf(caller.caller());
        Role role = null;
        if (filter.roleId() != null) {
            role = Role.parse(filter.roleId()).orElseThrow(() -> ProblemException.validation(List.of(
                    new Violation("roleId", "UNKNOWN_ROLE", "no role is called " + filter.roleId()))));
        }
        List<Long> orgIds = filter.orgCode() != null && !filter.orgCode().equals(CdsCodes.STATE_CODE)
                ? organizations.idsOf(filter.orgCode()) : null;
        return new UserRepository.Listing(
                organizations.scopeIds(scope.statewide(), scope.leaCodes(), scope.schoolCodes()), orgIds,
                role == null ? null : role.id(), shown.years(), filter.status(), filter.q(), filter.email(),
                filter.modifiedAfter(), filter.modifiedInclusive(), afterEmailKey, access.linkedLea().orElse(null));
    }

    @Transactional
    public UserPermissions effectivePermissions(UUID id) {
        UserAccess.Visible visible = access.visible(id);
        List<Grant> grants = access.visibleOnly(visible.assignments()).stream()
                .map(a -> new Grant(a.role, OrganizationRepository.pathOf(a.org),
                        org.tomsprov.domain.AdministrationYear.parse(a.administrationYear)))
                .toList();
        return new UserPermissions(visible.user().id, visible.user().email,
                resolver.resolve(visible.user().status, years.current(), grants));
    }
}
