package org.tomsprov.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.tomsprov.domain.Role;

/**
 * SCIM Groups of an LEA: the role-at-organization pairs its identity provider created (table {@code scim_group})
 * or that someone holds there in a year, and who holds each.
 */
@ApplicationScoped
public class ScimGroupStore {

    /** A role at an organization of the LEA. */
    public record Group(Role role, long orgId, String orgCode, String orgName) {
    }

    /** One holder of a group's role: the assignment, the person and their email. */
    public record Member(Role role, long orgId, UUID assignmentId, UUID userId, String email) {
    }

    private final EntityManager em;

    ScimGroupStore(EntityManager em) {
        this.em = em;
    }

    /** The LEA's groups, created or held in the year, by organization code and role. */
    public List<Group> groups(long leaId, String year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select g.role_id, o.id, o.code, o.name
                from (select role_id, org_id from scim_group where lea_id = :lea
                      union
                      select distinct role_id, org_id from role_assignment
                      where lea_id = :lea and administration_year = :year) g
                join organization o on o.id = g.org_id
                order by o.code, g.role_id""").setParameter("lea", leaId).setParameter("year", year).getResultList();
        List<Group> groups = new ArrayList<>();
        rows.forEach(r -> groups.add(new Group(Role.valueOf((String) r[0]), ((Number) r[1]).longValue(), (String) r[2],
                (String) r[3])));
        return groups;
    }

    /** Who holds these organizations' roles in the year, in the order they were granted. */
    public List<Member> members(long leaId, String year, Collection<Long> orgIds) {
        if (orgIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select a.role_id, a.org_id, a.id, u.id, u.email
                from role_assignment a join app_user u on u.id = a.user_id
                where a.lea_id = :lea and a.administration_year = :year and a.org_id in (:orgs)
                order by a.created_at, a.id""").setParameter("lea", leaId).setParameter("year", year)
                .setParameter("orgs", List.copyOf(orgIds)).getResultList();
        List<Member> members = new ArrayList<>();
        rows.forEach(r -> members.add(new Member(Role.valueOf((String) r[0]), ((Number) r[1]).longValue(), (UUID) r[2],
                (UUID) r[3], (String) r[4])));
        return members;
    }

    /** Whether the person holds any role in the LEA in the year. */
    public boolean holdsAny(long leaId, String year, UUID userId) {
        return !em.createNativeQuery("""
                select 1 from role_assignment where user_id = ?1 and lea_id = ?2 and administration_year = ?3 limit 1""")
                .setParameter(1, userId).setParameter(2, leaId).setParameter(3, year).getResultList().isEmpty();
    }

    /** Keeps a created group; returns whether it was not kept before. */
    public boolean remember(long leaId, Role role, long orgId) {
        return em.createNativeQuery("""
                insert into scim_group (lea_id, role_id, org_id) values (?1, ?2, ?3) on conflict do nothing""")
                .setParameter(1, leaId).setParameter(2, role.name()).setParameter(3, orgId).executeUpdate() == 1;
    }

    public void forget(long leaId, Role role, long orgId) {
        em.createNativeQuery("delete from scim_group where lea_id = ?1 and role_id = ?2 and org_id = ?3")
                .setParameter(1, leaId).setParameter(2, role.name()).setParameter(3, orgId).executeUpdate();
    }
}
