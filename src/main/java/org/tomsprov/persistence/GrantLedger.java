package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;
import org.tomsprov.domain.Email;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.ServedChange;

/**
 * The one writer of grants: people created, role assignments granted and revoked, each with its audit event (one
 * payload shape per event type), and the version bump of every user whose roles changed (whether consumers hear of
 * it is decided by what they are served: {@code ConsumerDocuments}). A single
 * request and an upload run the same statements; only their source differs (parameters, or an upload's staged
 * rows), so the two paths cannot drift apart. Rights are checked before; this only records, in the caller's
 * transaction.
 */
@ApplicationScoped
public class GrantLedger {

    /** Who acts, and the request the audit events belong to. */
    public record Author(String actor, String requestId) {
    }

    /** A person to create; {@code places} are the organizations of their first roles (who may see the event). */
    public record NewPerson(Email email, String firstName, String lastName, String phone, Collection<Place> places) {
    }

    /** An assignment to write. */
    public record NewAssignment(UUID userId, Role role, Place place, boolean primary) {
    }

    /** An assignment as written or removed. */
    public record Written(UUID id, UUID userId, Role role, String orgCode, String administrationYear, boolean primary) {
    }

    private static final String PERSON_JSON = """
            jsonb_build_object('email', c.email, 'firstName', c.first_name, 'lastName', c.last_name,
                               'phone', c.phone, 'status', c.status)""";

    private static final String ASSIGNMENT_JSON = """
            jsonb_build_object('id', x.id, 'roleId', x.role_id, 'orgCode', o.code,
                               'administrationYear', x.administration_year, 'primary', x.is_primary)""";

    /**
     * People from {@code source} (id, email, first_name, last_name, phone, org_ids, lea_ids), each with USER_CREATED
     * made from the same source rows, so no join of the inserted rows back to the source. Its slots, in order: the
     * source; what the insert does on a conflict (nothing: every row is inserted); whatever else the caller notes of
     * them (a statement starting with a comma, or nothing); which source rows are audited (nothing: all of them).
     */
    private static final String CREATE = """
            with source as (%s),
            created as (
              insert into app_user (id, email, first_name, last_name, phone, status, version, created_at, updated_at)
              select id, email, first_name, last_name, phone, 'ACTIVE', 0, now(), now() from source%s)
            %s
            insert into audit_event (occurred_at, request_id, actor_email, action, target_user_id, after_state,
                                     scope_org_ids, scope_lea_ids)
            select now(), ?, ?, 'USER_CREATED', c.id, %s, c.org_ids, c.lea_ids
            from (select s.*, 'ACTIVE' as status from source s%s) c""".formatted("%s", "%s", "%s", PERSON_JSON, "%s");

    /**
     * One person, unless their email is taken by the time the row goes in: another transaction inserting the same
     * email (an upload's commit, say) makes this insert wait for it, and once that one commits this inserts nothing
     * and audits nothing rather than failing.
     */
    private static final String CREATE_ONE = CREATE.formatted("""
            select ?::uuid as id, ?::varchar as email, ?::varchar as first_name, ?::varchar as last_name,
                   ?::varchar as phone, ?::bigint[] as org_ids, ?::bigint[] as lea_ids""",
            " on conflict do nothing returning id", "", " where s.id in (select id from created)");

    /** An upload's new people, noted as changed by it and created by it (their version need not move). */
    private static final String NOTE_CREATED = """
            , noted as (insert into upload_affected (upload_id, user_id, created) select ?, id, true from source)""";

    /**
     * Assignments from {@code source} (user_id, email_key, role_id, org_id, lea_id, is_primary, administration_year:
     * null for the statement's year), each with ROLE_GRANTED.
     */
    private static final String GRANT = """
            with source as (%s),
            x as (
              insert into role_assignment (id, user_id, email_key, role_id, org_id, lea_id, administration_year,
                                           is_primary, created_at)
              select uuid_v7(), user_id, email_key, role_id, org_id, lea_id, coalesce(administration_year, ?),
                     is_primary, now() from source
              on conflict (user_id, role_id, org_id, administration_year) do nothing
              returning id, user_id, role_id, org_id, lea_id, administration_year, is_primary),
            audited as (
              insert into audit_event (occurred_at, request_id, actor_email, action, target_user_id, org_id, lea_id, after_state)
              select now(), ?, ?, 'ROLE_GRANTED', x.user_id, x.org_id, x.lea_id, %s
              from x join organization o on o.id = x.org_id)
            %s""".formatted("%s", ASSIGNMENT_JSON, "%s");

