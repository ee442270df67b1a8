package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.domain.Email;
import org.tomsprov.domain.UserStatus;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    public Optional<UserEntity> findByEmail(Email email) {
        return find("lower(email) = ?1", email.key()).firstResultOptional();
    }

    /** The user read again from the database, after statements that changed the row behind the entity's back. */
    public UserEntity reload(UserEntity user) {
        getEntityManager().refresh(user);
        return user;
    }

    /**
     * What a listing asks for: users with an assignment in scope, for one of the years, that also matches the
     * organization (any of these ids, or below them) and the role, when given; and the user's status, a text in the
     * email or name, an exact email, a last modification after an instant (or at it, when inclusive), all optional;
     * after a position in email order.
     */
    public record Listing(ScopeIds scope, List<Long> orgIds, String roleId, List<String> years, UserStatus status,
            String text, Email email, OffsetDateTime modifiedAfter, boolean modifiedInclusive, String afterEmailKey) {
    }

    /**
     * One page of user ids in email order, one round trip. The scope is probed on role_assignment alone, no joins.
     * A school-only scope (a site coordinator) is small, so the query drives from those schools' assignments; a
     * wider one walks users in email order and probes each.
     */
    public List<UUID> page(Listing listing, int limit) {
        return ids(listing, " order by lower(u.email) limit :limit", Map.of("limit", limit));
    }

    /** The page of a listing that starts at {@code offset} (0: the first user) in email order. */
    public List<UUID> slice(Listing listing, int offset, int limit) {
        return ids(listing, " order by lower(u.email) offset :offset limit :limit", Map.of("offset", offset, "limit", limit));
    }

    /** How many users a listing holds. */
    public long count(Listing listing) {
        Map<String, Object> params = new HashMap<>();
        var query = getEntityManager().createNativeQuery("select count(*) from app_user u where " + where(listing, params));
        params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    private List<UUID> ids(Listing listing, String tail, Map<String, Object> tailParams) {
        Map<String, Object> params = new HashMap<>(tailParams);
        var query = getEntityManager().createNativeQuery("select u.id from app_user u where " + where(listing, params) + tail);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        return ids;
    }

    private static String where(Listing listing, Map<String, Object> params) {
        ScopeIds scope = listing.scope();
        StringBuilder inScope = new StringBuilder("select 1 from role_assignment ra where ra.user_id = u.id and ")
                .append(scope.rowCondition("ra.lea_id", "ra.org_id"))
                .append(" and ra.administration_year in (:years)");
        scope.bind(params);
        params.put("years", listing.years());
        if (listing.orgIds() != null) {
            inScope.append(" and (ra.org_id in (:orgIds) or ra.lea_id in (:orgIds))");
            params.put("orgIds", listing.orgIds().isEmpty() ? List.of(-1L) : listing.orgIds());
        }
        if (listing.roleId() != null) {
            inScope.append(" and ra.role_id = :roleId");
            params.put("roleId", listing.roleId());
        }
        StringBuilder sql = new StringBuilder();
        if (scope.schoolsOnly()) {
            sql.append("u.id in (select ra.user_id from role_assignment ra where ra.org_id in (:scopeSchoolIds)"
                    + " and ra.administration_year in (:years)) and ");
        }
        sql.append("exists (").append(inScope).append(")");
        if (listing.status() != null) {
            sql.append(" and u.status = :status");
            params.put("status", listing.status().name());
        }
        if (listing.email() != null) {
            sql.append(" and lower(u.email) = :email");
            params.put("email", listing.email().key());
        }
        if (listing.modifiedAfter() != null) {
            sql.append(listing.modifiedInclusive() ? " and u.updated_at >= :modified" : " and u.updated_at > :modified");
            params.put("modified", listing.modifiedAfter());
        }
        if (listing.text() != null && !listing.text().isBlank()) {
            sql.append(" and (lower(u.email) like :q or lower(u.first_name || ' ' || u.last_name) like :q)");
            params.put("q", "%" + listing.text().trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (listing.afterEmailKey() != null) {
            sql.append(" and lower(u.email) > :after");
            params.put("after", listing.afterEmailKey());
        }
        return sql.toString();
    }
}
