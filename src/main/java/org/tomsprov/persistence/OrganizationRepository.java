package org.tomsprov.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.hibernate.Session;
import org.tomsprov.domain.OrgPath;
import org.tomsprov.domain.OrgStatus;
import org.tomsprov.domain.OrgType;
import org.tomsprov.domain.Organization;

@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<OrganizationEntity, Long> {

    public Optional<OrganizationEntity> findByCodeAndType(String code, OrgType type) {
        return find("select o from OrganizationEntity o left join fetch o.parent p left join fetch p.parent"
                + " where o.code = ?1 and o.type = ?2", code, type).firstResultOptional();
    }

    /**
     * Every organization with this code, as a place to grant at, state first, then LEA, then school (a charter has
     * two). A lookup returns candidates; which one a role may be granted at is the authorizer's decision.
     */
    public List<Place> candidates(String code) {
        return candidates(List.of(code)).getOrDefault(code, List.of());
    }

    /** The {@link #candidates(String)} of each of these codes, in one query; codes no organization has are absent. */
    public java.util.Map<String, List<Place>> candidates(java.util.Collection<String> codes) {
        java.util.Map<String, List<Place>> byCode = new java.util.HashMap<>();
        places(new Jdbc.AnyOf("o.code", "varchar", codes.toArray()),
                place -> byCode.computeIfAbsent(place.code(), k -> new java.util.ArrayList<>()).add(place));
        return byCode;
    }

    /** The place of each of these organization row ids, in one query; ids no organization has are absent. */
    public java.util.Map<Long, Place> places(java.util.Collection<Long> ids) {
        java.util.Map<Long, Place> byId = new java.util.HashMap<>();
        places(new Jdbc.AnyOf("o.id", "int8", ids.toArray()), place -> byId.put(place.id(), place));
        return byId;
    }

    private void places(Jdbc.AnyOf keys, java.util.function.Consumer<Place> each) {
        Jdbc.query(getEntityManager(), """
                select o.id, case o.type when 'LEA' then o.id when 'SCHOOL' then o.parent_id end, %s
                from organization o
                left join organization p on p.id = o.parent_id
                left join organization g on g.id = p.parent_id
                where %s
                order by o.code, case o.type when 'STATE' then 0 when 'LEA' then 1 else 2 end"""
                .formatted(Rows.ORG_PATH_COLUMNS, keys.sql()),
                (c, statement) -> keys.bind(c, statement, 1), rows -> {
                    Object[] row = Rows.values(rows);
                    each.accept(new Place(((Number) row[0]).longValue(), (Long) row[1], Rows.path(row, 2)));
                });
    }

    /** The ids of every organization with this code (a charter is an LEA and a school). */
    public List<Long> idsOf(String code) {
        return getEntityManager().createQuery("select o.id from OrganizationEntity o where o.code = ?1", Long.class)
                .setParameter(1, code).getResultList();
    }

    /** Serializes start-up data across replicas starting together, until the transaction ends. */
    public void lockForStartup() {
        AdvisoryLocks.hold(getEntityManager(), AdvisoryLocks.Held.STARTUP);
    }

    /**
     * A scope given by codes, as the ids queries filter by, in one statement: a kind of organization the scope has no
     * code of is left out of it rather than matched against an empty array ({@link Jdbc.AnyOf}).
     */
    public ScopeIds scopeIds(boolean statewide, java.util.Collection<String> leaCodes, java.util.Collection<String> schoolCodes) {
        if (statewide || leaCodes.isEmpty() && schoolCodes.isEmpty()) {
            return new ScopeIds(statewide, List.of(), List.of());
        }
        List<Long> leas = new java.util.ArrayList<>();
        List<Long> schools = new java.util.ArrayList<>();
        java.util.Map<OrgType, Jdbc.AnyOf> codes = new java.util.EnumMap<>(OrgType.class);
        if (!leaCodes.isEmpty()) {
            codes.put(OrgType.LEA, new Jdbc.AnyOf("code", "varchar", leaCodes.toArray()));
        }
        if (!schoolCodes.isEmpty()) {
            codes.put(OrgType.SCHOOL, new Jdbc.AnyOf("code", "varchar", schoolCodes.toArray()));
        }
        String where = codes.entrySet().stream().map(e -> "type = '" + e.getKey().name() + "' and " + e.getValue().sql())
                .collect(java.util.stream.Collectors.joining(" or "));
        Jdbc.query(getEntityManager(), "select type, id from organization where " + where, (c, statement) -> {
                    int index = 1;
                    for (Jdbc.AnyOf keys : codes.values()) {
                        keys.bind(c, statement, index++);
                    }
                }, rows -> (OrgType.valueOf(rows.getString(1)) == OrgType.LEA ? leas : schools).add(rows.getLong(2)));
        return new ScopeIds(false, leas, schools);
    }

    /** All organizations with this code, state first, then LEA, then school (a charter has two). */
    public List<OrganizationEntity> findByCode(String code) {
        return list("code = ?1 order by case type when 'STATE' then 0 when 'LEA' then 1 else 2 end", code);
    }

    /** One page of organizations ordered by (type, code), after the given (type, code) position. */
    public List<OrganizationEntity> page(String parentCode, OrgType type, String q, String afterKey, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (parentCode != null) {
            where.append(" and parent.code = :parentCode");
            params.and("parentCode", parentCode);
        }
        if (type != null) {
            where.append(" and type = :type");
            params.and("type", type);
        }
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(name) like :q or code like :codePrefix)");
            params.and("q", Jdbc.containing(q));
            params.and("codePrefix", Jdbc.startingWith(q.strip()));
        }
        if (afterKey != null) {
            where.append(" and concat(code, ':', type) > :after");
            params.and("after", afterKey);
        }
        return find(where + " order by code, type", params).page(0, limit).list();
    }

    /** Every organization, as the directory import compares a file with it. */
    public List<Organization> directory() {
        @SuppressWarnings("unchecked")
        List<Object[]> all = getEntityManager().createNativeQuery("""
                select o.code, o.name, o.type, p.code, o.status from organization o
                left join organization p on p.id = o.parent_id""").getResultList();
        return all.stream().map(r -> new Organization((String) r[0], (String) r[1], OrgType.valueOf((String) r[2]),
                (String) r[3], OrgStatus.valueOf((String) r[4]))).toList();
    }

    /**
     * Inserts or updates LEAs under the state, then schools under their LEA (by the parent's code), in JDBC batches:
     * name and status follow the given rows; a school may move to another LEA, and its role assignments' district
     * moves along, so that district's coordinators see them.
     */
    public void upsert(List<Organization> rows) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lea = connection.prepareStatement("""
                    insert into organization (code, type, name, parent_id, status)
                    values (?, 'LEA', ?, (select id from organization where type = 'STATE' and code = 'CA'), ?)
                    on conflict (code, type) do update set name = excluded.name, status = excluded.status""");
                 PreparedStatement school = connection.prepareStatement("""
                    insert into organization (code, type, name, parent_id, status)
                    values (?, 'SCHOOL', ?, (select id from organization where type = 'LEA' and code = ?), ?)
                    on conflict (code, type) do update
                    set name = excluded.name, status = excluded.status, parent_id = excluded.parent_id""")) {
                batch(lea, rows, OrgType.LEA, false);
                batch(school, rows, OrgType.SCHOOL, true);
            }
            try (PreparedStatement moved = connection.prepareStatement("""
                    update role_assignment a set lea_id = o.parent_id from organization o
                    where o.id = a.org_id and o.type = 'SCHOOL' and a.lea_id is distinct from o.parent_id""")) {
                moved.executeUpdate();
            }
        });
    }

    private static void batch(PreparedStatement statement, List<Organization> rows, OrgType type, boolean withParent)
            throws SQLException {
        int pending = 0;
        for (Organization row : rows) {
            if (row.type() != type) {
                continue;
            }
            int i = 1;
            statement.setString(i++, row.code());
            statement.setString(i++, row.name());
            if (withParent) {
                statement.setString(i++, row.parentCode());
            }
            statement.setString(i, row.status().name());
            statement.addBatch();
            if (++pending == 1000) {
                statement.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            statement.executeBatch();
        }
    }

    public static String key(OrganizationEntity e) {
        return e.code + ":" + e.type.name();
    }

    public static Organization toDomain(OrganizationEntity e) {
        return new Organization(e.code, e.name, e.type, e.parent == null ? null : e.parent.code, e.status);
    }

    /** The organization with its ancestors. */
    public static OrgPath pathOf(OrganizationEntity e) {
        return switch (e.type) {
            case STATE -> OrgPath.ofState(toDomain(e));
            case LEA -> OrgPath.ofLea(toDomain(e.parent), toDomain(e));
            case SCHOOL -> OrgPath.ofSchool(toDomain(e.parent.parent), toDomain(e.parent), toDomain(e));
        };
    }

    /** The id of the organization's LEA (itself for an LEA), or null for the state. */
    public static Long leaIdOf(OrganizationEntity e) {
        return switch (e.type) {
            case STATE -> null;
            case LEA -> e.id;
            case SCHOOL -> e.parent.id;
        };
    }
}