    /** Assignments whose ids {@code source} yields, removed, each with ROLE_REVOKED. */
    private static final String REVOKE = """
            with source as (%s),
            x as (
              delete from role_assignment a using source s where a.id = s.id
              returning a.id, a.user_id, a.role_id, a.org_id, a.lea_id, a.administration_year, a.is_primary),
            audited as (
              insert into audit_event (occurred_at, request_id, actor_email, action, target_user_id, org_id, lea_id, before_state)
              select now(), ?, ?, 'ROLE_REVOKED', x.user_id, x.org_id, x.lea_id, %s
              from x join organization o on o.id = x.org_id)
            %s""".formatted("%s", ASSIGNMENT_JSON, "%s");

    /** What a single request reads back: the assignments written or removed. */
    private static final String RETURN_WRITTEN = """
            select x.id, x.user_id, x.role_id, o.code, x.administration_year, x.is_primary
            from x join organization o on o.id = x.org_id order by o.code, x.role_id""";

    /** What an upload keeps: which users it changed; the statement counts the assignments. */
    private static final String COLLECT_AFFECTED = """
            , affected as (
              insert into upload_affected (upload_id, user_id) select distinct ?, user_id from x on conflict do nothing)
            select count(*) from x""";

    /**
     * One pass over the rows grouped by email (no join of two derived sets, whose plan the rows' fresh statistics
     * could make quadratic): each new person's fields from their first row, and the organizations of all of them.
     */
    private static final String STAGED_PEOPLE = """
            select uuid_v7() as id, email, first_name, last_name, phone, org_ids, lea_ids
            from (select (array_agg(email order by row_number))[1] as email,
                         (array_agg(first_name order by row_number))[1] as first_name,
                         (array_agg(last_name order by row_number))[1] as last_name,
                         (array_agg(phone order by row_number))[1] as phone,
                         array_agg(distinct org_id) as org_ids,
                         array_agg(distinct lea_id) filter (where lea_id is not null) as lea_ids
                  from upload_row r
                  where r.upload_id = ? and not r.remove
                    and not exists (select 1 from app_user u where lower(u.email) = r.email_key)
                  group by email_key) f""";

    private static final String STAGED_GRANTS = """
            select u.id as user_id, r.email_key, r.role_id, r.org_id, r.lea_id, false as is_primary, r.administration_year
            from upload_row r join app_user u on lower(u.email) = r.email_key
            where r.upload_id = ? and not r.remove""";

    private static final String STAGED_REVOCATIONS = """
            select a.id from upload_row r
            join app_user u on lower(u.email) = r.email_key
            join role_assignment a on a.user_id = u.id and a.role_id = r.role_id and a.org_id = r.org_id
            where r.upload_id = ? and r.remove and a.administration_year = coalesce(r.administration_year, ?)""";

    /**
     * The assignments of {@code from} to copy into {@code to}: active users, open organizations, not held there
     * already, of the given (role, organization) pairs; copied without the primary mark.
     */
    private static final String CARRIED = """
            select a.user_id, a.email_key, a.role_id, a.org_id, a.lea_id, false as is_primary,
                   null::varchar as administration_year
            from role_assignment a
            join unnest(?::varchar[], ?::bigint[]) as p(role_id, org_id) on p.role_id = a.role_id and p.org_id = a.org_id
            join app_user u on u.id = a.user_id
            join organization o on o.id = a.org_id
            where a.administration_year = ? and u.status = 'ACTIVE' and o.status = 'ACTIVE'
              and not exists (select 1 from role_assignment b where b.user_id = a.user_id and b.role_id = a.role_id
                              and b.org_id = a.org_id and b.administration_year = ?)""";

    private static final String BUMP = "update app_user set version = version + 1, updated_at = now() where %s";

    private static final String AFFECTED = "select user_id from upload_affected where upload_id = ?";

    private final EntityManager em;
    private final PermissionChangeRepository feed;

    GrantLedger(EntityManager em, PermissionChangeRepository feed) {
        this.em = em;
        this.feed = feed;
    }

    /**
     * Creates one person (status ACTIVE) with their USER_CREATED event; returns their id, or nothing when a concurrent
     * transaction committed a person with this email first (the caller finds that one). Their version is their first
     * until a later transaction changes them: no one else can have read them before this one commits.
     */
    public Optional<UUID> createPerson(Author by, NewPerson person) {
        UUID id = TimeOrderedIds.next();
        int created = run(CREATE_ONE,
                c -> Arrays.asList(id, person.email().value(), person.firstName(), person.lastName(), person.phone(),
                        array(c, "bigint", person.places().stream().map(Place::id).distinct().toArray()),
                        array(c, "bigint", person.places().stream().map(Place::leaId)
                                .filter(java.util.Objects::nonNull).distinct().toArray()),
                        by.requestId(), by.actor()));
        return created == 1 ? Optional.of(id) : Optional.empty();
    }

