package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.tomsprov.domain.Email;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.UserStatus;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    /**
     * The user with this email, whatever its case. Asked first with JDBC: creating a person asks for a user who is
     * not there yet, and Hibernate's query for that cost about a seventh of a creation's samples; an entity loads
     * only when there is one.
     */
    public Optional<UserEntity> findByEmail(Email email) {
        UUID[] id = new UUID[1];
        Jdbc.query(getEntityManager(), "select id from app_user where lower(email) = ?",
                (c, statement) -> statement.setString(1, email.key()), row -> id[0] = row.getObject(1, UUID.class));
        return id[0] == null ? Optional.empty() : findByIdOptional(id[0]);
    }

    /**
     * Holds, until this transaction ends, the right to decide whether a user has this email: two requests creating
     * the same person, or giving someone an email another request is creating, run one after the other, and the
     * second finds the first's user instead of failing on the unique index. Different emails never wait for each
     * other, save for the rare pair whose hashes agree.
     */
    public void claimEmail(Email email) {
        AdvisoryLocks.hold(getEntityManager(), AdvisoryLocks.Held.EMAIL, email.key());
    }

    /**
     * Whether a failure is another transaction's person taking an email first: a concurrent creation committed a
     * user with an email this transaction inserted too (the email index refused the second).
     */
    public static boolean lostEmailToConcurrentCreation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()) && sql.getMessage() != null
                    && sql.getMessage().contains("app_user_email_uk")) {
                return true;
            }
        }
        return false;
    }

    /** The text as the database's {@code lower()} folds it: what its unique index on emails compares. */
    public String lowerInDatabase(String text) {
        String[] folded = new String[1];
        Jdbc.query(getEntityManager(), "select lower(?)", (c, statement) -> statement.setString(1, text),
                row -> folded[0] = row.getString(1));
        return folded[0];
    }

    /**
     * What a listing asks for: users with an assignment in scope, for one of the years, that also matches the
     * organization (any of these ids, or below them) and the role, when given; and the user's status, a text in the
     * email or name, an exact email, a last modification after an instant (or at it, when inclusive), all optional;
     * after a position in email order. With {@code linkedLea}, users a district's identity provider linked to that
     * LEA are in scope too, roles or not (a SCIM client's listing).
     */
    public record Listing(ScopeIds scope, List<Long> orgIds, String roleId, List<String> years, UserStatus status,
            String text, Email email, OffsetDateTime modifiedAfter, boolean modifiedInclusive, String afterEmailKey,
            Long linkedLea) {
    }

    /** A listed user with their roles of the years listed, as one page's query reads them. */
    public record ListedUser(UUID id, String email, String firstName, String lastName, String phone, UserStatus status,
            long version, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<ListedRole> roles) {
    }

    /** A role of a listed user, at an organization given with its ancestors. */
    public record ListedRole(UUID id, Role role, OrgPath org, String administrationYear, boolean primary) {
    }

    /**
     * The users of a listing in email order from {@code offset} on (0: the first), at most {@code limit}, each with
     * their roles of the listing's years in the order they were granted: one round trip, no entities loaded. A
     * listing of a coordinator's scope alone (no filter but the years and a position) reads the first entries of each
     * of its LEAs' and schools' email-ordered assignment index; any other walks users in email order and probes
     * each one's assignments for the scope and the filters. Read with JDBC: Hibernate's typing of a native query's
     * rows was about a fifth of a listing request's time.
     */
    public List<ListedUser> page(Listing listing, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("offset", offset);
        params.put("limit", limit);
        String page;
        if (scopeOnly(listing)) {
            page = scopePage(listing, (int) Math.min(Integer.MAX_VALUE, (long) offset + limit), params);
            if (page == null) {
                return List.of();
            }
        } else {
            page = "select u.* from app_user u where " + where(listing, params)
                    + " order by lower(u.email) offset :offset limit :limit";
        }
        return read(page, params);
    }

    /**
     * The user with this id and their roles of these years, as a listing page reads them (one round trip, after
     * flushing what this transaction changed): the view a change answers with, without loading entities.
     */
    public Optional<ListedUser> listed(UUID id, List<String> years) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("years", years);
        return read("select u.* from app_user u where u.id = :id", params).stream().findFirst();
    }

    /** The users {@code page} selects, in email order, each with their roles of {@code :years}. */
    private List<ListedUser> read(String page, Map<String, Object> params) {
        String sql = """
                with page as (%s)
                select u.id, u.email, u.first_name, u.last_name, u.phone, u.status, u.version, u.created_at,
                       u.updated_at, a.id, a.role_id, a.administration_year, a.is_primary, %s
                from page u
                left join role_assignment a on a.user_id = u.id and a.administration_year in (:years)
                left join organization o on o.id = a.org_id
                left join organization p on p.id = o.parent_id
                left join organization g on g.id = p.parent_id
                order by lower(u.email), a.created_at, a.id""".formatted(page, Rows.ORG_PATH_COLUMNS);
        List<Object[]> rows = new ArrayList<>();
        Jdbc.query(getEntityManager(), sql, params, row -> rows.add(Rows.values(row)));
        List<ListedUser> users = new ArrayList<>();
        List<ListedRole> roles = null;
        for (Object[] r : rows) {
            if (users.isEmpty() || !users.get(users.size() - 1).id().equals(r[0])) {
                roles = new ArrayList<>();
                users.add(new ListedUser((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                        UserStatus.valueOf((String) r[5]), ((Number) r[6]).longValue(), Rows.time(r[7]),
                        Rows.time(r[8]), roles));
            }
            if (r[9] != null) {
                roles.add(new ListedRole((UUID) r[9], Role.valueOf((String) r[10]), Rows.path(r, 13), (String) r[11],
                        (Boolean) r[12]));
            }
        }
        return users;
    }

    /** Whether a listing asks for its scope alone, without filters beyond the years and a position. */
    private static boolean scopeOnly(Listing listing) {
        return !listing.scope().statewide() && listing.linkedLea() == null && listing.orgIds() == null
                && listing.roleId() == null
                && listing.status() == null && (listing.text() == null || listing.text().isBlank())
                && listing.email() == null && listing.modifiedAfter() == null;
    }

    /**
     * The page's users read from the scope's LEAs' and schools' assignments in email-key order: each yields its
     * first {@code reach} distinct users, whose union holds the first {@code reach} of the scope. Null when the
     * scope has no organization.
     */
    private static String scopePage(Listing listing, int reach, Map<String, Object> params) {
        List<String> conditions = listing.scope().conditionsPerId("lea_id", "org_id", params);
        if (conditions.isEmpty()) {
            return null;
        }
        params.put("years", listing.years());
        params.put("reach", reach);
        String after = "";
        if (listing.afterEmailKey() != null) {
            after = " and email_key > :after";
            params.put("after", listing.afterEmailKey());
        }
        StringBuilder branches = new StringBuilder();
        for (String condition : conditions) {
            branches.append(branches.isEmpty() ? "" : " union all ").append("(select distinct on (email_key) email_key,")
                    .append(" user_id from role_assignment where ").append(condition)
                    .append(" and administration_year in (:years)").append(after)
                    .append(" order by email_key limit :reach)");
        }
        return """
                select u.* from (select distinct on (k.email_key) k.email_key, k.user_id from (%s) k
                                 order by k.email_key offset :offset limit :limit) keys
                join app_user u on u.id = keys.user_id""".formatted(branches);
    }

    /** How many users a listing holds. */
    public long count(Listing listing) {
        Map<String, Object> params = new HashMap<>();
        long[] count = new long[1];
        Jdbc.query(getEntityManager(), "select count(*) from app_user u where " + where(listing, params), params,
                row -> count[0] = row.getLong(1));
        return count[0];
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
        sql.append("(exists (").append(inScope).append(")");
        if (listing.linkedLea() != null && listing.orgIds() == null && listing.roleId() == null) {
            sql.append(" or exists (select 1 from scim_link l where l.user_id = u.id and l.lea_id = :linkedLea)");
            params.put("linkedLea", listing.linkedLea());
        }
        sql.append(")");
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
            params.put("q", Jdbc.containing(listing.text().trim()));
        }
        if (listing.afterEmailKey() != null) {
            sql.append(" and lower(u.email) > :after");
            params.put("after", listing.afterEmailKey());
        }
        return sql.toString();
    }
}