    /** Creates the people of an upload who do not exist yet, from each email's first row; returns how many. */
    public int createStaged(Author by, UUID uploadId) {
        return run(CREATE.formatted(STAGED_PEOPLE, "", NOTE_CREATED, ""),
                c -> Arrays.asList(uploadId, uploadId, by.requestId(), by.actor()));
    }

    /**
     * Grants in the given year what is not held there already; returns what was written. One assignment, the usual
     * request, is bound as scalars rather than arrays ({@link Jdbc.AnyOf} says why).
     */
    public List<Written> grant(Author by, String year, List<NewAssignment> grants) {
        String values = grants.size() == 1
                ? "(select ?::uuid as user_id, ?::varchar as role_id, ?::bigint as org_id, ?::bigint as lea_id,"
                        + " ?::boolean as is_primary) s"
                : "unnest(?::uuid[], ?::varchar[], ?::bigint[], ?::bigint[], ?::boolean[])"
                        + " as s(user_id, role_id, org_id, lea_id, is_primary)";
        return query(GRANT.formatted("""
                select s.user_id, lower(u.email) as email_key, s.role_id, s.org_id, s.lea_id, s.is_primary,
                       null::varchar as administration_year
                from %s
                join app_user u on u.id = s.user_id""".formatted(values), RETURN_WRITTEN),
                c -> Arrays.asList(column(c, "uuid", grants, NewAssignment::userId),
                        column(c, "varchar", grants, g -> g.role().id()),
                        column(c, "bigint", grants, g -> g.place().id()),
                        column(c, "bigint", grants, g -> g.place().leaId()),
                        column(c, "boolean", grants, NewAssignment::primary),
                        year, by.requestId(), by.actor()));
    }

    /** One field of every assignment: the value itself for one assignment, else an array of them. */
    private static Object column(Connection c, String type, List<NewAssignment> grants,
            java.util.function.Function<NewAssignment, Object> field) throws SQLException {
        return grants.size() == 1 ? field.apply(grants.get(0)) : array(c, type, grants.stream().map(field).toArray());
    }

    /** Grants an upload's ADD rows in the given year; returns how many assignments were written. */
    public int grantStaged(Author by, String year, UUID uploadId) {
        return count(GRANT.formatted(STAGED_GRANTS, COLLECT_AFFECTED),
                c -> Arrays.asList(uploadId, year, by.requestId(), by.actor(), uploadId));
    }

    /** A (role, organization) whose assignments a carry-forward would copy, and how many. */
    public record Carried(Role role, long orgId, int assignments) {
    }

    /**
     * What {@link #carryForward} would copy from {@code from} into {@code to}, per (role, organization), optionally
     * only of one role and at or under some organizations.
     */
    public List<Carried> carryCandidates(String from, String to, Role role, List<Long> underOrgIds) {
        String sql = """
                select a.role_id, a.org_id, count(*) from role_assignment a
                join app_user u on u.id = a.user_id join organization o on o.id = a.org_id
                where a.administration_year = ? and u.status = 'ACTIVE' and o.status = 'ACTIVE'
                  and (?::varchar is null or a.role_id = ?)
                  and (?::bigint[] is null or a.org_id = any(?::bigint[]) or a.lea_id = any(?::bigint[]))
                  and not exists (select 1 from role_assignment b where b.user_id = a.user_id and b.role_id = a.role_id
                                  and b.org_id = a.org_id and b.administration_year = ?)
                group by a.role_id, a.org_id order by a.org_id, a.role_id""";
        return execute(sql, c -> {
            String roleId = role == null ? null : role.id();
            java.sql.Array orgs = underOrgIds == null ? null : array(c, "bigint", underOrgIds.toArray());
            return Arrays.asList(from, roleId, roleId, orgs, orgs, orgs, to);
        }, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<Carried> carried = new ArrayList<>();
                while (rows.next()) {
                    carried.add(new Carried(Role.valueOf(rows.getString(1)), rows.getLong(2), rows.getInt(3)));
                }
                return carried;
            }
        });
    }

    /** How many users {@link #carryForward} of these pairs would give a role. */
    public int carriedUsers(String from, String to, List<Carried> pairs) {
        if (pairs.isEmpty()) {
            return 0;
        }
        return count("select count(distinct user_id) from (" + CARRIED + ") carried",
                c -> Arrays.asList(array(c, "varchar", pairs.stream().map(p -> p.role().id()).toArray()),
                        array(c, "bigint", pairs.stream().map(Carried::orgId).toArray()), from, to));
    }

    /** Copies the assignments of these pairs from {@code from} into {@code to}, each with ROLE_GRANTED; returns the users. */
    public List<UUID> carryForward(Author by, String from, String to, List<Carried> pairs) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        return ids(GRANT.formatted(CARRIED, "select distinct user_id from x order by user_id"),
                c -> Arrays.asList(array(c, "varchar", pairs.stream().map(p -> p.role().id()).toArray()),
                        array(c, "bigint", pairs.stream().map(Carried::orgId).toArray()), from, to, to,
                        by.requestId(), by.actor()));
    }

    /** Revokes these assignments; returns what was removed. */
    public List<Written> revoke(Author by, Collection<UUID> assignmentIds) {
        Jdbc.AnyOf ids = new Jdbc.AnyOf("id", "uuid", assignmentIds.toArray());
        return query(REVOKE.formatted("select id from role_assignment where " + ids.sql(), RETURN_WRITTEN),
                c -> Arrays.asList(ids.value(c), by.requestId(), by.actor()));
    }

    /** Revokes an upload's REMOVE rows held in the given year; returns how many assignments were removed. */
    public int revokeStaged(Author by, String year, UUID uploadId) {
        return count(REVOKE.formatted(STAGED_REVOCATIONS, COLLECT_AFFECTED),
                c -> Arrays.asList(uploadId, year, by.requestId(), by.actor(), uploadId));
    }

    /** These users' roles changed: a new version (ETag) each. */
    public void versionsMoved(Collection<UUID> userIds) {
        if (!userIds.isEmpty()) {
            Jdbc.AnyOf ids = new Jdbc.AnyOf("id", "uuid", userIds.toArray());
            run(BUMP.formatted(ids.sql()), c -> Arrays.asList(ids.value(c)));
        }
    }

    /**
     * The users an upload's commit changed get new versions, but those it created, whose first version nobody can
     * have seen.
     */
    public void changedStaged(UUID uploadId) {
        run(BUMP.formatted("id in (" + AFFECTED + " and not created)"), c -> Arrays.asList(uploadId));
    }

    /** The feed entries of the people an upload's commit created: everything about them is new. */
    public void feedCreatedStaged(UUID uploadId) {
        feed.appendNow(EnumSet.allOf(ServedChange.class), AFFECTED + " and created", uploadId);
    }

    /**
     * A page of the users an upload's commit changed who existed before it, in id order, after {@code after} (null:
     * from the first).
     */
    public List<UUID> affectedStaged(UUID uploadId, UUID after, int limit) {
        return ids("""
                select user_id from upload_affected
                where upload_id = ? and not created
                  and user_id > coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')
                order by user_id limit ?""", c -> Arrays.asList(uploadId, after, limit));
    }

    /**
     * Forgets the users an upload's commit changed who existed before it. The people it created stay noted after the
     * commit, until {@link #claimCreated} takes them to write their first documents.
     */
    public void forgetStaged(UUID uploadId) {
        run("delete from upload_affected where upload_id = ? and not created", c -> Arrays.asList(uploadId));
    }

    /**
     * Takes up to {@code limit} of the people committed uploads created whose first documents are not written yet,
     * of any upload: they are forgotten by this transaction, and held from any other until it ends (which skips
     * them), so that transactions taking them at once each get their own. The rows are picked once, by their
     * physical address, in a subquery the plan runs before the delete whatever the table's statistics say: written
     * as {@code (upload_id, user_id) in (select ...)}, a claim right after a commit had noted 60,000 people ran past
     * its transaction's timeout on the benchmark, where this form takes 3 ms.
     */
    public List<UUID> claimCreated(int limit) {
        return ids("""
                delete from upload_affected where ctid = any(array(
                  select ctid from upload_affected where created
                  order by upload_id, user_id limit ? for update skip locked))
                returning user_id""", c -> Arrays.asList(limit));
    }

    private List<UUID> ids(String sql, Binding binding) {
        return execute(sql, binding, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<UUID> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
                return ids;
            }
        });
    }

    // ------------------------------------------------------------------------------------------- JDBC

    private interface Binding {
        List<Object> values(Connection connection) throws SQLException;
    }

    private interface Execution<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    /** Runs one statement on the session's connection, after flushing what the session holds. */
    private <T> T execute(String sql, Binding binding, Execution<T> execution) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                List<Object> values = binding.values(c);
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                return execution.on(statement);
            }
        });
    }

    private int run(String sql, Binding binding) {
        return execute(sql, binding, PreparedStatement::executeUpdate);
    }

    private int count(String sql, Binding binding) {
        return execute(sql, binding, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private List<Written> query(String sql, Binding binding) {
        return execute(sql, binding, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<Written> written = new ArrayList<>();
                while (rows.next()) {
                    written.add(new Written(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                            Role.valueOf(rows.getString(3)), rows.getString(4), rows.getString(5), rows.getBoolean(6)));
                }
                return written;
            }
        });
    }

    private static java.sql.Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
